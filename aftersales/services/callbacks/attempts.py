"""Calling the customer back: each attempt logged, and what the outcome does to the complaint.

Satisfied or partly satisfied with the resolution: the complaint closes. Satisfied with a delivery that
solved the problem (`solved`): the complaint is resolved and closed by that one call. Unsatisfied: it goes back to
investigating with the reason on its timeline. Unreachable: tried again later; after attempts on three
different days the desk may close the complaint with that outcome (`close_unreachable`).
"""

from typing import Any

from ...domain.callbacks import (
    CONFIRMED,
    REACHED,
    UNREACHABLE_DAYS,
    AttemptInput,
    CallbackOutcome,
    CallbackPurpose,
    CallbackStatus,
    CallbackView,
    may_give_up,
    unreachable_days,
)
from ...domain.deliveries import event_details
from ...domain.enums import CloseOutcome, ComplaintStatus, EventKind
from ...domain.errors import ConflictError, FieldError, InvalidInput, NotFound, TransitionRefused
from ...domain.permissions import Action
from ...domain.schemas import ComplaintView, StaffView
from ...domain.status_machine import Move, check_move
from ...store.converters import complaint_view
from ...store.db import write_transaction
from ...store.models import Callback, CallbackAttempt, Complaint
from ...store.versioned import VersionedRecord
from ..audit import append_event
from ..complaints.record import load_complaint, save_complaint
from ..context import Desk
from ..guard import require
from ..unit import unit_of_work
from ..validation import validate
from .closing import close_after_callback, resolve_by_delivery
from .read import get_callback
from .tasks import resolution_callback

_PENDING = CallbackStatus.PENDING.value


def _recorded_since(row: Callback, _version: int) -> ConflictError:
    number = Complaint.select(Complaint.number).where(Complaint.id == row.complaint_id).scalar()
    return ConflictError(number=number)


CALLBACK_RECORD = VersionedRecord(
    Callback,
    missing=lambda callback_id: NotFound(what=str(callback_id)),
    conflict=_recorded_since,
)


def _attempts_of(callback_id: int) -> list[tuple[Any, CallbackOutcome]]:
    rows = CallbackAttempt.select(CallbackAttempt.at, CallbackAttempt.outcome).where(
        CallbackAttempt.callback == callback_id
    )
    return [(row.at, CallbackOutcome(row.outcome)) for row in rows]


def _complaint_id_of(callback_id: int) -> int | None:
    found = Callback.select(Callback.complaint).where(Callback.id == callback_id).scalar()
    return int(found) if found is not None else None


@unit_of_work
def record_attempt(
    desk: Desk, actor: StaffView, callback_id: int, data: AttemptInput | dict[str, object], version: int
) -> CallbackView:
    """Log one call and act on its outcome (see the module's docstring); one event per change."""
    complaint_id = _complaint_id_of(callback_id)
    require(desk, actor, Action.CALLBACK, complaint_id)
    valid = validate(AttemptInput, data)
    if valid.solved and valid.outcome not in CONFIRMED:
        raise InvalidInput({"solved": FieldError("validation.solved_unconfirmed")})
    if valid.solved:
        # One call resolves the complaint as well: whoever makes it must be allowed to resolve.
        require(desk, actor, Action.RESOLVE, complaint_id)
    now = desk.clock()
    with write_transaction(f"recording call-back #{callback_id}"):
        row = CALLBACK_RECORD.load(callback_id, version)
        if row.status != _PENDING:
            raise TransitionRefused("error.callback.finished", status=row.status)
        CallbackAttempt.create(callback=row.id, at=now, outcome=valid.outcome.value,
                               satisfaction=valid.satisfaction, note=valid.note, actor=actor.id)
        purpose = CallbackPurpose(row.purpose)
        append_event(
            now, actor, EventKind.CALLBACK_ATTEMPT, complaint_id=row.complaint_id, field="callback",
            old=purpose.value,
            new=event_details(outcome=valid.outcome.value, satisfaction=valid.satisfaction),
            note=valid.note, customer_contact=valid.outcome in REACHED,
        )
        changes: dict[str, Any] = {"attempts": Callback.attempts + 1}
        finished = valid.outcome in REACHED or (
            purpose is not CallbackPurpose.CONFIRM_RESOLUTION
            and may_give_up(_attempts_of(row.id), desk.sla.zone)
        )
        if finished:
            changes.update(status=CallbackStatus.DONE.value, outcome=valid.outcome.value,
                           satisfaction=valid.satisfaction, finished_at=now)
        CALLBACK_RECORD.save(row, version, changes)
        complaint = Complaint.get_by_id(row.complaint_id)
        resolved = complaint.status == ComplaintStatus.RESOLVED.value
        if valid.solved:
            resolve_by_delivery(desk, actor, row, valid.satisfaction, valid.note)
        elif resolved and purpose is CallbackPurpose.CONFIRM_RESOLUTION and valid.outcome in CONFIRMED:
            close_after_callback(desk, actor, complaint, CloseOutcome.CALLBACK_CONFIRMED, valid.satisfaction)
        elif resolved and valid.outcome is CallbackOutcome.UNSATISFIED:
            check_move(ComplaintStatus.RESOLVED, ComplaintStatus.INVESTIGATING, Move.REOPEN)
            save_complaint(complaint, complaint.version, {"status": ComplaintStatus.INVESTIGATING.value}, desk)
            append_event(
                now, actor, EventKind.REOPENED, complaint_id=complaint.id, field="status",
                old=ComplaintStatus.RESOLVED.value, new=ComplaintStatus.INVESTIGATING.value, note=valid.note,
            )
    return get_callback(callback_id, desk.sla.zone)


@unit_of_work
def close_unreachable(desk: Desk, actor: StaffView, complaint_id: int, version: int) -> ComplaintView:
    """Close a resolved complaint whose customer could not be reached on three different days.

    Refused, with how far the calls got, while its resolution call-back is still pending otherwise.
    """
    require(desk, actor, Action.CALLBACK, complaint_id)
    with write_transaction(f"closing complaint #{complaint_id} after its call-back"):
        complaint = load_complaint(complaint_id, version)
        current = ComplaintStatus(complaint.status)
        check_move(current, ComplaintStatus.CLOSED, Move.CLOSE_AFTER_CALLBACK, callback_completed=True)
        callback = resolution_callback(complaint.id)
        tried = _attempts_of(callback.id) if callback is not None else []
        days = unreachable_days(tried, desk.sla.zone)
        if callback is None or callback.status != _PENDING or days < UNREACHABLE_DAYS:
            raise TransitionRefused("error.callback.pending", number=complaint.number, days=days,
                                    needed=UNREACHABLE_DAYS)
        now = desk.clock()
        CALLBACK_RECORD.save(callback, callback.version, {
            "status": CallbackStatus.DONE.value, "outcome": CallbackOutcome.UNREACHABLE.value, "finished_at": now,
        })
        close_after_callback(desk, actor, complaint, CloseOutcome.CALLBACK_UNREACHABLE, None)
        return complaint_view(Complaint.get_by_id(complaint_id))
