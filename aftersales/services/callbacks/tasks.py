"""Call-back tasks made by other actions inside their transaction: on resolution, on a completed delivery;
dropped when the complaint closes some other way; following the complaint to its new assignee."""

from datetime import datetime

from ...domain.callbacks import CALLBACK_DUE_MINUTES, CallbackPurpose, CallbackStatus
from ...domain.sla import add_business_minutes
from ...store.models import Callback
from ..context import Desk

_PENDING = CallbackStatus.PENDING.value


def open_callback(
    desk: Desk,
    complaint_id: int,
    purpose: CallbackPurpose,
    now: datetime,
    *,
    assignee_id: int | None,
    payment_fen: int = 0,
    delivery_order_id: int | None = None,
) -> int:
    """A pending call-back due 24 business hours from `now`; it also confirms a payment when money changed hands."""
    row = Callback.create(
        complaint=complaint_id,
        delivery_order=delivery_order_id,
        purpose=purpose.value,
        confirm_payment=payment_fen > 0,
        payment_fen=payment_fen,
        due_at=add_business_minutes(now, CALLBACK_DUE_MINUTES, desk.sla),
        status=_PENDING,
        assignee=assignee_id,
        created_at=now,
    )
    return int(row.id)


def resolution_callback(complaint_id: int) -> Callback | None:
    """The complaint's latest call-back confirming its resolution (an earlier one may have reopened it)."""
    return (
        Callback.select()
        .where((Callback.complaint == complaint_id) & (Callback.purpose == CallbackPurpose.CONFIRM_RESOLUTION.value))
        .order_by(Callback.id.desc())
        .first()
    )


def drop_pending_callbacks(complaint_id: int, now: datetime) -> int:
    """Cancel the complaint's pending call-backs (it closed: withdrawn, merged or confirmed by another call)."""
    return int(
        Callback.update(status=CallbackStatus.CANCELLED.value, finished_at=now, version=Callback.version + 1)
        .where((Callback.complaint == complaint_id) & (Callback.status == _PENDING))
        .execute()
    )


def follow_assignee(complaint_id: int, staff_id: int) -> None:
    """Pending call-backs go to whoever now holds the complaint."""
    Callback.update(assignee=staff_id).where(
        (Callback.complaint == complaint_id) & (Callback.status == _PENDING)
    ).execute()
