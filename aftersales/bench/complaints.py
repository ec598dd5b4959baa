"""The complaint desk's figures: queue pages, the dashboard, saving a complaint (search: search.py)."""

import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from ..domain.schemas import StaffView
from ..i18n import t
from ..services.complaints.intake import create_complaint
from ..services.complaints.queue import QueueFilter, QueueSort, queue_page
from ..services.context import Desk
from ..services.dashboard.figures import load_dashboard
from ..store.db import close_database, is_url, open_database
from ..store.models import Complaint, Shop
from .core import BenchContext, Row, ms, percentile, timed
from .server_saves import saves_on_server

TARGETS: dict[str, float] = {
    "page_p95_ms": 15.0,
    "save_p95_ms": 15.0,
    "dashboard_ms": 300.0,
}
ROWS = [
    Row("bench.row.first_page", ("first_page_ms",), "ms"),
    Row("bench.row.page", ("page_p50_ms", "page_p95_ms"), "ms", "page_p95_ms", "p95 ≤"),
    Row("bench.row.dashboard", ("dashboard_ms",), "ms", "dashboard_ms"),
    Row("bench.row.save", ("save_p50_ms", "save_p95_ms"), "ms", "save_p95_ms", "p95 ≤"),
]
PAGE_REPEATS = 30
DASHBOARD_REPEATS = 3
SAVES = 100


def measure(ctx: BenchContext) -> dict[str, Any]:
    """Every figure of this part."""
    figures: dict[str, Any] = {}
    figures.update(measure_queue(ctx))
    figures.update(measure_dashboard(ctx))
    figures.update(measure_saves(ctx))
    return figures


def measure_queue(ctx: BenchContext) -> dict[str, Any]:
    actor, now = ctx.actor, ctx.now
    """First page, then pages at the start, middle and end of the newest-first queue."""
    everything = QueueFilter()
    start = time.perf_counter()
    first = queue_page(actor, everything, QueueSort.NEWEST, now=now)
    first_page = time.perf_counter() - start
    total = Complaint.select().count()
    # The middle row's keys, found once outside the timing.
    middle_row = (
        Complaint.select(Complaint.created_at, Complaint.id)
        .order_by(Complaint.created_at.desc(), Complaint.id.desc())
        .offset(total // 2)
        .limit(1)
        .tuples()
        .first()
    )
    middle = (int(middle_row[0].timestamp()), int(middle_row[1])) if middle_row else None
    spots = {
        "start": lambda: queue_page(actor, everything, QueueSort.NEWEST, now=now),
        "middle": lambda: queue_page(actor, everything, QueueSort.NEWEST, middle, now=now),
        "end": lambda: queue_page(actor, everything, QueueSort.NEWEST, now=now, from_end=True),
    }
    samples = {name: timed(fetch, PAGE_REPEATS) for name, fetch in spots.items()}
    every = [s for values in samples.values() for s in values]
    figures: dict[str, Any] = {
        "complaints": total,
        "first_page_ms": ms(first_page),
        "first_page_rows": len(first.rows),
        "page_p50_ms": ms(percentile(every, 0.5)),
        "page_p95_ms": ms(percentile(every, 0.95)),
    }
    for name, values in samples.items():
        figures[f"page_{name}_p95_ms"] = ms(percentile(values, 0.95))
    return figures


def measure_dashboard(ctx: BenchContext) -> dict[str, Any]:
    """The dashboard service's load time (median of a few)."""
    values = timed(lambda: load_dashboard(ctx.actor, ctx.now), DASHBOARD_REPEATS)
    return {"dashboard_ms": ms(statistics.median(values)), "dashboard_first_ms": ms(values[0])}


def measure_saves(ctx: BenchContext) -> dict[str, Any]:
    """Save new complaints, and attach files, where they leave the measured database as it was: on a file
    into a copy of it (SQLite backup API), on a server into a scratch database on the same server (see
    server_saves)."""
    shop = Shop.select(Shop.code).where(Shop.active == True).order_by(Shop.id).scalar()  # noqa: E712
    if shop is None:
        return {"save_p95_ms": None, "save_note": "no active shop to file complaints against"}
    if is_url(ctx.db):
        outcome = saves_on_server(ctx.db, ctx.actor, shop, lambda: _saves_and_files(ctx.actor, shop, on_server=True))
        if "error" in outcome:
            return {"save_p95_ms": None, "save_note": t("bench.note.saves_not_measured", reason=outcome["error"])}
        samples, files = outcome["samples"]
        return {**_save_figures(samples), **files, "save_note": t("bench.note.saves_on_scratch_server")}
    close_database()
    with tempfile.TemporaryDirectory(prefix="aftersales-bench-") as folder:
        copy = Path(folder) / "copy.db"
        source, target = sqlite3.connect(ctx.db), sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        # Write the copy out now: otherwise the saves' fsyncs wait behind gigabytes of page cache.
        with copy.open("rb+") as handle:
            os.fsync(handle.fileno())
        open_database(copy)
        try:
            samples, files = _saves_and_files(ctx.actor, shop, on_server=False)
        finally:
            close_database()
    open_database(ctx.db)
    return {**_save_figures(samples), **files}


def _saves_and_files(actor: StaffView, shop: str, *, on_server: bool) -> tuple[list[float], dict[str, Any]]:
    """The timed saves, then the attachments' figures on the last complaint saved (bench/attachments.py)."""
    from .attachments import attachment_figures

    samples = _timed_saves(actor, shop)
    newest = Complaint.select(Complaint.id).order_by(Complaint.id.desc()).scalar()
    return samples, attachment_figures(actor, int(newest), on_server)


def _timed_saves(actor: StaffView, shop: str) -> list[float]:
    """SAVES new complaints through the intake service, each one timed, into the open database."""
    desk = Desk()
    samples = []
    for index in range(SAVES):
        data = {
            "phone": f"139{index:08d}", "customer_name": "测试顾客", "shop_code": shop,
            "product": "布艺沙发", "category": "product_quality", "severity": "normal",
            "channel": "phone", "remedy": "repair", "description": "沙发腿断裂，要求上门维修 bench",
        }
        start = time.perf_counter()
        create_complaint(desk, actor, data)
        samples.append(time.perf_counter() - start)
    return samples


def _save_figures(samples: list[float]) -> dict[str, Any]:
    return {"save_p50_ms": ms(percentile(samples, 0.5)), "save_p95_ms": ms(percentile(samples, 0.95))}
