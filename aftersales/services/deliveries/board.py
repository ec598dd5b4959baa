"""The dispatcher's board: one day's orders in slot and status order, and what is carried over to today.

The board lists the work still to do: orders of the day that are open (and, asked for, the delivered and
cancelled ones; otherwise they are counted per slot), and on today's board the open orders of earlier
days, the latest CARRIED_LIMIT of them, with how many there are in all.
"""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from peewee import SQL, fn
from pydantic import BaseModel, ConfigDict

from ...domain.deliveries import (
    OPEN_DELIVERY_STATUSES,
    SLOT_RANK,
    STATUS_RANK,
    DeliveryOrderView,
    DeliveryStatus,
    OrderLine,
    Slot,
    slot_end,
)
from ...store.converters.deliveries import LINE_COLUMNS, order_lines
from ...store.models import DeliveryOrder, Shop
from ..unit import unit_of_work

_OPEN = [status.value for status in OPEN_DELIVERY_STATUSES]
_SETTLED = [DeliveryStatus.COMPLETED.value, DeliveryStatus.CANCELLED.value]
# Written into the SQL literally, as the partial index `delivery_order_open_day` states it, so SQLite uses it.
_IS_OPEN = SQL("status IN ({})".format(", ".join(f"'{status}'" for status in _OPEN)))
CARRIED_LIMIT = 300


class BoardView(BaseModel):
    """One day of the board; `carried` holds the open orders promised for earlier days (today's board only)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    day: date
    today: date
    orders: list[OrderLine]
    carried: list[OrderLine]
    # Orders of earlier days still open, in all (`carried` holds the latest of them).
    carried_total: int = 0
    # Delivered and cancelled orders of the day per slot, when `orders` leaves them out.
    settled: dict[Slot, dict[DeliveryStatus, int]] = {}
    settled_listed: bool = False

    @property
    def day_total(self) -> int:
        """Every order promised for the day, listed or counted."""
        return len(self.orders) + sum(sum(counts.values()) for counts in self.settled.values())


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


def settled_counts(day: date) -> dict[Slot, dict[DeliveryStatus, int]]:
    """Delivered and cancelled orders of `day` per slot (read from the day's index alone)."""
    rows = (
        DeliveryOrder.select(DeliveryOrder.slot, DeliveryOrder.status, fn.COUNT(SQL("*")))
        .where((DeliveryOrder.promised_date == day) & DeliveryOrder.status.in_(_SETTLED))
        .group_by(DeliveryOrder.slot, DeliveryOrder.status)
        .tuples()
    )
    out: dict[Slot, dict[DeliveryStatus, int]] = {}
    for slot, status, count in rows:
        out.setdefault(Slot(slot), {})[DeliveryStatus(status)] = int(count)
    return out


def carried_over(day: date, limit: int = CARRIED_LIMIT) -> tuple[list[OrderLine], int]:
    """The latest `limit` open orders promised before `day` (latest day first) and how many there are.

    Their ids come from the partial index of open orders by date, newest first, in a subquery: only the
    rows shown are read.
    """
    where = _IS_OPEN & (DeliveryOrder.promised_date < day)
    total = int(DeliveryOrder.select(fn.COUNT(SQL("*"))).where(where).scalar() or 0)
    if not total:
        return [], 0
    latest = (
        DeliveryOrder.select(DeliveryOrder.id).where(where)
        .order_by(DeliveryOrder.promised_date.desc(), DeliveryOrder.id.desc()).limit(limit)
    )
    lines = board_orders(DeliveryOrder.id.in_(latest))
    lines.sort(key=lambda order: (-order.promised_date.toordinal(), *board_order(order)))
    return lines, total


@unit_of_work
def load_board(day: date, now: datetime, zone: ZoneInfo, *, list_settled: bool = False) -> BoardView:
    """The orders promised for `day` (the open ones, or all with `list_settled`); on today's board also the
    open ones left over from earlier days."""
    today = now.astimezone(zone).date()
    on_day = DeliveryOrder.promised_date == day
    if list_settled:
        orders, settled = board_orders(on_day), {}
    else:
        orders, settled = board_orders(on_day & DeliveryOrder.status.in_(_OPEN)), settled_counts(day)
    carried, carried_total = carried_over(day) if day == today else ([], 0)
    return BoardView.model_construct(day=day, today=today, orders=orders, carried=carried,
                                     carried_total=carried_total, settled=settled, settled_listed=list_settled)


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
