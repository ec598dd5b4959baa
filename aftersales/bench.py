"""`aftersales bench`: how fast the desk is on this machine, next to the targets of the desk issue."""

import json
import math
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.cells import cell_len

from .domain.enums import Role
from .domain.errors import NotFound
from .domain.schemas import StaffView
from .i18n import t
from .services.complaints.intake import create_complaint
from .services.complaints.queue import QueueFilter, QueueSort, queue_page
from .services.context import Desk
from .store.converters import staff_view
from .store.db import close_database, is_url, open_database
from .store.models import Complaint, Shop, Staff

# What the desk must reach on a 1,000,000-complaint database.
TARGETS: dict[str, float] = {
    "startup_ratio": 1.5,
    "page_p95_ms": 15.0,
    "search_p95_ms": 30.0,
    "save_p95_ms": 15.0,
    "dashboard_ms": 300.0,
    "peak_rss_mb": 200.0,
}
# Both occur in demo descriptions; trigram search needs three characters or more.
SEARCH_TERMS = ("桌面开裂", "refund")
PAGE_REPEATS = 30
SEARCH_REPEATS = 20
DASHBOARD_REPEATS = 3
SAVES = 100
STARTUP_RUNS = 3
PROBE_TIMEOUT = 120.0
# Set to 0 to leave out the start-up probes (they start six fresh Python processes).
UI_ENV = "AFTERSALES_BENCH_UI"


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile (`share` 0.95 → p95)."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _timed(action: Callable[[], object], repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def bench_actor() -> StaffView:
    """op01 on a demo database, else the first active desk member."""
    desk_roles = [Role.OPERATOR.value, Role.LEAD.value, Role.MANAGER.value]
    row = Staff.get_or_none((Staff.code == "op01") & (Staff.active == True))  # noqa: E712
    if row is None:
        row = (
            Staff.select()
            .where((Staff.active == True) & Staff.role.in_(desk_roles))  # noqa: E712
            .order_by(Staff.id)
            .first()
        )
    if row is None:
        raise NotFound("no active operator, lead or manager to run the benchmark as", what="staff")
    return staff_view(row)


def measure_queue(actor: StaffView, now: datetime) -> dict[str, Any]:
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
    samples = {name: _timed(fetch, PAGE_REPEATS) for name, fetch in spots.items()}
    every = [s for values in samples.values() for s in values]
    figures: dict[str, Any] = {
        "complaints": total,
        "first_page_ms": _ms(first_page),
        "first_page_rows": len(first.rows),
        "page_p50_ms": _ms(percentile(every, 0.5)),
        "page_p95_ms": _ms(percentile(every, 0.95)),
    }
    for name, values in samples.items():
        figures[f"page_{name}_p95_ms"] = _ms(percentile(values, 0.95))
    return figures


def measure_search(actor: StaffView, now: datetime) -> dict[str, Any]:
    """Full-text search for a Chinese and an English term."""
    every: list[float] = []
    figures: dict[str, Any] = {"search_terms": list(SEARCH_TERMS)}
    for index, term in enumerate(SEARCH_TERMS):
        filt = QueueFilter(search=term)
        hits = len(queue_page(actor, filt, now=now).rows)  # warm-up, and proof the term is found
        values = _timed(lambda f=filt: queue_page(actor, f, now=now), SEARCH_REPEATS)  # type: ignore[misc]
        every += values
        figures[f"search_{index}_hits"] = hits
        figures[f"search_{index}_p95_ms"] = _ms(percentile(values, 0.95))
    figures["search_p50_ms"] = _ms(percentile(every, 0.5))
    figures["search_p95_ms"] = _ms(percentile(every, 0.95))
    return figures


def measure_dashboard(actor: StaffView, now: datetime) -> dict[str, Any]:
    """The dashboard service's load time (median of a few), or the same counts by hand while it is missing."""
    try:
        from .services.dashboard.figures import load_dashboard
    except ImportError:
        load = _fallback_dashboard
        source = "fallback"
    else:
        def load() -> object:
            return load_dashboard(actor, now)

        source = "services.dashboard.load_dashboard"
    values = _timed(load, DASHBOARD_REPEATS)
    return {"dashboard_ms": _ms(statistics.median(values)), "dashboard_first_ms": _ms(values[0]),
            "dashboard_source": source}


def _fallback_dashboard() -> object:
    db = Complaint._meta.database
    by_status = db.execute_sql("SELECT status, COUNT(*) FROM complaint GROUP BY status").fetchall()
    overdue = db.execute_sql(
        "SELECT COUNT(*) FROM complaint WHERE status NOT IN ('resolved', 'closed') AND resolve_due_at < ?",
        (int(time.time()),),
    ).fetchone()
    return by_status, overdue


def measure_saves(db: str, actor: StaffView) -> dict[str, Any]:
    """Save new complaints into a copy of the database (SQLite backup API), never into the user's file."""
    if is_url(db):
        return {"save_p95_ms": None, "save_note": "saves are measured on SQLite files only"}
    shop = Shop.select(Shop.code).where(Shop.active == True).order_by(Shop.id).scalar()  # noqa: E712
    if shop is None:
        return {"save_p95_ms": None, "save_note": "no active shop to file complaints against"}
    close_database()
    with tempfile.TemporaryDirectory(prefix="aftersales-bench-") as folder:
        copy = Path(folder) / "copy.db"
        source, target = sqlite3.connect(db), sqlite3.connect(copy)
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
        finally:
            close_database()
    open_database(db)
    return {"save_p50_ms": _ms(percentile(samples, 0.5)), "save_p95_ms": _ms(percentile(samples, 0.95))}


