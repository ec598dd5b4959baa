"""Start-up: the desk against a bare Textual app, both started as fresh processes."""

import json
import statistics
import subprocess
import sys
import time
from typing import Any

from ..i18n import t
from .core import BenchContext, Row

STARTUP_RUNS = 3
PROBE_TIMEOUT = 120.0
TARGETS: dict[str, float] = {"startup_ratio": 1.5}
ROWS = [
    Row("bench.row.floor", ("floor_s",), "s"),
    Row("bench.row.startup", ("startup_s",), "s"),
    Row("bench.row.ratio", ("startup_ratio",), "×", "startup_ratio"),
]


def _probe(args: list[str]) -> tuple[float, float]:
    """Seconds from starting a fresh interpreter on bench_probe (aftersales.bench.probe) until it reports, and its peak RSS."""
    command = [sys.executable, "-m", "aftersales.bench.probe", *args]
    started = time.time()
    done = subprocess.run(command, capture_output=True, text=True, timeout=PROBE_TIMEOUT, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        problem = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise RuntimeError(problem)
    report = json.loads(lines[-1])
    return float(report["ready"]) - started, float(report["rss_mb"])


def measure(ctx: BenchContext) -> dict[str, Any]:
    db, actor = ctx.db, ctx.actor
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


