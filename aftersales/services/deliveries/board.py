"""The dispatcher's board: one day's orders in slot and status order, and what is carried over to today."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from peewee import fn
from pydantic import BaseModel, ConfigDict

from ...domain.deliveries import (
    OPEN_DELIVERY_STATUSES,
    SLOT_RANK,
    STATUS_RANK,
    DeliveryOrderView,
    DeliveryStatus,
    slot_end,
)
from ...store.models import DeliveryOrder
from .read import order_views, orders_query

_OPEN = [status.value for status in OPEN_DELIVERY_STATUSES]


class BoardView(BaseModel):
    """One day of the board; `carried` holds the open orders promised for earlier days (today's board only)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    day: date
    today: date
    orders: list[DeliveryOrderView]
    carried: list[DeliveryOrderView]


def board_order(order: DeliveryOrderView) -> tuple[int, int, int]:
    """Where an order stands on the board: by slot, then what needs the dispatcher first."""
    return SLOT_RANK[order.slot], STATUS_RANK[order.status], order.id


def _views(query: Any) -> list[DeliveryOrderView]:
    return sorted(order_views(query), key=board_order)


def load_board(day: date, now: datetime, zone: ZoneInfo) -> BoardView:
    """The orders promised for `day`; on today's board also the open ones left over from earlier days."""
    today = now.astimezone(zone).date()
    orders = _views(orders_query().where(DeliveryOrder.promised_date == day))
    carried: list[DeliveryOrderView] = []
    if day == today:
        carried = _views(
            orders_query().where(DeliveryOrder.status.in_(_OPEN) & (DeliveryOrder.promised_date < day))
        )
        carried.sort(key=lambda order: (order.promised_date, *board_order(order)))
    return BoardView(day=day, today=today, orders=orders, carried=carried)


def is_overdue(order: DeliveryOrderView, now: datetime, zone: ZoneInfo) -> bool:
    """Still open after its promised slot has ended."""
    return order.is_open and slot_end(order.promised_date, order.slot, zone) <= now


def day_order_count(day: date) -> int:
    """Orders promised for `day` that are not cancelled (the dashboard's "today's deliveries")."""
    return int(
        DeliveryOrder.select(fn.COUNT(DeliveryOrder.id))
        .where((DeliveryOrder.promised_date == day) & (DeliveryOrder.status != DeliveryStatus.CANCELLED.value))
        .scalar() or 0
    )
