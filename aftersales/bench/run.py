"""`aftersales bench`: how fast the desk is on this machine, next to its targets.

Each part (a module with `measure(ctx)`, `ROWS` and `TARGETS`) adds its figures; PARTS lists them.
"""

import json
import os
import resource
from datetime import UTC, datetime
from typing import Any

from rich.cells import cell_len

from ..i18n import t
from ..store.db import open_database
from ..store.masking import shown_target
from . import attachments, complaints, deliveries, escalations, reports, scorecards, search, signals, startup
from .core import BenchContext, Row, bench_actor

PARTS = [complaints, search, deliveries, escalations, reports, scorecards, signals]
UI_PARTS = [startup]
# Parts whose figures another part takes (the attachments' within the saves' copy): rows and targets only.
WITHIN_PARTS = [attachments]
TARGETS: dict[str, float] = {"peak_rss_mb": 200.0}
ROWS = [Row("bench.row.rss", ("peak_rss_mb",), "MB", "peak_rss_mb")]
# Set to 0 to leave out the start-up probes (they start several fresh Python processes).
UI_ENV = "AFTERSALES_BENCH_UI"


def all_targets() -> dict[str, float]:
    merged = dict(TARGETS)
    for part in [*PARTS, *WITHIN_PARTS, *UI_PARTS]:
        merged.update(part.TARGETS)
    return merged


def collect(db: str, *, ui: bool = True) -> dict[str, Any]:
    """Every figure of the benchmark, keyed as `--json` prints them."""
    open_database(db)
    ctx = BenchContext(db, bench_actor(), datetime.now(UTC))
    figures: dict[str, Any] = {"db": shown_target(db), "actor": ctx.actor.code}
    for part in PARTS:
        figures.update(part.measure(ctx))
    if ui:
        for part in UI_PARTS:
            figures.update(part.measure(ctx))
    else:
        figures.update(floor_s=None, startup_s=None, startup_ratio=None, floor_terminal_s=None,
                       first_screen_s=None, first_screen_ratio=None, login_to_dashboard_ms=None,
                       queue_switch_ms=None, startup_note=t("bench.note.startup_skipped", env=UI_ENV))
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    figures["targets"] = all_targets()
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


def _row(row: Row, figures: dict[str, Any], targets: dict[str, float]) -> tuple[str, str, str, str]:
    values = [figures.get(key) for key in row.keys]
    if values[-1] is None:
        shown = t("bench.na")
    else:
        shown = " / ".join(f"{value:g}" for value in values if value is not None) + f" {row.unit}"
    params = dict(row.label_params)
    if row.label == "bench.row.search":
        params.update(kinds=str(len(figures.get("search_terms", {}))), worst=str(figures.get("search_worst", "")))
    label = t(row.label, **params)
    if not row.target:
        return label, shown.strip(), "", ""
    target = targets[row.target]
    return label, shown.strip(), f"{row.prefix} {target:g} {row.unit}", _verdict(values[-1], target)


def render(figures: dict[str, Any]) -> str:
    """The figures as a readable table with their targets."""
    targets = all_targets()
    every = ([row for part in [*PARTS, *WITHIN_PARTS] for row in part.ROWS] + ROWS
             + [row for part in UI_PARTS for row in part.ROWS])
    rows = [_row(row, figures, targets) for row in every]
    header = (t("bench.col.figure"), t("bench.col.value"), t("bench.col.target"), "")
    widths = [max(cell_len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = [t("bench.title", complaints=figures["complaints"], db=figures["db"])]
    for row in [header, *rows]:
        lines.append("  ".join(cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths, strict=True)).rstrip())
    for key in ("terminal_note", "startup_note", "save_note"):
        if figures.get(key):
            lines.append(str(figures[key]))
    return "\n".join(lines)

