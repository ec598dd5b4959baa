"""Delivery and call-back figures: one day's board and the list of call-backs due, both read from indexes."""

from datetime import date
from typing import Any

from peewee import fn

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


def busiest_recent_day(today: date) -> date:
    """The last day up to `today` with orders promised (a demo built on another day has none today)."""
    found = DeliveryOrder.select(fn.MAX(DeliveryOrder.promised_date)).where(
        DeliveryOrder.promised_date <= today
    ).scalar()
    if isinstance(found, str):  # SQLite hands an aggregate's date back as text
        found = date.fromisoformat(found)
    return found or today


def measure(ctx: BenchContext) -> dict[str, Any]:
    """The board of one day (that day treated as today, so carried-over orders are read too) and the due list
    of the benchmark's operator and of everyone."""
    zone = SlaPolicy().zone
    day = busiest_recent_day(ctx.now.astimezone(zone).date())
    load_board(day, ctx.now, zone)  # warm-up
    board = timed(lambda: load_board(day, ctx.now, zone), REPEATS)
    size = load_board(day, ctx.now, zone)
    calls = timed(lambda: due_callbacks(ctx.actor, ctx.now, zone), REPEATS)
    calls += timed(lambda: due_callbacks(ctx.actor, ctx.now, zone, everyone=True), REPEATS)
    return {
        "board_day": day.isoformat(),
        "board_orders": len(size.orders) + len(size.carried),
        "board_p50_ms": ms(percentile(board, 0.5)),
        "board_p95_ms": ms(percentile(board, 0.95)),
        "callbacks_due": len(due_callbacks(ctx.actor, ctx.now, zone, everyone=True)),
        "callbacks_p50_ms": ms(percentile(calls, 0.5)),
        "callbacks_p95_ms": ms(percentile(calls, 0.95)),
    }
