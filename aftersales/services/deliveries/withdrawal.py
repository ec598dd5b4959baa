"""When a complaint closes without its deliveries (withdrawn, merged): its open orders are cancelled."""

from datetime import datetime

from ...domain.deliveries import OPEN_DELIVERY_STATUSES, DeliveryStatus, delivery_number, event_details
from ...domain.enums import EventKind
from ...domain.errors import TransitionRefused
from ...domain.schemas import StaffView
from ...store.models import DeliveryOrder
from ..audit import append_event

_OPEN = [status.value for status in OPEN_DELIVERY_STATUSES]


def cancel_open_orders(actor: StaffView, complaint_id: int, number: str, reason: str, now: datetime) -> int:
    """Cancel every open order of the complaint, one event each; refused while one is out for delivery."""
    rows = list(
        DeliveryOrder.select()
        .where((DeliveryOrder.complaint == complaint_id) & DeliveryOrder.status.in_(_OPEN))
        .order_by(DeliveryOrder.id)
    )
    out = [row for row in rows if row.status == DeliveryStatus.OUT.value]
    if out:
        raise TransitionRefused("error.delivery.out_on_close", number=number, order=delivery_number(out[0].id))
    for row in rows:
        DeliveryOrder.update(
            status=DeliveryStatus.CANCELLED.value, cancel_reason=reason, updated_at=now,
            version=DeliveryOrder.version + 1,
        ).where(DeliveryOrder.id == row.id).execute()
        append_event(
            now, actor, EventKind.DELIVERY_CANCELLED, complaint_id=complaint_id, field=delivery_number(row.id),
            old=row.status, new=event_details(), note=reason,
        )
    return len(rows)
