"""Payroll months: per person the month's deductions and adjustments, and finalising (locking) a month."""

from collections import defaultdict

from ...domain.enums import EventKind
from ...domain.penalties.enums import EntryKind, SubjectKind, ViolationStatus
from ...domain.penalties.months import MonthRefused, check_reportable, month_of, parse_month
from ...domain.penalties.schemas import PayrollLine, PayrollPerson, PayrollReport, SubjectRef
from ...domain.permissions import Action
from ...domain.schemas import StaffView
from ...store.converters.penalties import names_for, subject_ref
from ...store.db import write_transaction
from ...store.models import PayrollMonth, PenaltyEntry, Staff, Violation
from ..audit import append_event
from ..context import Desk
from ..guard import require
from ..unit import unit_of_work
from .ledger import serialise

_KIND_ORDER = {SubjectKind.STAFF: 0, SubjectKind.SHOP: 1, SubjectKind.DEPARTMENT: 2}


def checked_month(desk: Desk, text: str) -> str:
    """`text` as a payroll month that has begun; refused in one line otherwise."""
    month = parse_month(text)
    check_reportable(month, month_of(desk.clock(), desk.sla.zone))
    return month


@unit_of_work
def payroll_report(desk: Desk, actor: StaffView | None, month: str) -> PayrollReport:
    """The month's entries per person with totals; `actor` None is the command line (whoever reads the file)."""
    if actor is not None:
        require(desk, actor, Action.VIEW_PENALTIES)
    month = checked_month(desk, month)
    entries = list(PenaltyEntry.select().where(PenaltyEntry.month == month).order_by(PenaltyEntry.id))
    violations = {
        row.id: row for row in Violation.select().where(Violation.id.in_({e.violation_id for e in entries}))
    } if entries else {}
    names = names_for(list(violations.values()), with_entries=False)
    grouped: dict[SubjectRef, list[PayrollLine]] = defaultdict(list)
    for entry in entries:
        violation = violations[entry.violation_id]
        grouped[subject_ref(violation, names)].append(PayrollLine(
            violation_id=violation.id, rule_code=violation.rule_code, incident_date=violation.incident_date,
            tier_from=entry.tier_from, tier_to=entry.tier_to,
            kind=EntryKind(entry.kind), amount_fen=entry.amount_fen, note=entry.note, deducted=entry.deducted,
        ))
    people = tuple(
        PayrollPerson(subject=subject, lines=tuple(sorted(lines, key=lambda line: (line.incident_date, line.violation_id))),
                      total_fen=sum(line.amount_fen for line in lines))
        for subject, lines in sorted(grouped.items(), key=lambda item: (_KIND_ORDER[item[0].kind], item[0].code))
    )
    final = PayrollMonth.get_or_none(PayrollMonth.month == month)
    by = Staff.select(Staff.code).where(Staff.id == final.finalised_by_id).scalar() if final else None
    return PayrollReport(
        month=month, final=final is not None, finalised_at=final.finalised_at if final else None,
        finalised_by=by, people=people, total_fen=sum(person.total_fen for person in people),
    )


@unit_of_work
def finalise_month(desk: Desk, actor: StaffView, month: str) -> PayrollReport:
    """Mark the month's entries deducted and lock it: later changes go to the next open month."""
    require(desk, actor, Action.FINALISE_PAYROLL)
    month = checked_month(desk, month)
    with write_transaction(f"finalising payroll month {month}"):
        serialise()
        if PayrollMonth.get_or_none(PayrollMonth.month == month) is not None:
            raise MonthRefused("penalties.error.month_final", month=month)
        entries = list(PenaltyEntry.select().where(PenaltyEntry.month == month))
        total = sum(entry.amount_fen for entry in entries)
        PenaltyEntry.update(deducted=True).where(PenaltyEntry.month == month).execute()
        ids = list({entry.violation_id for entry in entries})
        if ids:
            Violation.update(status=ViolationStatus.DEDUCTED.value, version=Violation.version + 1).where(
                Violation.id.in_(ids) & (Violation.status == ViolationStatus.CONFIRMED.value)
            ).execute()
        PayrollMonth.create(month=month, finalised_at=desk.clock(), finalised_by=actor.id, entries=len(entries),
                            total_fen=total)
        append_event(desk.clock(), actor, EventKind.PAYROLL_FINALISED, field="payroll", new=month,
                     note=f"{len(entries)} entries · {total} fen")
    return payroll_report(desk, actor, month)
