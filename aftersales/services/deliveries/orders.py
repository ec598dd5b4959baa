"""Dispatching a delivery order for a complaint, and the dispatcher's moves on it.

Every move checks the order's version (two dispatchers accepting one order: one wins, the other hears
that it changed), writes one event on the complaint's timeline, and keeps the complaint in
awaiting_delivery exactly while it has an open order.
"""

from datetime import date
from typing import Any, TypeVar

from ...domain.callbacks import CallbackPurpose
from ...domain.deliveries import (
    AcceptInput,
    CancelInput,
    CompleteInput,
    CrewInput,
    DeliveryMove,
    DeliveryOrderInput,
    DeliveryOrderView,
    DeliveryStatus,
    FailInput,
    RescheduleInput,
    Slot,
    check_delivery_move,
    delivery_number,
    event_details,
    is_early,
    punctuality,
    slot_end,
)
from ...domain.enums import ComplaintStatus, EventKind, Role
from ...domain.errors import (
    ConflictError,
    FieldError,
    FieldMessage,
    InvalidInput,
    NotFound,
    TransitionRefused,
)
from ...domain.money import MoneyKind
from ...domain.permissions import Action
from ...domain.schemas import Input, StaffView
from ...domain.status_machine import Move, check_move
from ...store.db import write_transaction
from ...store.models import Complaint, DeliveryFailure, DeliveryOrder
from ...store.versioned import VersionedRecord
from ..audit import append_event
from ..callbacks.tasks import open_callback
from ..complaints.hold import delivery_promise_for, hold_changes
from ..complaints.record import load_complaint, save_complaint
from ..context import Desk
from ..guard import require
from ..money.entries import add_entry
from ..unit import unit_of_work
from ..validation import validate
from .read import get_order, open_order_count

FormInput = TypeVar("FormInput", bound=Input)

_EVENT = {
    DeliveryMove.ACCEPT: EventKind.DELIVERY_ACCEPTED,
    DeliveryMove.CREW: EventKind.DELIVERY_CREW,
    DeliveryMove.DISPATCH: EventKind.DELIVERY_OUT,
    DeliveryMove.COMPLETE: EventKind.DELIVERY_COMPLETED,
    DeliveryMove.FAIL: EventKind.DELIVERY_FAILED,
    DeliveryMove.RESCHEDULE: EventKind.DELIVERY_RESCHEDULED,
    DeliveryMove.CANCEL: EventKind.DELIVERY_CANCELLED,
}
_DISPATCHABLE = (ComplaintStatus.INVESTIGATING, ComplaintStatus.AWAITING_DELIVERY)


def check_promise(promised: date, slot: Slot | None, desk: Desk) -> None:
    """Refuse a promised date before today, or a slot of today that is already over (field errors)."""
    now = desk.clock()
    today = now.astimezone(desk.sla.zone).date()
    if promised < today:
        raise InvalidInput({"promised_date": FieldError("validation.date_past")})
    if slot is not None and promised == today and slot_end(promised, slot, desk.sla.zone) <= now:
        raise InvalidInput({"slot": FieldError("validation.slot_over")})


def _raw_promise(data: object) -> tuple[date, Slot | None] | None:
    """The promised date (and slot, when readable) of a form that failed validation elsewhere."""
    if not isinstance(data, dict):
        return None
    day, slot = data.get("promised_date"), data.get("slot")
    try:
        day = date.fromisoformat(day) if isinstance(day, str) else day
    except ValueError:
        return None
    chosen = Slot(slot) if slot in {s.value for s in Slot} else None
    return (day, chosen) if isinstance(day, date) else None


def _promise_of(valid: object) -> tuple[date, Slot | None] | None:
    day, slot = getattr(valid, "promised_date", None), getattr(valid, "slot", None)
    return (day, slot) if isinstance(day, date) and isinstance(slot, Slot) else None


