"""Headless start-up probes `aftersales bench` runs in fresh processes: a bare Textual app, and the desk to its queue.

`python -m aftersales.bench.probe floor` or `python -m aftersales.bench.probe desk DB STAFF_CODE`
prints one JSON line, `{"ready": <epoch seconds>, "rss_mb": ...}`, when the first frame (floor) or the
queue's first page (desk) is on screen; the parent times from the moment it started the process.
"""

import asyncio
import json
import resource
import subprocess
import sys
import time

SIZE = (120, 36)
QUEUE_TIMEOUT = 60.0
PROBE_TIMEOUT = 120.0


def probe(args: list[str]) -> tuple[float, float]:
    """Seconds from starting a fresh interpreter on this module with `args` until it reports, and its
    peak RSS in MB; RuntimeError (its last line of error) when it fails."""
    command = [sys.executable, "-m", "aftersales.bench.probe", *args]
    started = time.time()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=PROBE_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"no report within {PROBE_TIMEOUT:.0f} s") from exc
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        problem = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise RuntimeError(problem)
    report = json.loads(lines[-1])
    return float(report["ready"]) - started, float(report["rss_mb"])


def _report() -> None:
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ready": time.time(), "rss_mb": round(rss_mb, 1)}), flush=True)


async def floor() -> None:
    """The least any Textual app with a header, a table and a footer needs to show its first frame."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield DataTable()
            yield Footer()

    app = Floor()
    async with app.run_test(headless=True, size=SIZE) as pilot:
        await pilot.pause()
        _report()


async def desk(db: str, staff_code: str) -> None:
    """The desk opening on the complaints section (`start_section`), logged in as `staff_code`,
    until the queue shows rows."""
    from textual.widgets import DataTable

    from ..services.context import Desk
    from ..store.converters import staff_view
    from ..store.db import open_database
    from ..store.models import Staff
    from ..ui.app import DeskApp
    from ..ui.screens.complaints.queue import QueueScreen
    from ..ui.session import DeskSession

    open_database(db)
    actor = staff_view(Staff.get(Staff.code == staff_code))
    app = DeskApp(DeskSession(db_target=db, desk=Desk()), language="en", actor=actor, start_section="complaints")
    async with app.run_test(headless=True, size=SIZE) as pilot:
        deadline = time.monotonic() + QUEUE_TIMEOUT
        while not (isinstance(app.screen, QueueScreen) and app.screen.query_one(DataTable).row_count):
            if isinstance(app.screen, QueueScreen) and app.screen.error:
                raise RuntimeError(f"the queue failed to load: {app.screen.error}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"the queue showed no rows within {QUEUE_TIMEOUT:.0f} s")
            await pilot.pause(0.005)
        await pilot.pause()
        _report()


def main(argv: list[str]) -> int:
    if argv[:1] == ["floor"]:
        asyncio.run(floor())
    elif argv[:1] == ["desk"] and len(argv) == 3:
        asyncio.run(desk(argv[1], argv[2]))
    else:
        print("usage: python -m aftersales.bench.probe floor | desk DB STAFF_CODE", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
