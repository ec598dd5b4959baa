"""The quality signals' figure: judging every shop, brand and category series at a month, read from the
summaries (what the sweep stores afterwards is left out, so the measurement never writes)."""

import time
from typing import Any

from peewee import fn

from ..domain.quality import periods
from ..domain.reports.buckets import LOCAL_OFFSET_SECONDS
from ..services.quality.signals import judged
from ..store.models import Complaint
from .core import BenchContext, Row

TARGETS: dict[str, float] = {"signals_month_ms": 2000.0}
ROWS = [Row("bench.row.signals_month", ("signals_month_ms",), "ms", "signals_month_ms")]


def measure(ctx: BenchContext) -> dict[str, Any]:
    """The month of the newest complaint, judged once as the sweep judges it."""
    from datetime import timedelta

    newest = Complaint.select(fn.MAX(Complaint.created_at)).scalar()
    if newest is None:
        return {"signals_month_ms": None, "signals_series": 0}
    local = (newest + timedelta(seconds=LOCAL_OFFSET_SECONDS)).date()
    period = periods.name(local.replace(day=1), periods.MONTH)
    start = time.perf_counter()
    series, _ = judged(period, periods.MONTH, ctx.now)
    return {"signals_month_ms": round((time.perf_counter() - start) * 1000, 1), "signals_series": series,
            "signals_period": period}
