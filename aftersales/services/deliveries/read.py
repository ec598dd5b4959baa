"""Reading delivery orders: one order, a complaint's orders, and the open ones' promise for the SLA clock."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from peewee import fn

from ...domain.deliveries import (
    OPEN_DELIVERY_STATUSES,
    SLOT_RANK,
    DeliveryOrderView,
    Slot,
    delivery_number,
    order_id_of,
    slot_end,
)
from ...domain.errors import NotFound
from ...store.converters import order_view
from ...store.models import DeliveryOrder, Shop
from ..unit import unit_of_work

_OPEN = [status.value for status in OPEN_DELIVERY_STATUSES]


def orders_query() -> Any:
    """Orders with their shop's code and name, for `order_views`."""
    return (
        DeliveryOrder.select(DeliveryOrder, Shop.code.alias("shop_code"), Shop.name.alias("shop_name"))
        .join(Shop, on=(DeliveryOrder.shop == Shop.id))
    )


def order_views(query: Any) -> list[DeliveryOrderView]:
    """The orders an `orders_query` (narrowed by the caller) finds."""
    return [order_view(row, row.shop_code, row.shop_name) for row in query.objects()]


@unit_of_work
def get_order(order_id: int) -> DeliveryOrderView:
    found = order_views(orders_query().where(DeliveryOrder.id == order_id))
    if not found:
        raise NotFound(what=delivery_number(order_id))
    return found[0]


@unit_of_work
def find_order(number: str) -> DeliveryOrderView:
    """The order `DO-…`, or NotFound naming what was typed."""
    order_id = order_id_of(number)
    if order_id is None:
        raise NotFound(what=number)
    return get_order(order_id)


@unit_of_work
def complaint_orders(complaint_id: int) -> list[DeliveryOrderView]:
    """Every order of a complaint, oldest first."""
    return order_views(orders_query().where(DeliveryOrder.complaint == complaint_id).order_by(DeliveryOrder.id))


def open_order_count(complaint_id: int) -> int:
    """Orders of the complaint not yet completed or cancelled (resolving needs none)."""
    return int(
        DeliveryOrder.select(fn.COUNT(DeliveryOrder.id))
        .where((DeliveryOrder.complaint == complaint_id) & DeliveryOrder.status.in_(_OPEN))
        .scalar() or 0
    )


def open_delivery_promise(complaint_id: int, zone: ZoneInfo) -> tuple[date, datetime] | None:
    """The latest promised date among the complaint's open orders and the end of the latest slot that day
    (aware), or None without an open order: a complaint in awaiting_delivery is on hold until then."""
    rows = (
        DeliveryOrder.select(DeliveryOrder.promised_date, DeliveryOrder.slot)
        .where((DeliveryOrder.complaint == complaint_id) & DeliveryOrder.status.in_(_OPEN))
        .tuples()
    )
    latest: tuple[date, int] | None = None
    for promised, slot in rows:
        key = (promised, SLOT_RANK[Slot(slot)])
        if latest is None or key > latest:
            latest = key
    if latest is None:
        return None
    day, rank = latest
    return day, slot_end(day, list(Slot)[rank], zone)
