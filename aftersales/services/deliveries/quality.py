"""Delivery quality per shop: orders, on-time rate, failure rate by reason, re-deliveries.

An order counts in the period its first promised date falls in (a reschedule does not move it).
On time: completed by the end of the slot promised at completion, on that promised date
(decided when the order completes). The on-time rate is over completed orders; each failure
rate is failed runs with that reason over all orders; re-deliveries are orders of kind
"re-deliver"; reschedules are counted apart.
"""

from datetime import date

from peewee import SQL, Case, fn
from pydantic import BaseModel, ConfigDict

from ...domain.deliveries import DeliveryKind, DeliveryStatus, FailureReason
from ...store.models import DeliveryFailure, DeliveryOrder, Shop
from ..unit import unit_of_work


class ShopQuality(BaseModel):
    """One shop's delivery figures over a period."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    shop_id: int
    shop_code: str
    shop_name: str
    orders: int
    completed: int
    on_time: int
    cancelled: int
    # Delivered before the promised day: neither on time nor late.
    early: int = 0
    redeliveries: int
    reschedules: int
    failures: dict[FailureReason, int]

    @property
    def on_time_rate(self) -> float | None:
        """Share of completed orders done on time (None before any completes); an early one is not on time."""
        return self.on_time / self.completed if self.completed else None

    @property
    def failure_rate(self) -> dict[FailureReason, float]:
        """Failed runs per order, by reason (only reasons that occurred)."""
        return {reason: count / self.orders for reason, count in self.failures.items() if self.orders}

    @property
    def failed_runs(self) -> int:
        return sum(self.failures.values())


def _sum_when(condition: object) -> object:
    return fn.SUM(Case(None, [(condition, 1)], 0))


@unit_of_work
def shop_delivery_quality(start: date, end: date, shop_ids: list[int] | None = None) -> list[ShopQuality]:
    """Figures for every shop with orders first promised from `start` to `end` (both included), by shop code."""
    period = (DeliveryOrder.first_promised_date >= start) & (DeliveryOrder.first_promised_date <= end)
    if shop_ids is not None:
        period &= DeliveryOrder.shop.in_(shop_ids)
    totals = (
        DeliveryOrder.select(
            DeliveryOrder.shop, fn.COUNT(SQL("*")),
            _sum_when(DeliveryOrder.status == DeliveryStatus.COMPLETED.value),
            _sum_when(DeliveryOrder.on_time == True),  # noqa: E712
            _sum_when(DeliveryOrder.status == DeliveryStatus.CANCELLED.value),
            _sum_when(DeliveryOrder.kind == DeliveryKind.REDELIVER.value),
            fn.SUM(DeliveryOrder.reschedules),
            _sum_when((DeliveryOrder.status == DeliveryStatus.COMPLETED.value) & DeliveryOrder.on_time.is_null()),
        )
        .where(period)
        .group_by(DeliveryOrder.shop)
        .tuples()
    )
    failures: dict[int, dict[FailureReason, int]] = {}
    failed = (
        DeliveryFailure.select(DeliveryFailure.shop, DeliveryFailure.reason, fn.COUNT(SQL("*")))
        .join(DeliveryOrder, on=(DeliveryFailure.order == DeliveryOrder.id))
        .where(period)
        .group_by(DeliveryFailure.shop, DeliveryFailure.reason)
        .tuples()
    )
    for shop_id, reason, count in failed:
        failures.setdefault(int(shop_id), {})[FailureReason(reason)] = int(count)
    rows = list(totals)
    names = {row.id: (row.code, row.name) for row in Shop.select(Shop.id, Shop.code, Shop.name)
             .where(Shop.id.in_([r[0] for r in rows]))}
    out = [
        ShopQuality(
            shop_id=int(shop_id), shop_code=names[shop_id][0], shop_name=names[shop_id][1], orders=int(orders),
            completed=int(completed or 0), on_time=int(on_time or 0), cancelled=int(cancelled or 0),
            redeliveries=int(redeliveries or 0), reschedules=int(reschedules or 0), early=int(early or 0),
            failures=dict(sorted(failures.get(int(shop_id), {}).items())),
        )
        for shop_id, orders, completed, on_time, cancelled, redeliveries, reschedules, early in rows
    ]
    return sorted(out, key=lambda shop: shop.shop_code)
