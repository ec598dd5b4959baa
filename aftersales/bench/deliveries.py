"""Delivery and call-back figures: one day's board and the list of call-backs due, both read from indexes."""

from datetime import date, datetime, time
from typing import Any

from peewee import fn

from ..domain.deliveries import DeliveryStatus
from ..domain.sla import SlaPolicy
from ..services.callbacks.read import due_callbacks
from ..services.deliveries.board import load_board
from ..store.models import DeliveryOrder
from .core import BenchContext, Row, ms, percentile, timed

TARGETS: dict[str, float] = {"board_p95_ms": 30.0, "callbacks_p95_ms": 30.0}
ROWS = [
    Row("bench.row.board", ("board_p50_ms", "board_p95_ms"), "ms", "board_p95_ms", "p95 ≤"),
    Row("bench.row.callbacks", ("callbacks_p50_ms", "callbacks_p95_ms"), "ms", "callbacks_p95_ms", "p95 ≤"),
]
REPEATS = 30


def working_day(today: date) -> date:
    """The last day up to `today` on which orders were delivered: today on a live desk, the demo's own day
    on a demo built earlier."""
    found = DeliveryOrder.select(fn.MAX(DeliveryOrder.promised_date)).where(
        (DeliveryOrder.status == DeliveryStatus.COMPLETED.value) & (DeliveryOrder.promised_date <= today)
    ).scalar()
    if isinstance(found, str):  # SQLite hands an aggregate's date back as text
        found = date.fromisoformat(found)
    return found or today


def measure(ctx: BenchContext) -> dict[str, Any]:
    """Today's board (the day's open orders, the delivered ones counted, the orders carried over from
    earlier days) and the due list of the benchmark's operator and of everyone."""
    zone = SlaPolicy().zone
    today = ctx.now.astimezone(zone).date()
    day = working_day(today)
    # That day seen at 18:00, as its dispatcher saw it: its earlier slots over, carried-over orders shown.
    now = ctx.now if day == today else datetime.combine(day, time(18, 0), zone)
    load_board(day, now, zone)  # warm-up
    board = timed(lambda: load_board(day, now, zone), REPEATS)
    size = load_board(day, now, zone)
    calls = timed(lambda: due_callbacks(ctx.actor, ctx.now, zone), REPEATS)
    calls += timed(lambda: due_callbacks(ctx.actor, ctx.now, zone, everyone=True), REPEATS)
    return {
        "board_day": day.isoformat(),
        "board_orders": size.day_total,
        "board_lines": len(size.orders) + len(size.carried),
        "board_p50_ms": ms(percentile(board, 0.5)),
        "board_p95_ms": ms(percentile(board, 0.95)),
        "callbacks_due": len(due_callbacks(ctx.actor, ctx.now, zone, everyone=True)),
        "callbacks_p50_ms": ms(percentile(calls, 0.5)),
        "callbacks_p95_ms": ms(percentile(calls, 0.95)),
    }
