"""What operators do to an open complaint; every change checks the version it was shown."""

from typing import Any

from ...domain.callbacks import CallbackPurpose
from ...domain.enums import CloseOutcome, ComplaintStatus, EventKind, Remedy, Role
from ...domain.errors import FieldError, InvalidInput, PermissionDenied, TransitionRefused
from ...domain.money import MoneyKind
from ...domain.permissions import Action, allowed
from ...domain.schemas import ComplaintView, NoteInput, ResolveInput, StaffView, WithdrawInput
from ...domain.status_machine import ORDER_DRIVEN, PLAIN_MOVES, Move, check_move, legal_moves
from ...store.converters import complaint_view
from ...store.db import write_transaction
from ...store.models import Complaint, Staff
from ..audit import append_event
from ..callbacks.closing import close_after_callback, recent_confirmation
from ..callbacks.tasks import drop_pending_callbacks, follow_assignee, open_callback
from ..context import Desk
from ..deliveries.read import open_order_count
from ..deliveries.withdrawal import cancel_open_orders
from ..guard import deny, require
from ..money.entries import add_entry, paid_out
from ..staff.lookup import staff_row
from ..unit import unit_of_work
from ..validation import validate
from .hold import delivery_promise_for, hold_changes
from .record import load_complaint, save_complaint


def _reload(complaint_id: int) -> ComplaintView:
    """The complaint as saved, read after COMMIT so the write lock is not held for it."""
    return complaint_view(Complaint.get_by_id(complaint_id))


