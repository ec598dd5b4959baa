"""Regenerate screenshots/*.svg from a demo database: `python -m aftersales.ui.screenshots [--out DIR]`."""

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path

from textual.pilot import Pilot

from ..domain.clock import fixed_clock
from ..domain.enums import ComplaintStatus
from ..services.context import Desk
from ..settings import DeskConfig
from ..store.converters import staff_view
from ..store.db import connection
from ..store.models import Complaint, Event, Staff
from .app import DeskApp
from .session import DeskSession

SIZE = (120, 36)
TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 10, 30, tzinfo=UTC)  # 18:30 in the mall, after the demo day's last complaint

Steps = Callable[[Pilot[None], DeskApp], Awaitable[None]]


async def settle(app: DeskApp) -> None:
    for _ in range(3):
        busy = [worker for worker in app.workers if worker.group != "watch"]
        if busy:
            await app.workers.wait_for_complete(busy)
        await asyncio.sleep(0.1)


def make_app(db: Path, language: str, logged_in: bool | str) -> DeskApp:
    """The desk at NOW; `logged_in` True is op01, a staff code logs that member in."""
    actor = None
    if logged_in:
        with connection():
            actor = staff_view(Staff.get(Staff.code == (logged_in if isinstance(logged_in, str) else "op01")))
    session = DeskSession(db_target=str(db), desk=Desk(clock=fixed_clock(NOW)))
    return DeskApp(session, language=language, user_code="op01", actor=actor, config=DeskConfig(),
                   watch_interval=None, cursor_blink=False)


def busiest_open_complaint() -> int:
    """An open complaint with a long timeline, so the detail shows something."""
    with connection():
        open_states = [s.value for s in ComplaintStatus if s not in (ComplaintStatus.NEW, ComplaintStatus.CLOSED)]
        candidates = Complaint.select(Complaint.id).where(Complaint.status.in_(open_states)).order_by(
            Complaint.created_at.desc()).limit(50)
        best = max(candidates, key=lambda row: Event.select().where(Event.complaint == row.id).count(), default=None)
        return int(best.id) if best else int(Complaint.select(Complaint.id).first().id)


async def press(pilot: Pilot[None], app: DeskApp, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(app)


async def shoot(db: Path, out: Path, name: str, language: str, logged_in: bool | str, steps: Steps) -> None:
    app = make_app(db, language, logged_in)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await steps(pilot, app)
        await settle(app)
        await pilot.pause()
        app.save_screenshot(f"{name}.svg", str(out))
    print(f"wrote {out / (name + '.svg')}")


async def nothing(pilot: Pilot[None], app: DeskApp) -> None:
    return None


async def queue(pilot: Pilot[None], app: DeskApp) -> None:
    await press(pilot, app, "2")


async def intake_with_errors(pilot: Pilot[None], app: DeskApp) -> None:
    await press(pilot, app, "n")
    await press(pilot, app, *"1380000", "f10")


def detail_of(complaint_id: int) -> Steps:
    async def steps(pilot: Pilot[None], app: DeskApp) -> None:
        app.open_complaint(complaint_id)
        await settle(app)

    return steps


async def callbacks_due(pilot: Pilot[None], app: DeskApp) -> None:
    await press(pilot, app, "b")


async def help_on_queue(pilot: Pilot[None], app: DeskApp) -> None:
    await press(pilot, app, "2")
    await press(pilot, app, "f1")


async def run(out: Path) -> int:
    from ..services.demo.build import build_demo

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        build_demo(db, complaints=2000, seed=7, today=TODAY)
        shots: list[tuple[str, str, bool | str, Steps, str | None]] = [
            ("login", "en", False, nothing, None),
            ("dashboard_en", "en", True, nothing, None),
            ("dashboard_zh", "zh_CN", True, nothing, None),
            ("queue_en", "en", True, queue, "queue"),
            ("queue_zh", "zh_CN", True, queue, "queue"),
            ("intake_en", "en", True, intake_with_errors, "intake"),
            ("intake_zh", "zh_CN", True, intake_with_errors, "intake"),
            ("detail", "en", True, detail_of(busiest_open_complaint()), "detail"),
            ("help", "en", True, help_on_queue, "queue"),
            # The dispatcher logs in straight to the board.
            ("deliveries_en", "en", "dc01", nothing, "deliveries"),
            ("deliveries_zh", "zh_CN", "dc01", nothing, "deliveries"),
            ("callbacks", "en", True, callbacks_due, "callbacks"),
        ]
        for name, language, logged_in, steps, _needs in shots:
            await shoot(db, out, name, language, logged_in, steps)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="folder for the SVG files")
    args = parser.parse_args(argv)
    return asyncio.run(run(args.out))


if __name__ == "__main__":
    sys.exit(main())
