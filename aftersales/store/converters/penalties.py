"""Penalty rows as views: violations with their entries, subjects named by code and name."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...domain.penalties.enums import (
    AppealDecision,
    DismissalReview,
    EntryKind,
    RuleKind,
    SubjectKind,
    ViolationStatus,
)
from ...domain.penalties.schemas import EntryView, SubjectRef, ViolationView
from ..models import Complaint, PenaltyEntry, Shop, Staff, Violation


@dataclass
class Names:
    """Codes and names of the staff, shops and complaints a batch of violations refers to."""

    staff: dict[int, tuple[str, str]] = field(default_factory=dict)
    shops: dict[int, tuple[str, str]] = field(default_factory=dict)
    complaints: dict[int, str] = field(default_factory=dict)
    entries: dict[int, list[EntryView]] = field(default_factory=lambda: defaultdict(list))


_STAFF_COLUMNS = ("subject_staff_id", "proposed_by_id", "decided_by_id", "appealed_by_id")


def names_for(rows: list[Violation], with_entries: bool = True) -> Names:
    """Everything the views of `rows` need, in four queries whatever their number."""
    names = Names()
    staff_ids = {getattr(row, column) for row in rows for column in _STAFF_COLUMNS} - {None}
    if staff_ids:
        for person in Staff.select(Staff.id, Staff.code, Staff.name).where(Staff.id.in_(staff_ids)):
            names.staff[person.id] = (person.code, person.name)
    shop_ids = {row.subject_shop_id for row in rows} - {None}
    if shop_ids:
        for shop in Shop.select(Shop.id, Shop.code, Shop.name).where(Shop.id.in_(shop_ids)):
            names.shops[shop.id] = (shop.code, shop.name)
    complaint_ids = {row.complaint_id for row in rows} - {None}
    if complaint_ids:
        for complaint in Complaint.select(Complaint.id, Complaint.number).where(Complaint.id.in_(complaint_ids)):
            names.complaints[complaint.id] = complaint.number
    if with_entries and rows:
        query = PenaltyEntry.select().where(PenaltyEntry.violation.in_([row.id for row in rows]))
        for entry in query.order_by(PenaltyEntry.id):
            names.entries[entry.violation_id].append(entry_view(entry))
    return names


def entry_view(row: PenaltyEntry) -> EntryView:
    return EntryView(
        id=row.id, violation_id=row.violation_id, month=row.month, kind=EntryKind(row.kind),
        amount_fen=row.amount_fen, tier_from=row.tier_from, tier_to=row.tier_to, note=row.note,
        deducted=row.deducted, created_at=row.created_at,
    )


def subject_ref(row: Violation, names: Names) -> SubjectRef:
    kind = SubjectKind(row.subject_kind)
    if kind is SubjectKind.STAFF:
        code, name = names.staff.get(row.subject_staff_id, ("?", ""))
    elif kind is SubjectKind.SHOP:
        code, name = names.shops.get(row.subject_shop_id, ("?", ""))
    else:
        code, name = "", ""
    return SubjectRef(kind=kind, code=code, name=name)


def _code(names: Names, staff_id: int | None) -> str | None:
    return names.staff.get(staff_id, ("?", ""))[0] if staff_id is not None else None


def violation_view(row: Violation, names: Names) -> ViolationView:
    return ViolationView(
        id=row.id,
        subject=subject_ref(row, names),
        subject_staff_id=row.subject_staff_id,
        rule_code=row.rule_code,
        rule_kind=RuleKind(row.rule_kind),
        incident_date=row.incident_date,
        complaint_id=row.complaint_id,
        complaint_number=names.complaints.get(row.complaint_id) if row.complaint_id else None,
        evidence=row.evidence,
        loss=row.loss,
        status=ViolationStatus(row.status),
        proposer_id=row.proposed_by_id,
        proposed_by=_code(names, row.proposed_by_id) or "?",
        proposed_at=row.proposed_at,
        decided_by=_code(names, row.decided_by_id),
        decided_at=row.decided_at,
        decision_note=row.decision_note,
        tier=row.tier,
        amount_fen=row.amount_fen,
        appeal_reason=row.appeal_reason,
        appellant_id=row.appealed_by_id,
        appeal_decision=AppealDecision(row.appeal_decision) if row.appeal_decision else None,
        appeal_note=row.appeal_note,
        review=DismissalReview(row.review),
        review_note=row.review_note,
        review_of=row.review_of_id,
        version=row.version,
        entries=tuple(names.entries.get(row.id, ())),
    )


def violation_views(rows: Iterable[Violation]) -> list[ViolationView]:
    listed = list(rows)
    names = names_for(listed)
    return [violation_view(row, names) for row in listed]
