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
    OrderLine,
    slot_end,
)
from ...store.converters.deliveries import LINE_COLUMNS, order_lines
from ...store.models import DeliveryOrder, Shop

_OPEN = [status.value for status in OPEN_DELIVERY_STATUSES]


class BoardView(BaseModel):
    """One day of the board; `carried` holds the open orders promised for earlier days (today's board only)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    day: date
    today: date
    orders: list[OrderLine]
    carried: list[OrderLine]


def board_order(order: OrderLine) -> tuple[int, int, int]:
    """Where an order stands on the board: by slot, then what needs the dispatcher first."""
    return SLOT_RANK[order.slot], STATUS_RANK[order.status], order.id


def board_orders(where: Any) -> list[OrderLine]:
    """Orders matching `where` in board order, read raw: no per-field conversion by the ORM."""
    query = (
        DeliveryOrder.select(*LINE_COLUMNS, Shop.code, Shop.name)
        .join(Shop, on=(DeliveryOrder.shop == Shop.id))
        .where(where)
    )
    sql, params = query.sql()
    return sorted(order_lines(DeliveryOrder._meta.database.execute_sql(sql, params)), key=board_order)


def load_board(day: date, now: datetime, zone: ZoneInfo) -> BoardView:
    """The orders promised for `day`; on today's board also the open ones left over from earlier days."""
    today = now.astimezone(zone).date()
    orders = board_orders(DeliveryOrder.promised_date == day)
    carried: list[OrderLine] = []
    if day == today:
        carried = board_orders(DeliveryOrder.status.in_(_OPEN) & (DeliveryOrder.promised_date < day))
        carried.sort(key=lambda order: (order.promised_date, *board_order(order)))
    return BoardView.model_construct(day=day, today=today, orders=orders, carried=carried)


def is_overdue(order: OrderLine | DeliveryOrderView, now: datetime, zone: ZoneInfo) -> bool:
    """Still open after its promised slot has ended."""
    return order.is_open and slot_end(order.promised_date, order.slot, zone) <= now


def day_order_count(day: date) -> int:
    """Orders promised for `day` that are not cancelled (the dashboard's "today's deliveries")."""
    return int(
        DeliveryOrder.select(fn.COUNT(DeliveryOrder.id))
        .where((DeliveryOrder.promised_date == day) & (DeliveryOrder.status != DeliveryStatus.CANCELLED.value))
        .scalar() or 0
    )