def validated_promise(model: type[FormInput], data: FormInput | dict[str, object], desk: Desk) -> FormInput:
    """`data` as `model`, its promised date and slot checked against today; every field's problem at once."""
    problems: dict[str, FieldMessage] = {}
    valid: FormInput | None = None
    try:
        valid = validate(model, data)
    except InvalidInput as exc:
        problems = dict(exc.fields)
    promise = _promise_of(valid) if valid is not None else _raw_promise(data)
    if promise is not None:
        try:
            check_promise(promise[0], promise[1], desk)
        except InvalidInput as exc:
            for name, message in exc.fields.items():
                problems.setdefault(name, message)
    if problems or valid is None:
        raise InvalidInput(problems)
    return valid


@unit_of_work
def create_order(
    desk: Desk, actor: StaffView, complaint_id: int, data: DeliveryOrderInput | dict[str, object], version: int
) -> DeliveryOrderView:
    """Dispatch an order for a complaint under investigation; the complaint then waits for delivery."""
    require(desk, actor, Action.CREATE_DELIVERY, complaint_id)
    valid = validated_promise(DeliveryOrderInput, data, desk)
    now = desk.clock()
    with write_transaction(f"dispatching a delivery order for complaint #{complaint_id}"):
        complaint = load_complaint(complaint_id, version)
        current = ComplaintStatus(complaint.status)
        if current not in _DISPATCHABLE:
            raise TransitionRefused("error.delivery.complaint_state", number=complaint.number,
                                    current=current.value)
        row = DeliveryOrder.create(
            complaint=complaint.id, complaint_number=complaint.number, shop=complaint.shop_id, kind=valid.kind.value, address=valid.address,
            contact_name=valid.contact_name, contact_phone=valid.contact_phone, items=valid.items,
            promised_date=valid.promised_date, slot=valid.slot.value, first_promised_date=valid.promised_date,
            status=DeliveryStatus.REQUESTED.value, notes=valid.notes, collect_fen=valid.collect_fen,
            created_by=actor.id, created_at=now, updated_at=now,
        )
        number = delivery_number(row.id)
        append_event(
            now, actor, EventKind.DELIVERY_CREATED, complaint_id=complaint.id, field=number,
            new=event_details(kind=valid.kind.value, date=valid.promised_date.isoformat(), slot=valid.slot.value),
            note=valid.notes,
        )
        if current is ComplaintStatus.INVESTIGATING:
            check_move(current, ComplaintStatus.AWAITING_DELIVERY, Move.AWAIT_DELIVERY)
            save_complaint(complaint, version, {"status": ComplaintStatus.AWAITING_DELIVERY.value,
                                                **_held(complaint, ComplaintStatus.AWAITING_DELIVERY, desk)}, desk)
            append_event(
                now, actor, EventKind.STATUS, complaint_id=complaint.id, field="status",
                old=current.value, new=ComplaintStatus.AWAITING_DELIVERY.value, note=number,
            )
        else:
            # Another order while waiting: the pause now lasts until the latest promise.
            save_complaint(complaint, version, _held(complaint, ComplaintStatus.AWAITING_DELIVERY, desk), desk)
    return get_order(row.id)


def _changed_since(row: DeliveryOrder, version: int) -> ConflictError:
    current = DeliveryOrder.select(DeliveryOrder.version).where(DeliveryOrder.id == row.id).scalar()
    number = delivery_number(row.id)
    return ConflictError(number=number, stored=current, read=version)


ORDER_RECORD = VersionedRecord(
    DeliveryOrder,
    missing=lambda order_id: NotFound(what=delivery_number(order_id)),
    conflict=_changed_since,
)


def _complaint_of(order_id: int) -> int | None:
    found = DeliveryOrder.select(DeliveryOrder.complaint).where(DeliveryOrder.id == order_id).scalar()
    return int(found) if found is not None else None


def _move(
    desk: Desk,
    actor: StaffView,
    order_id: int,
    version: int,
    move: DeliveryMove,
    changes: dict[str, Any],
    details: dict[str, str | int | None],
    note: str = "",
) -> DeliveryOrder:
    """Apply `move` with `changes` to the order inside the caller's transaction; one event. Returns the row as it was."""
    row = ORDER_RECORD.load(order_id, version)
    number = delivery_number(row.id)
    target = check_delivery_move(number, DeliveryStatus(row.status), move)
    now = desk.clock()
    ORDER_RECORD.save(row, version, {"status": target.value, "updated_at": now, **changes})
    # The crew travels in every event, so the timeline says who was sent.
    facts = {"crew": row.crew, **details}
    append_event(
        now, actor, _EVENT[move], complaint_id=row.complaint_id, field=number, old=row.status,
        new=event_details(**facts), note=note,
    )
    return row


