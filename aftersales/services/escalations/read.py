"""Reading escalations: the review queue, a complaint's escalations, a reviewer's open count."""

from typing import Any

from peewee import JOIN, SQL, Case, fn

from ...domain.enums import Role
from ...domain.errors import NotFound
from ...domain.escalations.enums import LEVEL_LEAD, LEVEL_MANAGER, EscalationState
from ...domain.escalations.schemas import EscalationView
from ...domain.permissions import Action, allowed
from ...domain.schemas import StaffView
from ...store.models import Complaint, Escalation, Shop, Staff
from ..unit import unit_of_work

Raiser = Staff.alias("raiser")
Acknowledger = Staff.alias("acknowledger")
Closer = Staff.alias("closer")
Assignee = Staff.alias("assignee")

# Written out (not a bound parameter) so the planner can prove the partial index escalation_review applies.
_OPEN = SQL(f"state <> '{EscalationState.CLOSED.value}'")
# The review queue shows the first this many (a reviewer works from the top; the badge counts them all).
REVIEW_PAGE = 100


def _select() -> Any:
    return (
        Escalation.select(
            Escalation.id, Escalation.complaint.alias("complaint_id"), Escalation.level, Escalation.trigger,
            Escalation.reason, Escalation.state, Escalation.raised_at, Escalation.acknowledged_at,
            Escalation.instructions, Escalation.decision, Escalation.closed_at, Escalation.version,
            Complaint.number, Complaint.severity, Complaint.status, Shop.name.alias("shop_name"),
            Assignee.code.alias("assignee_code"), Raiser.code.alias("raised_by"),
            Acknowledger.code.alias("acknowledged_by"), Closer.code.alias("closed_by"),
        )
        .join(Complaint, on=(Escalation.complaint == Complaint.id))
        .join(Shop, on=(Complaint.shop == Shop.id))
        .switch(Escalation)
        .join(Assignee, JOIN.LEFT_OUTER, on=(Complaint.assignee == Assignee.id))
        .switch(Escalation)
        .join(Raiser, JOIN.LEFT_OUTER, on=(Escalation.raised_by == Raiser.id))
        .switch(Escalation)
        .join(Acknowledger, JOIN.LEFT_OUTER, on=(Escalation.acknowledged_by == Acknowledger.id))
        .switch(Escalation)
        .join(Closer, JOIN.LEFT_OUTER, on=(Escalation.closed_by == Closer.id))
    )


def _views(query: Any) -> list[EscalationView]:
    return [EscalationView.model_validate(row) for row in query.dicts()]


@unit_of_work
def escalation_by_id(escalation_id: int) -> EscalationView:
    found = _views(_select().where(Escalation.id == escalation_id))
    if not found:
        raise NotFound(what=str(escalation_id))
    return found[0]


@unit_of_work
def reviewable_levels(role: Role) -> tuple[int, ...]:
    """The levels a role reviews: the lead level 1, the manager both, others none."""
    if allowed(role, Action.REVIEW_LEVEL2):
        return (LEVEL_LEAD, LEVEL_MANAGER)
    if allowed(role, Action.REVIEW_LEVEL1):
        return (LEVEL_LEAD,)
    return ()


def _reviewed_by(levels: tuple[int, ...]) -> Any:
    """Open escalations at `levels` (the manager's are every level: no condition, the index alone)."""
    return _OPEN if set(levels) >= {LEVEL_LEAD, LEVEL_MANAGER} else _OPEN & Escalation.level.in_(levels)


@unit_of_work
def review_queue(actor: StaffView, limit: int = REVIEW_PAGE) -> list[EscalationView]:
    """Open escalations `actor` reviews: level 2 first, then the most severe, then the oldest (the first
    `limit`, read in the order of the escalation_review index)."""
    levels = reviewable_levels(actor.role)
    if not levels:
        return []
    query = (
        _select()
        .where(_reviewed_by(levels))
        .order_by(Escalation.level.desc(), Escalation.severity_rank.desc(), Escalation.raised_at, Escalation.id)
        .limit(limit)
    )
    return _views(query)


@unit_of_work
def open_count(actor: StaffView) -> int:
    """The top bar's badge: open escalations `actor` reviews (0 for those who review none)."""
    levels = reviewable_levels(actor.role)
    if not levels:
        return 0
    return _count(_reviewed_by(levels))


# Counts stop here: a badge or a card shows "999+" beyond, and counting further would cost every reader.
COUNT_CAP = 1000


def _count(condition: Any) -> int:
    """How many escalations meet `condition`, up to COUNT_CAP, read from the escalation_review index alone."""
    capped = Escalation.select(SQL("1")).where(condition).limit(COUNT_CAP)
    return int(Escalation.select(fn.COUNT(SQL("*"))).from_(capped.alias("capped")).scalar() or 0)


def all_open_count() -> int:
    """Escalations not yet closed, at every level."""
    return _count(_OPEN)


@unit_of_work
def complaint_escalations(complaint_id: int) -> list[EscalationView]:
    """Every escalation of one complaint, newest first (the detail shows them to everyone)."""
    return _views(_select().where(Escalation.complaint == complaint_id).order_by(Escalation.id.desc()))


def escalation_marks(complaint_ids: list[int]) -> dict[int, tuple[int, bool]]:
    """For queue lines: per complaint with open escalations, the highest open level and whether a
    reviewer left instructions."""
    if not complaint_ids:
        return {}
    instructed = Case(None, [(Escalation.instructions != "", 1)], 0)
    query = (
        Escalation.select(Escalation.complaint, Escalation.level, instructed.alias("instructed"))
        .where(_OPEN & Escalation.complaint.in_(complaint_ids))
        .tuples()
    )
    marks: dict[int, tuple[int, bool]] = {}
    for complaint_id, level, has_text in query:
        old_level, old_text = marks.get(complaint_id, (0, False))
        marks[complaint_id] = (max(old_level, level), old_text or bool(has_text))
    return marks


@unit_of_work
def most_escalated_complaint() -> int | None:
    """The complaint with the most escalations still open (the newest on a tie); None when none is open."""
    row = (Escalation.select(Escalation.complaint, fn.COUNT(Escalation.id).alias("n"))
           .where(Escalation.state != EscalationState.CLOSED.value).group_by(Escalation.complaint)
           .order_by(fn.COUNT(Escalation.id).desc(), Escalation.complaint.desc()).first())
    return int(row.complaint_id) if row else None
