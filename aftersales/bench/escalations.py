"""Escalation figures: the sweep when nothing is due (read through the open-deadline indexes) and the
manager's review queue."""

import re
from datetime import datetime
from typing import Any

from ..demo.marker import DEMO_KEY
from ..domain.clock import fixed_clock
from ..domain.enums import Role
from ..domain.sla import SlaPolicy
from ..services.context import Desk
from ..services.escalations.read import open_count, review_queue
from ..services.escalations.sweep import due_escalations
from ..store.converters import staff_view
from ..store.models import Meta, Staff
from .core import BenchContext, Row, ms, percentile, timed

TARGETS: dict[str, float] = {"sweep_ms": 2000.0, "review_p95_ms": 30.0}
ROWS = [
    Row("bench.row.sweep", ("sweep_ms",), "ms", "sweep_ms"),
    Row("bench.row.review", ("review_p50_ms", "review_p95_ms"), "ms", "review_p95_ms", "p95 ≤"),
]
SWEEPS = 5
REPEATS = 30
_DEMO_NOW = re.compile(r"up to (\d{4}-\d{2}-\d{2} \d{2}:\d{2})")


def sweep_moment(now: datetime) -> datetime:
    """When the sweep is timed: a demo's own "now" (every escalation due by then is raised), else `now`.

    The sweep is read-only when nothing is due, so the measurement never writes to the database.
    """
    row = Meta.get_or_none(Meta.key == DEMO_KEY)
    found = _DEMO_NOW.search(row.value) if row else None
    if found is None:
        return now
    return datetime.strptime(found.group(1), "%Y-%m-%d %H:%M").replace(tzinfo=SlaPolicy().zone)


def measure(ctx: BenchContext) -> dict[str, Any]:
    desk = Desk(clock=fixed_clock(sweep_moment(ctx.now)))
    due = len(due_escalations(desk))  # warm-up, and what a sweep would raise
    sweeps = timed(lambda: due_escalations(desk), SWEEPS)
    reviewer = Staff.get_or_none((Staff.role == Role.MANAGER.value) & (Staff.active == True))  # noqa: E712
    figures: dict[str, Any] = {"sweep_due": due, "sweep_ms": ms(percentile(sweeps, 0.5))}
    if reviewer is None:
        return figures | {"review_rows": 0, "review_p50_ms": None, "review_p95_ms": None}
    manager = staff_view(reviewer)
    review_queue(manager)
    reads = timed(lambda: (review_queue(manager), open_count(manager)), REPEATS)
    return figures | {
        "review_rows": len(review_queue(manager)),
        "review_p50_ms": ms(percentile(reads, 0.5)),
        "review_p95_ms": ms(percentile(reads, 0.95)),
    }