def _held(complaint: Complaint, target: ComplaintStatus, desk: Desk) -> dict[str, Any]:
    """The SLA clock's pause that goes with moving `complaint` to `target` (see complaints.hold)."""
    return hold_changes(complaint, target, desk.clock(), desk.sla, delivery_promise_for(desk.sla))


def _rescheduled_hold(desk: Desk, complaint_id: int) -> None:
    """A new promised date moves the end of the complaint's pause (the time held so far is kept)."""
    complaint = Complaint.get_by_id(complaint_id)
    if complaint.status == ComplaintStatus.AWAITING_DELIVERY.value:
        Complaint.update(**_held(complaint, ComplaintStatus.AWAITING_DELIVERY, desk)).where(
            Complaint.id == complaint_id).execute()


def _settle_complaint(desk: Desk, actor: StaffView, complaint_id: int, number: str) -> None:
    """The complaint's last open order is settled: it goes back to investigating."""
    complaint = Complaint.get_by_id(complaint_id)
    if open_order_count(complaint_id) or complaint.status != ComplaintStatus.AWAITING_DELIVERY.value:
        return
    check_move(ComplaintStatus.AWAITING_DELIVERY, ComplaintStatus.INVESTIGATING, Move.RESUME)
    save_complaint(complaint, complaint.version, {"status": ComplaintStatus.INVESTIGATING.value,
                                                  **_held(complaint, ComplaintStatus.INVESTIGATING, desk)}, desk)
    append_event(
        desk.clock(), actor, EventKind.STATUS, complaint_id=complaint_id, field="status",
        old=ComplaintStatus.AWAITING_DELIVERY.value, new=ComplaintStatus.INVESTIGATING.value, note=number,
    )


def _update(desk: Desk, actor: StaffView, order_id: int, model: type[FormInput], data: FormInput | dict[str, object]) -> FormInput:
    """The dispatcher's permission, then the input checked: before any transaction starts."""
    require(desk, actor, Action.UPDATE_DELIVERY, _complaint_of(order_id))
    if "promised_date" in model.model_fields:
        return validated_promise(model, data, desk)
    return validate(model, data)


@unit_of_work
def accept_order(
    desk: Desk, actor: StaffView, order_id: int, data: AcceptInput | dict[str, object], version: int
) -> DeliveryOrderView:
    """The dispatcher takes the order: a crew, the slot confirmed or moved."""
    valid = _update(desk, actor, order_id, AcceptInput, data)
    with write_transaction(f"accepting {delivery_number(order_id)}"):
        _move(desk, actor, order_id, version, DeliveryMove.ACCEPT,
              {"crew": valid.crew, "promised_date": valid.promised_date, "slot": valid.slot.value},
              {"crew": valid.crew, "date": valid.promised_date.isoformat(), "slot": valid.slot.value})
    return get_order(order_id)


@unit_of_work
def assign_crew(
    desk: Desk, actor: StaffView, order_id: int, data: CrewInput | dict[str, object], version: int
) -> DeliveryOrderView:
    """Another crew for an accepted order."""
    valid = _update(desk, actor, order_id, CrewInput, data)
    with write_transaction(f"assigning a crew to {delivery_number(order_id)}"):
        before = ORDER_RECORD.load(order_id, version)
        _move(desk, actor, order_id, version, DeliveryMove.CREW, {"crew": valid.crew},
              {"crew": valid.crew, "was": before.crew})
    return get_order(order_id)


@unit_of_work
def dispatch_order(desk: Desk, actor: StaffView, order_id: int, version: int) -> DeliveryOrderView:
    """The crew left with the goods."""
    require(desk, actor, Action.UPDATE_DELIVERY, _complaint_of(order_id))
    with write_transaction(f"marking {delivery_number(order_id)} out for delivery"):
        row = ORDER_RECORD.load(order_id, version)
        early = is_early(row.promised_date, desk.clock(), desk.sla.zone)
        _move(desk, actor, order_id, version, DeliveryMove.DISPATCH, {},
              {"early": 1, "date": row.promised_date.isoformat()} if early else {})
    return get_order(order_id)