def _probe(args: list[str]) -> tuple[float, float]:
    """Seconds from starting a fresh interpreter on bench_probe until it reports, and its peak RSS."""
    command = [sys.executable, "-m", "aftersales.bench_probe", *args]
    started = time.time()
    done = subprocess.run(command, capture_output=True, text=True, timeout=PROBE_TIMEOUT, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        problem = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise RuntimeError(problem)
    report = json.loads(lines[-1])
    return float(report["ready"]) - started, float(report["rss_mb"])


def measure_startup(db: str, actor: StaffView) -> dict[str, Any]:
    """Bare Textual app to first frame vs the desk to an interactive queue, medians of fresh processes."""
    floors, startups, rss = [], [], []
    note = ""
    for _ in range(STARTUP_RUNS):
        floors.append(_probe(["floor"])[0])
        if note:
            continue
        try:
            seconds, peak = _probe(["desk", db, actor.code])
        except (RuntimeError, subprocess.TimeoutExpired, ValueError, KeyError) as exc:
            note = t("bench.note.startup_failed", reason=str(exc))
            continue
        startups.append(seconds)
        rss.append(peak)
    floor = statistics.median(floors)
    figures: dict[str, Any] = {"floor_s": round(floor, 3), "startup_s": None, "startup_ratio": None}
    if startups and not note:
        startup = statistics.median(startups)
        figures.update(startup_s=round(startup, 3), startup_ratio=round(startup / floor, 2),
                       startup_rss_mb=max(rss))
    if note:
        figures["startup_note"] = note
    return figures


def collect(db: str, *, ui: bool = True) -> dict[str, Any]:
    """Every figure of the benchmark, keyed as `--json` prints them."""
    open_database(db)
    actor = bench_actor()
    now = datetime.now(UTC)
    figures: dict[str, Any] = {"db": db, "actor": actor.code}
    figures.update(measure_queue(actor, now))
    figures.update(measure_search(actor, now))
    figures.update(measure_dashboard(actor, now))
    if ui:
        figures.update(measure_startup(db, actor))
    else:
        figures.update(floor_s=None, startup_s=None, startup_ratio=None,
                       startup_note=t("bench.note.startup_skipped", env=UI_ENV))
    figures.update(measure_saves(db, actor))
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    figures["targets"] = TARGETS
    return figures


def main(db: str, as_json: bool, *, ui: bool | None = None) -> int:
    """Print the figures for `db` (one JSON object with `as_json`); `ui` False skips the start-up probes."""
    if ui is None:
        ui = os.environ.get(UI_ENV, "1") != "0"
    figures = collect(db, ui=ui)
    print(json.dumps(figures, ensure_ascii=False) if as_json else render(figures))
    return 0


def _verdict(value: float | None, target: float) -> str:
    if value is None:
        return t("bench.na")
    return t("bench.ok") if value <= target else t("bench.missed")


def render(figures: dict[str, Any]) -> str:
    """The figures as a readable table with their targets."""

    def number(value: Any, unit: str) -> str:
        return t("bench.na") if value is None else f"{value:g} {unit}".strip()

    def pair(low: Any, high: Any, unit: str) -> str:
        return t("bench.na") if high is None else f"{low:g} / {high:g} {unit}"

    f = figures
    target = TARGETS
    rows = [
        (t("bench.row.first_page"), number(f["first_page_ms"], "ms"), "", ""),
        (t("bench.row.page"), pair(f["page_p50_ms"], f["page_p95_ms"], "ms"),
         f"p95 ≤ {target['page_p95_ms']:g} ms", _verdict(f["page_p95_ms"], target["page_p95_ms"])),
        (t("bench.row.search", terms=", ".join(f["search_terms"])), pair(f["search_p50_ms"], f["search_p95_ms"], "ms"),
         f"p95 ≤ {target['search_p95_ms']:g} ms", _verdict(f["search_p95_ms"], target["search_p95_ms"])),
        (t("bench.row.dashboard"), number(f["dashboard_ms"], "ms"), f"≤ {target['dashboard_ms']:g} ms",
         _verdict(f["dashboard_ms"], target["dashboard_ms"])),
        (t("bench.row.save"), pair(f.get("save_p50_ms"), f["save_p95_ms"], "ms"),
         f"p95 ≤ {target['save_p95_ms']:g} ms", _verdict(f["save_p95_ms"], target["save_p95_ms"])),
        (t("bench.row.rss"), number(f["peak_rss_mb"], "MB"), f"≤ {target['peak_rss_mb']:g} MB",
         _verdict(f["peak_rss_mb"], target["peak_rss_mb"])),
        (t("bench.row.floor"), number(f["floor_s"], "s"), "", ""),
        (t("bench.row.startup"), number(f["startup_s"], "s"), "", ""),
        (t("bench.row.ratio"), number(f["startup_ratio"], "×"), f"≤ {target['startup_ratio']:g} ×",
         _verdict(f["startup_ratio"], target["startup_ratio"])),
    ]
    header = (t("bench.col.figure"), t("bench.col.value"), t("bench.col.target"), "")
    widths = [max(cell_len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = [t("bench.title", complaints=f["complaints"], db=f["db"])]
    for row in [header, *rows]:
        lines.append("  ".join(cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths, strict=True)).rstrip())
    for key in ("dashboard_source", "startup_note", "save_note"):
        if key == "dashboard_source" and f.get(key) != "fallback":
            continue
        if f.get(key):
            lines.append(t("bench.note.dashboard_fallback") if key == "dashboard_source" else str(f[key]))
    return "\n".join(lines)
