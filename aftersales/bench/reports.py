"""The reports' figure: the section's whole read for the year of the newest complaint."""

import time
from typing import Any

from peewee import fn

from ..domain.clock import fixed_clock
from ..domain.reports.period import parse_period
from ..services.context import Desk
from ..services.reports.summary import load_report
from ..store.models import Complaint
from .core import BenchContext, Row

TARGETS: dict[str, float] = {"report_year_ms": 1000.0}
ROWS = [Row("bench.row.report_year", ("report_year_ms",), "ms", "report_year_ms")]


def measure(ctx: BenchContext) -> dict[str, Any]:
    """The year's report (its figures and the year before's headline), read once as the section reads it."""
    newest = Complaint.select(fn.MAX(Complaint.created_at)).scalar()
    if newest is None:
        return {"report_year_ms": None}
    desk = Desk(clock=fixed_clock(ctx.now))
    period = parse_period(f"{newest.astimezone(desk.sla.zone):%Y}")
    start = time.perf_counter()
    load_report(desk, period)
    return {"report_year_ms": round((time.perf_counter() - start) * 1000, 1)}
