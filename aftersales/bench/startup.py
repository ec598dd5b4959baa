"""Start-up, as a user meets it: the real `aftersales` command on a pseudo-terminal beside a bare Textual app.

Two sets of figures, both against a floor measured the same way in the same run:
- on a terminal (the targets): from starting `aftersales --db … --user …` until the login screen's
  text is written (`first_screen_ratio` to the floor's first screen), then, once the PIN has been
  typed at a person's pace, from its `enter` to the dashboard's first frame (`login_to_dashboard_ms`)
  and from `2` to the queue's (`queue_switch_ms`);
- headless, as before: a fresh process to an interactive queue (`startup_ratio`).

The terminal session logs in, which writes an audit event: it runs on a copy of a SQLite file.
"""

import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..i18n import catalog, t
from ..store.target import is_url
from .core import BenchContext, Row
from .probe import probe
from .terminal import TerminalSession, TerminalTimeout

STARTUP_RUNS = 3  # headless probes
TERMINAL_RUNS = 5  # terminal sessions (each also starts the floor once)
SIZE = (120, 36)
READ_PAUSE = 1.0  # seconds a person looks at the login screen before typing
KEY_PAUSE = 0.15  # seconds between the PIN's digits
LOOK_PAUSE = 1.0  # seconds on the dashboard before pressing `2`
WAIT = 30.0
TARGETS: dict[str, float] = {
    "first_screen_ratio": 1.3,
    "login_to_dashboard_ms": 200.0,
    "queue_switch_ms": 100.0,
    "startup_ratio": 1.5,
}
ROWS = [
    Row("bench.row.floor_terminal", ("floor_terminal_s",), "s"),
    Row("bench.row.first_screen", ("first_screen_s",), "s"),
    Row("bench.row.first_screen_ratio", ("first_screen_ratio",), "×", "first_screen_ratio"),
    Row("bench.row.login_to_dashboard", ("login_to_dashboard_ms",), "ms", "login_to_dashboard_ms"),
    Row("bench.row.queue_switch", ("queue_switch_ms",), "ms", "queue_switch_ms"),
    Row("bench.row.floor", ("floor_s",), "s"),
    Row("bench.row.startup", ("startup_s",), "s"),
    Row("bench.row.ratio", ("startup_ratio",), "×", "startup_ratio"),
]
FLOOR_SCRIPT = Path(__file__).with_name("floor_app.py")


def desk_command() -> list[str]:
    """The installed `aftersales` command beside this Python (or the same entry point through it)."""
    script = Path(sys.executable).with_name("aftersales")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from aftersales.cli import main; sys.exit(main())"]


def measure(ctx: BenchContext) -> dict[str, Any]:
    """Every start-up figure: on a terminal, then headless."""
    figures = measure_terminal(ctx)
    figures.update(measure_headless(ctx))
    return figures


def measure_headless(ctx: BenchContext) -> dict[str, Any]:
    """Bare Textual app to first frame vs the desk to an interactive queue, medians of fresh processes."""
    floors, startups, rss = [], [], []
    note = ""
    for _ in range(STARTUP_RUNS):
        floors.append(probe(["floor"])[0])
        if note:
            continue
        try:
            seconds, peak = probe(["desk", ctx.db, ctx.actor.code])
        except (RuntimeError, ValueError, KeyError, OSError) as exc:
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


def _pin_of(ctx: BenchContext) -> str | None:
    """The PIN to log in with: a demo account's, else $AFTERSALES_PIN."""
    import os

    from ..demo.catalog import DEMO_STAFF
    from ..demo.marker import is_demo_database

    if is_demo_database():
        for code, _name, _role, pin in DEMO_STAFF:
            if code == ctx.actor.code:
                return pin
    return os.environ.get("AFTERSALES_PIN") or None


def measure_terminal(ctx: BenchContext) -> dict[str, Any]:
    """The figures on a pseudo-terminal (medians of TERMINAL_RUNS), or a note saying why there are none."""
    figures: dict[str, Any] = {"floor_terminal_s": None, "first_screen_s": None, "first_screen_ratio": None,
                               "login_to_dashboard_ms": None, "queue_switch_ms": None}
    if is_url(ctx.db):
        figures["terminal_note"] = t("bench.note.terminal_file_only")
        return figures
    pin = _pin_of(ctx)
    with tempfile.TemporaryDirectory(prefix="aftersales-bench-") as folder:
        copy = Path(folder) / "desk.db"
        _copy(ctx.db, copy)
        env = {"XDG_CONFIG_HOME": folder, "LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
        runs: dict[str, list[float]] = {"floor": [], "first": [], "dashboard": [], "queue": [], "rows": []}
        try:
            for _ in range(TERMINAL_RUNS):
                runs["floor"].append(_floor_session())
                _desk_session(copy, ctx.actor.code, pin, env, runs)
        except (TerminalTimeout, OSError) as exc:
            figures["terminal_note"] = t("bench.note.terminal_failed", reason=str(exc))
            return figures
    floor, first = statistics.median(runs["floor"]), statistics.median(runs["first"])
    figures.update(floor_terminal_s=round(floor, 3), first_screen_s=round(first, 3),
                   first_screen_ratio=round(first / floor, 2))
    if pin is None:
        figures["terminal_note"] = t("bench.note.terminal_no_pin", code=ctx.actor.code)
        return figures
    figures.update(
        login_to_dashboard_ms=round(statistics.median(runs["dashboard"]) * 1000, 1),
        queue_switch_ms=round(statistics.median(runs["queue"]) * 1000, 1),
        queue_rows_ms=round(statistics.median(runs["rows"]) * 1000, 1),
    )
    return figures


def _copy(source: str, target: Path) -> None:
    """A consistent copy of the SQLite file `source` (the online backup API), written without syncing."""
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    writer = sqlite3.connect(target)
    try:
        writer.execute("PRAGMA synchronous = OFF")
        reader.backup(writer)
    finally:
        reader.close()
        writer.close()


def _floor_session() -> float:
    from .floor_app import READY_TEXT

    with TerminalSession([sys.executable, str(FLOOR_SCRIPT)], SIZE) as floor:
        return floor.wait_for(READY_TEXT, WAIT) - floor.started


def _desk_session(db: Path, code: str, pin: str | None, env: dict[str, str], runs: dict[str, list[float]]) -> None:
    """One start of the desk: its login screen, and with a PIN the dashboard and the queue after it."""
    english = catalog("en")
    command = [*desk_command(), "--db", str(db), "--lang", "en", "--user", code]
    with TerminalSession(command, SIZE, env) as desk:
        runs["first"].append(desk.wait_for(english["login.title"], WAIT) - desk.started)
        if pin is None:
            return
        desk.drain(READ_PAUSE)
        for digit in pin:
            desk.type(digit)
            desk.drain(KEY_PAUSE)
        mark = desk.mark()
        pressed = desk.type("\r")
        runs["dashboard"].append(desk.wait_for(english["dashboard.card.my_open"], WAIT, since=mark) - pressed)
        desk.drain(LOOK_PAUSE)
        mark = desk.mark()
        pressed = desk.type("2")
        runs["queue"].append(desk.wait_for(english["queue.column.customer"], WAIT, since=mark) - pressed)
        runs["rows"].append(desk.wait_for("TS-", WAIT, since=mark) - pressed)
        desk.type("\x11")  # ctrl+q
        desk.drain(0.2)
