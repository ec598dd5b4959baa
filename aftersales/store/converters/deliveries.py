"""Delivery-order rows as the views that leave the store."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from ...domain.deliveries import (
    DeliveryKind,
    DeliveryOrderView,
    DeliveryStatus,
    FailureReason,
    OrderLine,
    Slot,
    delivery_number,
)
from ..models import DeliveryOrder


def order_view(row: DeliveryOrder, shop_code: str, shop_name: str) -> DeliveryOrderView:
    """`row` with the code and name of its shop."""
    return DeliveryOrderView(**order_fields(row), shop_code=shop_code, shop_name=shop_name)


def order_fields(row: DeliveryOrder) -> dict[str, Any]:
    return {
        "id": row.id,
        "number": delivery_number(row.id),
        "complaint_id": row.complaint_id,
        "complaint_number": row.complaint_number,
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


# Columns `order_lines` reads, in order: then the shop's code and name.
LINE_COLUMNS = (
    DeliveryOrder.id, DeliveryOrder.complaint, DeliveryOrder.complaint_number, DeliveryOrder.shop, DeliveryOrder.kind, DeliveryOrder.address,
    DeliveryOrder.contact_name, DeliveryOrder.contact_phone, DeliveryOrder.items, DeliveryOrder.promised_date,
    DeliveryOrder.slot, DeliveryOrder.crew, DeliveryOrder.status, DeliveryOrder.failure_reason,
    DeliveryOrder.notes, DeliveryOrder.version,
)
_KINDS = {kind.value: kind for kind in DeliveryKind}
_SLOTS = {slot.value: slot for slot in Slot}
_STATUSES = {status.value: status for status in DeliveryStatus}
_REASONS = {reason.value: reason for reason in FailureReason}


def order_lines(rows: Iterable[tuple[Any, ...]]) -> list[OrderLine]:
    """Lines from rows read raw (LINE_COLUMNS, shop code, shop name): the dates come as text from SQLite and
    as dates from PostgreSQL."""
    days: dict[Any, date] = {}
    out = []
    for (order_id, complaint_id, complaint_number, shop_id, kind, address, contact_name, contact_phone, items,
         promised, slot, crew, status, reason, notes, version, shop_code, shop_name) in rows:
        day = days.get(promised)
        if day is None:
            day = days[promised] = promised if isinstance(promised, date) else date.fromisoformat(str(promised))
        out.append(OrderLine(
            order_id, complaint_id, complaint_number, shop_id, shop_code, shop_name, _KINDS[kind], address,
            contact_name, contact_phone, items, day, _SLOTS[slot], crew, _STATUSES[status],
            _REASONS[reason] if reason else None, notes, version,
        ))
    return out
