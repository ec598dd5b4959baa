"""What reviewers do with an escalation: acknowledge, instruct, reassign, raise to level 2, close.

Team leads review level 1, the manager both levels; anyone else is refused and the refusal audited.
Two reviewers may act on one escalation at once: every change checks the version it was shown.
"""

from datetime import datetime
from typing import Any

from ...domain.enums import EventKind
from ...domain.errors import ConflictError, FieldError, InvalidInput, NotFound
from ...domain.escalations.enums import LEVEL_LEAD, LEVEL_MANAGER, EscalationState
from ...domain.escalations.schemas import CloseInput, EscalationView, InstructInput, ReassignInput
from ...domain.permissions import Action
from ...domain.schemas import StaffView
from ...store.db import write_transaction
from ...store.models import Complaint, Escalation
from ...store.versioned import VersionedRecord
from ..audit import append_event
from ..complaints.actions import assign
from ..context import Desk
from ..guard import require
from ..unit import unit_of_work
from ..validation import validate
from .read import escalation_by_id


def _permitted(desk: Desk, actor: StaffView, escalation_id: int) -> Escalation:
    """The escalation, once `actor` may review its level (refusals are audited on its complaint)."""
    row = ESCALATION_RECORD.load(escalation_id)
    require(desk, actor, Action.REVIEW_LEVEL1, row.complaint_id)
    if row.level >= LEVEL_MANAGER:
        require(desk, actor, Action.REVIEW_LEVEL2, row.complaint_id)
    return row


def _changed_since(row: Escalation, _version: int) -> ConflictError:
    number = str(Complaint.select(Complaint.number).where(Complaint.id == row.complaint_id).scalar())
    return ConflictError(number=number)


ESCALATION_RECORD = VersionedRecord(
    Escalation,
    missing=lambda escalation_id: NotFound(what=str(escalation_id)),
    conflict=_changed_since,
)


def _save(row: Escalation, version: int, changes: dict[str, Any]) -> None:
    """Save over `version`; a closed escalation is refused first, so a stale view of it hears that it is closed."""
    if EscalationState(row.state) is EscalationState.CLOSED:
        raise InvalidInput({"escalation": FieldError("escalations.error.already_closed")})
    ESCALATION_RECORD.save(row, version, changes)


def _event(now: datetime, actor: StaffView, row: Escalation, kind: EventKind, old: str = "", new: str = "",
           note: str = "") -> None:
    append_event(now, actor, kind, complaint_id=row.complaint_id, field="escalation", old=old, new=new, note=note)


@unit_of_work
def acknowledge(desk: Desk, actor: StaffView, escalation_id: int, version: int) -> EscalationView:
    """The reviewer has seen it and takes it on."""
    row = _permitted(desk, actor, escalation_id)
    now = desk.clock()
    with write_transaction(f"acknowledging escalation #{escalation_id}"):
        row = ESCALATION_RECORD.load(escalation_id)
        if EscalationState(row.state) is not EscalationState.OPEN:
            raise InvalidInput({"escalation": FieldError("escalations.error.not_open")})
        _save(row, version, {"state": EscalationState.ACKNOWLEDGED.value, "acknowledged_by": actor.id,
                             "acknowledged_at": now})
        _event(now, actor, row, EventKind.ESCALATION_ACKNOWLEDGED, new=str(row.level))
    return escalation_by_id(escalation_id)


@unit_of_work
def instruct(desk: Desk, actor: StaffView, escalation_id: int, data: InstructInput | dict[str, object],
             version: int) -> EscalationView:
    """Instructions for whoever works on the complaint: on its timeline and marked in their queue."""
    row = _permitted(desk, actor, escalation_id)
    valid = validate(InstructInput, data)
    now = desk.clock()
    with write_transaction(f"instructing on escalation #{escalation_id}"):
        row = ESCALATION_RECORD.load(escalation_id)
        changes: dict[str, Any] = {"instructions": valid.text}
        if EscalationState(row.state) is EscalationState.OPEN:
            changes.update(state=EscalationState.ACKNOWLEDGED.value, acknowledged_by=actor.id, acknowledged_at=now)
        _save(row, version, changes)
        _event(now, actor, row, EventKind.INSTRUCTED, new=str(row.level), note=valid.text)
    return escalation_by_id(escalation_id)


@unit_of_work
def reassign(desk: Desk, actor: StaffView, escalation_id: int, data: ReassignInput | dict[str, object]) -> EscalationView:
    """Give the escalated complaint to someone else (the complaint's own assign, with its rules and event)."""
    row = _permitted(desk, actor, escalation_id)
    valid = validate(ReassignInput, data)
    if EscalationState(row.state) is EscalationState.CLOSED:
        raise InvalidInput({"staff_code": FieldError("escalations.error.already_closed")})
    version = int(Complaint.select(Complaint.version).where(Complaint.id == row.complaint_id).scalar())
    assign(desk, actor, row.complaint_id, valid.staff_code, version)
    return escalation_by_id(escalation_id)


@unit_of_work
def raise_level(desk: Desk, actor: StaffView, escalation_id: int, version: int, note: str = "") -> EscalationView:
    """Hand a level-1 escalation up to the management manager; it is open again at level 2."""
    row = _permitted(desk, actor, escalation_id)
    if row.level != LEVEL_LEAD:
        raise InvalidInput({"escalation": FieldError("escalations.error.already_level2")})
    now = desk.clock()
    with write_transaction(f"raising escalation #{escalation_id}"):
        row = ESCALATION_RECORD.load(escalation_id)
        _save(row, version, {"level": LEVEL_MANAGER, "state": EscalationState.OPEN.value})
        _event(now, actor, row, EventKind.ESCALATION_RAISED, old=str(LEVEL_LEAD), new=str(LEVEL_MANAGER), note=note)
    return escalation_by_id(escalation_id)


@unit_of_work
def close(desk: Desk, actor: StaffView, escalation_id: int, data: CloseInput | dict[str, object],
          version: int) -> EscalationView:
    """Close the escalation with the reviewer's decision (the complaint itself stays as it is)."""
    row = _permitted(desk, actor, escalation_id)
    valid = validate(CloseInput, data)
    now = desk.clock()
    with write_transaction(f"closing escalation #{escalation_id}"):
        row = ESCALATION_RECORD.load(escalation_id)
        changes: dict[str, Any] = {"state": EscalationState.CLOSED.value, "decision": valid.decision,
                                   "closed_by": actor.id, "closed_at": now}
        if row.acknowledged_at is None:
            changes.update(acknowledged_by=actor.id, acknowledged_at=now)
        _save(row, version, changes)
        _event(now, actor, row, EventKind.ESCALATION_CLOSED, new=str(row.level), note=valid.decision)
    return escalation_by_id(escalation_id)