@unit_of_work
def complete_order(
    desk: Desk, actor: StaffView, order_id: int, data: CompleteInput | dict[str, object], version: int
) -> DeliveryOrderView:
    """Delivered: on time, late or early (before its promised day), a call-back to confirm it, and the complaint back to investigating when
    this was its last open order."""
    valid = _update(desk, actor, order_id, CompleteInput, data)
    now = desk.clock()
    with write_transaction(f"completing {delivery_number(order_id)}"):
        row = ORDER_RECORD.load(order_id, version)
        on_time = punctuality(row.promised_date, Slot(row.slot), now, desk.sla.zone)
        _move(desk, actor, order_id, version, DeliveryMove.COMPLETE,
              {"completion_note": valid.note, "completed_at": now, "on_time": on_time},
              {"on_time": int(on_time)} if on_time is not None else {"early": 1, "date": row.promised_date.isoformat()},
              valid.note)
        if row.collect_fen:
            add_entry(desk, actor.id, row.complaint_id, MoneyKind.COLLECTION, row.collect_fen, delivery_order_id=row.id)
        complaint = Complaint.get_by_id(row.complaint_id)
        desk_roles = (Role.OPERATOR, Role.LEAD, Role.MANAGER)
        open_callback(
            desk, row.complaint_id, CallbackPurpose.CONFIRM_DELIVERY, now,
            assignee_id=complaint.assignee_id or (actor.id if actor.role in desk_roles else None),
            payment_fen=row.collect_fen, delivery_order_id=row.id,
        )
        _settle_complaint(desk, actor, row.complaint_id, delivery_number(row.id))
    return get_order(order_id)


@unit_of_work
def fail_order(
    desk: Desk, actor: StaffView, order_id: int, data: FailInput | dict[str, object], version: int
) -> DeliveryOrderView:
    """The run failed (customer absent, wrong item …); the order stays open for a new date."""
    valid = _update(desk, actor, order_id, FailInput, data)
    now = desk.clock()
    with write_transaction(f"recording a failed run of {delivery_number(order_id)}"):
        row = _move(desk, actor, order_id, version, DeliveryMove.FAIL,
                    {"failure_reason": valid.reason.value, "failures": DeliveryOrder.failures + 1},
                    {"reason": valid.reason.value}, valid.note)
        DeliveryFailure.create(order=row.id, shop=row.shop_id, promised_date=row.promised_date,
                               reason=valid.reason.value, note=valid.note, actor=actor.id, at=now)
    return get_order(order_id)


@unit_of_work
def reschedule_order(
    desk: Desk, actor: StaffView, order_id: int, data: RescheduleInput | dict[str, object], version: int
) -> DeliveryOrderView:
    """A new date and slot; the dispatcher accepts the order again for it."""
    valid = _update(desk, actor, order_id, RescheduleInput, data)
    with write_transaction(f"rescheduling {delivery_number(order_id)}"):
        _move(desk, actor, order_id, version, DeliveryMove.RESCHEDULE,
              {"promised_date": valid.promised_date, "slot": valid.slot.value,
               "reschedules": DeliveryOrder.reschedules + 1},
              {"date": valid.promised_date.isoformat(), "slot": valid.slot.value}, valid.note)
        complaint_id = _complaint_of(order_id)
        if complaint_id is not None:
            _rescheduled_hold(desk, complaint_id)
    return get_order(order_id)


@unit_of_work
def cancel_order(
    desk: Desk, actor: StaffView, order_id: int, data: CancelInput | dict[str, object], version: int
) -> DeliveryOrderView:
    """Call the order off with a reason; the complaint goes back to investigating if nothing else is open."""
    valid = _update(desk, actor, order_id, CancelInput, data)
    with write_transaction(f"cancelling {delivery_number(order_id)}"):
        row = _move(desk, actor, order_id, version, DeliveryMove.CANCEL, {"cancel_reason": valid.reason}, {},
                    valid.reason)
        _settle_complaint(desk, actor, row.complaint_id, delivery_number(row.id))
    return get_order(order_id)
