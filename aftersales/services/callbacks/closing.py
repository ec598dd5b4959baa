"""How a call-back ends a complaint, inside the caller's transaction: closing a resolved complaint on the
call's word, resolving and closing it in one call when a delivery was the remedy, and finding a recent
call that already confirmed the work (so resolving asks the customer nothing twice)."""

from datetime import datetime

from ...domain.callbacks import REACHED, CallbackOutcome, CallbackStatus, confirms_recently
from ...domain.deliveries import REMEDY_OF_KIND, DeliveryKind, DeliveryStatus, delivery_number, event_details
from ...domain.enums import CloseOutcome, ComplaintStatus, EventKind
from ...domain.errors import TransitionRefused
from ...domain.schemas import StaffView
from ...domain.status_machine import Move, check_move
from ...store.models import Callback, Complaint, DeliveryOrder
from ..audit import append_event
from ..complaints.record import save_complaint
from ..context import Desk
from ..deliveries.read import open_order_count
from .tasks import drop_pending_callbacks


def close_after_callback(
    desk: Desk,
    actor: StaffView,
    complaint: Complaint,
    outcome: CloseOutcome,
    satisfaction: int | None,
    *,
    confirmed_by: Callback | None = None,
) -> None:
    """Close a resolved complaint after its call-back; its other pending calls are no longer needed.

    `confirmed_by`: an earlier call that confirmed the work; the event names it, so the timeline says why
    nobody was called after the resolution.
    """
    check_move(ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED, Move.CLOSE_AFTER_CALLBACK, callback_completed=True)
    now = desk.clock()
    save_complaint(complaint, complaint.version, {"status": ComplaintStatus.CLOSED.value, "closed_at": now,
                                                  "close_outcome": outcome.value, "satisfaction": satisfaction}, desk)
    note = outcome.value
    if confirmed_by is not None:
        note = event_details(outcome=outcome.value, callback=confirmed_by.id,
                             at=confirmed_by.finished_at.isoformat() if confirmed_by.finished_at else None)
    append_event(
        now, actor, EventKind.CLOSED, complaint_id=complaint.id, field="status",
        old=ComplaintStatus.RESOLVED.value, new=ComplaintStatus.CLOSED.value, note=note,
        customer_contact=outcome is CloseOutcome.CALLBACK_CONFIRMED and confirmed_by is None,
    )
    drop_pending_callbacks(complaint.id, now)


def recent_confirmation(complaint_id: int, now: datetime) -> Callback | None:
    """The complaint's latest finished call that reached the customer, when it confirmed the work less than
    a day ago and no call opened since waits (a later unsatisfied call, or an older one, confirms nothing)."""
    latest = (
        Callback.select()
        .where((Callback.complaint == complaint_id) & (Callback.status == CallbackStatus.DONE.value)
               & Callback.outcome.in_([outcome.value for outcome in REACHED]))
        .order_by(Callback.finished_at.desc(), Callback.id.desc())
        .first()
    )
    if latest is None or not confirms_recently(CallbackOutcome(latest.outcome), latest.finished_at, now):
        return None
    # A call opened since (another delivery completed after it) still has something to confirm.
    newer = Callback.select(Callback.id).where(
        (Callback.complaint == complaint_id) & (Callback.status == CallbackStatus.PENDING.value)
        & (Callback.created_at > latest.finished_at))
    if newer.exists():
        return None
    found: Callback = latest
    return found


def delivery_remedy(callback: Callback) -> DeliveryOrder | None:
    """The completed order a delivery call-back confirms, when its kind is a remedy of its own."""
    if callback.delivery_order_id is None:
        return None
    order = DeliveryOrder.get_or_none(DeliveryOrder.id == callback.delivery_order_id)
    if order is None or order.status != DeliveryStatus.COMPLETED.value or DeliveryKind(order.kind) not in REMEDY_OF_KIND:
        return None
    found: DeliveryOrder = order
    return found


def resolve_by_delivery(
    desk: Desk, actor: StaffView, callback: Callback, satisfaction: int | None, note: str
) -> None:
    """The customer says the delivery solved the problem: record the resolution (remedy = the delivery's
    kind; any compensation decided earlier stands) and close the complaint on this same call, both audited as resolve and close are."""
    order = delivery_remedy(callback)
    complaint = Complaint.get_by_id(callback.complaint_id)
    if order is None:
        raise TransitionRefused("error.callback.not_a_remedy", number=complaint.number)
    if (still_open := open_order_count(complaint.id)):
        raise TransitionRefused("error.transition.open_delivery", count=still_open)
    current = ComplaintStatus(complaint.status)
    check_move(current, ComplaintStatus.RESOLVED, Move.RESOLVE)
    remedy = REMEDY_OF_KIND[DeliveryKind(order.kind)]
    number = delivery_number(order.id)
    decision = f"{number} · {note}" if note else number
    now = desk.clock()
    save_complaint(complaint, complaint.version, {
        "status": ComplaintStatus.RESOLVED.value, "resolution": decision, "remedy_decided": remedy.value,
        "resolved_at": now,
    }, desk)
    append_event(now, actor, EventKind.RESOLVED, complaint_id=complaint.id, field="remedy",
                 old=str(complaint.compensation_fen or 0),
                 new=remedy.value, note=decision)
    close_after_callback(desk, actor, Complaint.get_by_id(complaint.id), CloseOutcome.CALLBACK_CONFIRMED, satisfaction)
