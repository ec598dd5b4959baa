"""Raising escalations: by hand from the detail, at intake for major incidents, and the shared insert."""

from datetime import datetime

from ...domain.enums import ComplaintStatus, EventKind, Severity
from ...domain.errors import FieldError, InvalidInput, NotFound
from ...domain.escalations.enums import LEVEL_LEAD, LEVEL_MANAGER, EscalationTrigger, SweepRule
from ...domain.escalations.schemas import EscalateInput, EscalationView
from ...domain.permissions import Action
from ...domain.schemas import StaffView
from ...store.db import write_transaction
from ...store.models import Complaint, Escalation
from ..audit import EventDraft, append_events
from ..context import Desk
from ..guard import require
from ..unit import unit_of_work
from ..validation import validate
from .read import escalation_by_id

_COLUMNS = ("complaint_id, level, trigger, rule, reason, state, raised_by_id, raised_at, instructions, decision, "
            "version, severity_rank")


def insert_escalation(
    complaint_id: int, level: int, trigger: EscalationTrigger, rule: SweepRule | None, reason: str,
    raised_by: int | None, at: datetime,
) -> int | None:
    """Insert one escalation inside the caller's write transaction; its id, or None when the complaint
    already has one from `rule` (the unique (complaint, rule) index decides, not a check beforehand)."""
    db = Escalation._meta.database
    mark = db.obj.param
    found = db.execute_sql(
        f"INSERT INTO escalation ({_COLUMNS}) SELECT {', '.join([mark] * 11)}, severity_rank FROM complaint "
        f"WHERE id = {mark} ON CONFLICT DO NOTHING RETURNING id",
        (complaint_id, level, trigger.value, rule.value if rule else None, reason, "open", raised_by,
         int(at.timestamp()), "", "", 1, complaint_id),
    ).fetchone()
    return int(found[0]) if found else None


def escalated_event(at: datetime, actor_id: int | None, complaint_id: int, level: int,
                    trigger: EscalationTrigger, reason: str) -> EventDraft:
    """The timeline's line for a new escalation: its trigger and level, the reason as the note."""
    return EventDraft(at, actor_id, EventKind.ESCALATED, complaint_id, field="escalation",
                      old=trigger.value, new=str(level), note=reason)


def intake_escalation(severity: Severity, major_reason: str | None) -> tuple[EscalationTrigger, str] | None:
    """A major incident, or a critical complaint, goes to the manager at once (重大突发事件及时上报商管部经理)."""
    if major_reason:
        return EscalationTrigger.MAJOR_INCIDENT, major_reason
    if severity is Severity.CRITICAL:
        return EscalationTrigger.CRITICAL, ""
    return None


def escalate_at_intake(complaint_id: int, severity: Severity, major_reason: str | None,
                       actor: StaffView | None, at: datetime) -> None:
    """Inside intake's write transaction: raise the level-2 escalation a new complaint calls for, if any."""
    found = intake_escalation(severity, major_reason)
    if found is None:
        return
    trigger, reason = found
    actor_id = actor.id if actor else None
    if insert_escalation(complaint_id, LEVEL_MANAGER, trigger, SweepRule.INTAKE, reason, actor_id, at) is not None:
        append_events([escalated_event(at, actor_id, complaint_id, LEVEL_MANAGER, trigger, reason)])


@unit_of_work
def escalate(desk: Desk, actor: StaffView, complaint_id: int, data: EscalateInput | dict[str, object]) -> EscalationView:
    """Escalate a complaint to the team lead by hand, with a reason."""
    require(desk, actor, Action.ESCALATE, complaint_id)
    valid = validate(EscalateInput, data)
    status = Complaint.select(Complaint.status).where(Complaint.id == complaint_id).scalar()
    if status is None:
        raise NotFound(what=str(complaint_id))
    if ComplaintStatus(status) is ComplaintStatus.CLOSED:
        raise InvalidInput({"reason": FieldError("escalations.error.closed")})
    now = desk.clock()
    with write_transaction(f"escalating complaint #{complaint_id}"):
        new_id = insert_escalation(complaint_id, LEVEL_LEAD, EscalationTrigger.MANUAL, None, valid.reason, actor.id, now)
        assert new_id is not None  # manual escalations have no rule, so nothing conflicts
        append_events([escalated_event(now, actor.id, complaint_id, LEVEL_LEAD, EscalationTrigger.MANUAL, valid.reason)])
    return escalation_by_id(new_id)