def _move(
    desk: Desk,
    actor: StaffView,
    row: Complaint,
    version: int,
    target: ComplaintStatus,
    move: Move,
    extra: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    current = ComplaintStatus(row.status)
    check_move(current, target, move)
    paused = hold_changes(row, target, desk.clock(), desk.sla, delivery_promise_for(desk.sla))
    save_complaint(row, version, {"status": target.value, **paused, **(extra or {})}, desk)
    append_event(
        desk.clock(), actor, EventKind.STATUS, complaint_id=row.id, field="status",
        old=current.value, new=target.value, note=note,
    )


@unit_of_work
def acknowledge(desk: Desk, actor: StaffView, complaint_id: int, version: int) -> ComplaintView:
    require(desk, actor, Action.ACKNOWLEDGE, complaint_id)
    with write_transaction(f"acknowledging complaint #{complaint_id}"):
        row = load_complaint(complaint_id, version)
        current = ComplaintStatus(row.status)
        check_move(current, ComplaintStatus.ACKNOWLEDGED, Move.ACKNOWLEDGE)
        changes: dict[str, Any] = {"status": ComplaintStatus.ACKNOWLEDGED.value, "acknowledged_at": desk.clock()}
        takes_it = row.assignee_id is None and actor.role is not Role.ADMIN
        if takes_it:
            changes["assignee"] = actor.id
        save_complaint(row, version, changes, desk)
        append_event(
            desk.clock(), actor, EventKind.ACKNOWLEDGED, complaint_id=row.id, field="status",
            old=current.value, new=ComplaintStatus.ACKNOWLEDGED.value,
        )
        if takes_it:
            # Every change of assignee is an event of its own, whichever action made it.
            append_event(
                desk.clock(), actor, EventKind.ASSIGNED, complaint_id=row.id, field="assignee", old="",
                new=actor.code,
            )
    return _reload(complaint_id)


@unit_of_work
def assign(desk: Desk, actor: StaffView, complaint_id: int, staff_code: str, version: int) -> ComplaintView:
    """Give the complaint to a desk member; operators may only take an unassigned or own one."""
    require(desk, actor, Action.ASSIGN_SELF, complaint_id)
    if not allowed(actor.role, Action.ASSIGN_ANY):
        owner = load_complaint(complaint_id).assignee_id
        if staff_code.strip().lower() != actor.code.lower() or owner not in (None, actor.id):
            deny(
                desk, actor, Action.ASSIGN_ANY, complaint_id,
                PermissionDenied("error.assign_self_only"),
            )
    with write_transaction(f"assigning complaint #{complaint_id}"):
        row = load_complaint(complaint_id, version)
        target = staff_row(staff_code, active_only=True)
        if target is None or Role(target.role) not in (Role.OPERATOR, Role.LEAD, Role.MANAGER):
            raise InvalidInput({"assignee": FieldError("validation.no_desk_staff", code=staff_code)})
        if ComplaintStatus(row.status) is ComplaintStatus.CLOSED:
            raise InvalidInput({"assignee": FieldError("validation.assign_closed")})
        if row.assignee_id == target.id:
            raise InvalidInput({"assignee": FieldError("validation.already_assigned", code=target.code)})
        old = Staff.select(Staff.code).where(Staff.id == row.assignee_id).scalar() if row.assignee_id else ""
        save_complaint(row, version, {"assignee": target.id}, desk)
        follow_assignee(row.id, target.id)
        append_event(
            desk.clock(), actor, EventKind.ASSIGNED, complaint_id=row.id, field="assignee",
            old=old or "", new=target.code,
        )
    return _reload(complaint_id)


@unit_of_work
def add_note(
    desk: Desk, actor: StaffView, complaint_id: int, data: NoteInput | dict[str, object]
) -> ComplaintView:
    """An internal note or a record of customer contact; does not change the complaint's version."""
    require(desk, actor, Action.NOTE, complaint_id)
    valid = validate(NoteInput, data)
    row = load_complaint(complaint_id)  # complaints are never deleted: no need to hold the lock to know it exists
    with write_transaction(f"saving a note on complaint #{complaint_id}"):
        kind = EventKind.CONTACT if valid.customer_contact else EventKind.NOTE
        append_event(
            desk.clock(), actor, kind, complaint_id=row.id, note=valid.text,
            customer_contact=valid.customer_contact,
        )
    return _reload(complaint_id)


@unit_of_work
def change_status(
    desk: Desk, actor: StaffView, complaint_id: int, target: ComplaintStatus, version: int, note: str = ""
) -> ComplaintView:
    """Plain status moves (investigate, wait for delivery/customer, resume)."""
    require(desk, actor, Action.CHANGE_STATUS, complaint_id)
    with write_transaction(f"changing the status of complaint #{complaint_id}"):
        row = load_complaint(complaint_id, version)
        current, target = ComplaintStatus(row.status), ComplaintStatus(target)
        move = legal_moves(current).get(target)
        if move is None:
            check_move(current, target, Move.INVESTIGATE)  # refuses with "cannot go from … to …"
            raise AssertionError("unreachable")
        if move not in PLAIN_MOVES:
            raise TransitionRefused("error.transition.dedicated", move=move.value)
        if (current, target) in ORDER_DRIVEN:
            raise TransitionRefused("error.transition.order_driven", number=row.number)
        _move(desk, actor, row, version, target, move, note=note)
    return _reload(complaint_id)


@unit_of_work
def resolve(
    desk: Desk, actor: StaffView, complaint_id: int, data: ResolveInput | dict[str, object], version: int
) -> ComplaintView:
    """Record the decision and remedy; the complaint then waits for its call-back, or closes at once when
    the customer confirmed the work on a call less than a day old (no second call for one problem)."""
    require(desk, actor, Action.RESOLVE, complaint_id)
    valid = validate(ResolveInput, data)
    with write_transaction(f"resolving complaint #{complaint_id}"):
        row = load_complaint(complaint_id, version)
        current = ComplaintStatus(row.status)
        check_move(current, ComplaintStatus.RESOLVED, Move.RESOLVE, open_delivery_orders=open_order_count(row.id))
        save_complaint(
            row,
            version,
            {
                "status": ComplaintStatus.RESOLVED.value,
                "resolution": valid.decision,
                # The customer's request stays in `remedy`: the register shows both.
                "remedy_decided": valid.remedy.value,
                "compensation_fen": valid.compensation_fen,
                "resolved_at": desk.clock(),
            },
            desk,
        )
        # The remedy and the compensation (fen) travel in the event, the decision is its note.
        append_event(
            desk.clock(), actor, EventKind.RESOLVED, complaint_id=row.id, field="remedy",
            old=str(valid.compensation_fen), new=valid.remedy.value, note=valid.decision,
        )
        # The money is a dated entry: the register of the month it was paid counts it, once. Resolving a
        # reopened complaint again pays only the difference from what was already paid on it.
        owed = valid.compensation_fen - paid_out(row.id)
        if owed:
            kind = MoneyKind.REFUND if valid.remedy is Remedy.RETURN_REFUND else MoneyKind.COMPENSATION
            add_entry(desk, actor.id, row.id, kind, owed)
        # The customer is called to confirm; only that call (or three days without reaching them) closes it.
        # A call that confirmed the work less than a day ago already did, unless money is to be confirmed.
        recent = recent_confirmation(row.id, desk.clock()) if not valid.compensation_fen else None
        if recent is not None:
            close_after_callback(desk, actor, Complaint.get_by_id(row.id), CloseOutcome.CALLBACK_CONFIRMED,
                                 recent.satisfaction, confirmed_by=recent)
        else:
            open_callback(
                desk, row.id, CallbackPurpose.CONFIRM_RESOLUTION, desk.clock(),
                assignee_id=row.assignee_id or (actor.id if actor.role is not Role.ADMIN else None),
                payment_fen=valid.compensation_fen,
            )
    return _reload(complaint_id)


@unit_of_work
def withdraw(
    desk: Desk, actor: StaffView, complaint_id: int, data: WithdrawInput | dict[str, object], version: int
) -> ComplaintView:
    """The customer withdrew: close with that outcome and the reason."""
    require(desk, actor, Action.WITHDRAW, complaint_id)
    valid = validate(WithdrawInput, data)
    with write_transaction(f"withdrawing complaint #{complaint_id}"):
        row = load_complaint(complaint_id, version)
        current = ComplaintStatus(row.status)
        check_move(current, ComplaintStatus.CLOSED, Move.WITHDRAW)
        _close_loose_ends(actor, row, valid.reason, desk)
        save_complaint(
            row, version,
            {**hold_changes(row, ComplaintStatus.CLOSED, desk.clock(), desk.sla), "status": ComplaintStatus.CLOSED.value, "closed_at": desk.clock(),
             "close_outcome": CloseOutcome.WITHDRAWN.value},
            desk,
        )
        append_event(
            desk.clock(), actor, EventKind.WITHDRAWN, complaint_id=row.id, field="status",
            old=current.value, new=ComplaintStatus.CLOSED.value, note=valid.reason,
        )
    return _reload(complaint_id)


@unit_of_work
def merge_duplicate(
    desk: Desk, actor: StaffView, complaint_id: int, original_number: str, version: int
) -> ComplaintView:
    """Close this complaint as a duplicate of an earlier one."""
    require(desk, actor, Action.MERGE, complaint_id)
    with write_transaction(f"merging complaint #{complaint_id}"):
        row = load_complaint(complaint_id, version)
        original = Complaint.get_or_none(Complaint.number == original_number.strip())
        if original is None or original.id == row.id:
            raise InvalidInput({"duplicate_of": FieldError("validation.no_other_complaint", number=original_number)})
        current = ComplaintStatus(row.status)
        check_move(current, ComplaintStatus.CLOSED, Move.MERGE)
        _close_loose_ends(actor, row, original.number, desk)
        save_complaint(
            row, version,
            {**hold_changes(row, ComplaintStatus.CLOSED, desk.clock(), desk.sla), "status": ComplaintStatus.CLOSED.value, "closed_at": desk.clock(),
             "close_outcome": CloseOutcome.DUPLICATE.value, "duplicate_of": original.id},
            desk,
        )
        append_event(
            desk.clock(), actor, EventKind.MERGED, complaint_id=row.id, field="duplicate_of",
            old=current.value, new=original.number,
        )
    return _reload(complaint_id)


def _close_loose_ends(actor: StaffView, row: Complaint, reason: str, desk: Desk) -> None:
    """A complaint closing without its deliveries and call-backs: cancel the open orders, drop the calls."""
    cancel_open_orders(actor, row.id, row.number, reason, desk.clock())
    drop_pending_callbacks(row.id, desk.clock())
