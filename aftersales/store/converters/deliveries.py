"""Delivery-order rows as the views that leave the store."""

from typing import Any

from ...domain.deliveries import (
    DeliveryKind,
    DeliveryOrderView,
    DeliveryStatus,
    FailureReason,
    Slot,
    delivery_number,
)
from ..models import DeliveryOrder


def order_view(row: DeliveryOrder, complaint_number: str, shop_code: str, shop_name: str) -> DeliveryOrderView:
    """`row` with the number of its complaint and the code and name of its shop."""
    return DeliveryOrderView(**order_fields(row), complaint_number=complaint_number, shop_code=shop_code,
                             shop_name=shop_name)


def order_fields(row: DeliveryOrder) -> dict[str, Any]:
    return {
        "id": row.id,
        "number": delivery_number(row.id),
        "complaint_id": row.complaint_id,
        "shop_id": row.shop_id,
        "kind": DeliveryKind(row.kind),
        "address": row.address,
        "contact_name": row.contact_name,
        "contact_phone": row.contact_phone,
        "items": row.items,
        "promised_date": row.promised_date,
        "slot": Slot(row.slot),
        "crew": row.crew,
        "status": DeliveryStatus(row.status),
        "failure_reason": FailureReason(row.failure_reason) if row.failure_reason else None,
        "failures": row.failures,
        "reschedules": row.reschedules,
        "notes": row.notes,
        "completion_note": row.completion_note,
        "cancel_reason": row.cancel_reason,
        "collect_fen": row.collect_fen,
        "version": row.version,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "completed_at": row.completed_at,
    }
