"""The escalation sweep: run every minute by the desk and by `aftersales sweep` from cron (it also computes
the last complete month's quality signals once a day, see services/quality/signals.py).

Each rule reads only the complaints whose stored deadline has passed (through an index on the open
deadlines) and that the rule has not escalated yet; a pause still running or ended is then taken into
account exactly. The unique (complaint, rule) index makes the sweep safe to run twice, or in two
processes at once: the second insert of the same escalation does nothing.
"""

from datetime import datetime, timedelta
from typing import Any

from peewee import SQL, fn

from ...domain.enums import ComplaintStatus
from ...domain.escalations.enums import LEVEL_LEAD, LEVEL_MANAGER, EscalationTrigger, SweepRule
from ...domain.escalations.schemas import SweepResult
from ...domain.sla import Hold, SlaPolicy, seconds_left
from ...store.db import write_transaction
from ...store.models import Complaint, Escalation
from ..audit import EventDraft, append_events
from ..context import Desk
from ..quality.signals import compute_due
from ..unit import unit_of_work
from .raising import escalated_event, insert_escalation
from .read import escalation_by_id

Raise = tuple[int, int, EscalationTrigger, SweepRule]


def _not_escalated(rule: SweepRule) -> Any:
    already = Escalation.select(Escalation.id).where(
        (Escalation.complaint == Complaint.id) & (Escalation.rule == rule.value)
    )
    return ~fn.EXISTS(already)


def _hold(row: dict[str, Any]) -> Hold | None:
    since = row["hold_since"]
    return Hold(since, row["hold_until"]) if since is not None else None


def _ack_overdue(now: datetime) -> list[Raise]:
    query = (
        Complaint.select(Complaint.id)
        # The status written out, not bound: the planner then reads the partial index complaint_new_ack_due.
        .where(SQL(f"status = '{ComplaintStatus.NEW.value}'") & (Complaint.ack_due_at < now)
               & _not_escalated(SweepRule.ACK))
        .tuples()
    )
    return [(row[0], LEVEL_LEAD, EscalationTrigger.ACK_OVERDUE, SweepRule.ACK) for row in query]


def _resolution_candidates(rule: SweepRule, before: datetime) -> list[dict[str, Any]]:
    query = (
        Complaint.select(Complaint.id, Complaint.resolve_due_at, Complaint.hold_since, Complaint.hold_until)
        .where((Complaint.open_due_at < before)
               & (Complaint.status != ComplaintStatus.AWAITING_CUSTOMER.value)
               & _not_escalated(rule))
        .dicts()
    )
    return list(query)


def _overdue_by(row: dict[str, Any], now: datetime, policy: SlaPolicy) -> int:
    return -seconds_left(row["resolve_due_at"], now, policy, _hold(row))


def _resolution_overdue(
    candidates: list[dict[str, Any]], now: datetime, policy: SlaPolicy, ack_breached: set[int]
) -> list[Raise]:
    found: list[Raise] = []
    for row in candidates:
        if _overdue_by(row, now, policy) <= 0:
            continue
        # A complaint that already missed its acknowledgement breaches a second time: the manager's.
        if row["id"] in ack_breached:
            found.append((row["id"], LEVEL_MANAGER, EscalationTrigger.SECOND_BREACH, SweepRule.RESOLVE))
        else:
            found.append((row["id"], LEVEL_LEAD, EscalationTrigger.RESOLVE_OVERDUE, SweepRule.RESOLVE))
    return found


def _long_overdue(now: datetime, policy: SlaPolicy) -> list[Raise]:
    day = policy.day_minutes * 60
    # A business day takes at least its opening hours of wall time, so older deadlines only.
    return [
        (row["id"], LEVEL_MANAGER, EscalationTrigger.LONG_OVERDUE, SweepRule.LATE)
        for row in _resolution_candidates(SweepRule.LATE, now - timedelta(seconds=day))
        if _overdue_by(row, now, policy) > day
    ]


def _ack_breached(complaint_ids: list[int]) -> set[int]:
    if not complaint_ids:
        return set()
    query = Escalation.select(Escalation.complaint).where(
        (Escalation.rule == SweepRule.ACK.value) & Escalation.complaint.in_(complaint_ids)
    )
    return {row.complaint_id for row in query}


@unit_of_work
def due_escalations(desk: Desk) -> list[Raise]:
    """What the sweep would raise now: (complaint id, level, trigger, rule), read without the write lock."""
    now, policy = desk.clock(), desk.sla
    ack = _ack_overdue(now)
    candidates = _resolution_candidates(SweepRule.RESOLVE, now)
    breached = _ack_breached([row["id"] for row in candidates]) | {complaint_id for complaint_id, *_ in ack}
    return [*ack, *_resolution_overdue(candidates, now, policy, breached), *_long_overdue(now, policy)]


@unit_of_work
def sweep(desk: Desk) -> SweepResult:
    """Raise every escalation that is due and not raised yet; returns what this run raised. The same run
    computes the quality signals of the last complete month, once a day."""
    result = _raise_due(desk)
    compute_due(desk)
    return result


def _raise_due(desk: Desk) -> SweepResult:
    due = due_escalations(desk)
    if not due:
        return SweepResult(raised=[], looked_at=0)
    now = desk.clock()
    raised: list[int] = []
    with write_transaction("raising escalations"):
        events: list[EventDraft] = []
        for complaint_id, level, trigger, rule in due:
            new_id = insert_escalation(complaint_id, level, trigger, rule, "", None, now)
            if new_id is not None:  # None: another sweep raised it first
                raised.append(new_id)
                events.append(escalated_event(now, None, complaint_id, level, trigger, ""))
        append_events(events)
    return SweepResult(raised=[escalation_by_id(escalation_id) for escalation_id in raised], looked_at=len(due))
