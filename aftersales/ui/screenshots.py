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
from ..services.complaints.read import longest_open_timeline
from ..services.context import Desk
from ..services.escalations.read import most_escalated_complaint
from ..services.staff.directory import list_staff
from ..settings import DeskConfig
from .app import DeskApp
from .session import DeskSession

SIZE = (120, 36)
SMALL = (80, 24)
TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 10, 30, tzinfo=UTC)  # 18:30 in the mall, after the demo day's last complaint

Steps = Callable[[Pilot[None], DeskApp], Awaitable[None]]


async def settle(app: DeskApp) -> None:
    for _ in range(3):
        busy = [worker for worker in app.workers if worker.group != "watch"]
        if busy:
            await app.workers.wait_for_complete(busy)
        await asyncio.sleep(0.1)


def make_app(db: Path, language: str, logged_in: bool, code: str = "op01") -> DeskApp:
    actor = None
    if logged_in:
        actor = next(staff for staff in list_staff(active_only=False) if staff.code == code)
    session = DeskSession(db_target=str(db), desk=Desk(clock=fixed_clock(NOW)))
    return DeskApp(session, language=language, user_code="op01", actor=actor, config=DeskConfig(),
                   watch_interval=None, cursor_blink=False)


def busiest_open_complaint() -> int:
    """An open complaint with a long timeline, so the detail shows something."""
    found = longest_open_timeline()
    if found is None:
        raise SystemExit("the demo database holds no complaint")
    return found


async def press(pilot: Pilot[None], app: DeskApp, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(app)


async def shoot(
    db: Path, out: Path, name: str, language: str, logged_in: bool, steps: Steps,
    size: tuple[int, int] = SIZE, code: str = "op01",
) -> None:
    app = make_app(db, language, logged_in, code)
    async with app.run_test(size=size) as pilot:
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


async def shops(pilot: Pilot[None], app: DeskApp) -> None:
    await press(pilot, app, "6")


async def callbacks_due(pilot: Pilot[None], app: DeskApp) -> None:
    await press(pilot, app, "b")


async def help_on_queue(pilot: Pilot[None], app: DeskApp) -> None:
    await press(pilot, app, "2")
    await press(pilot, app, "f1")


async def penalties(pilot: Pilot[None], app: DeskApp) -> None:
    await press(pilot, app, "5")


async def ledger_of_huang_lei(pilot: Pilot[None], app: DeskApp) -> None:
    """A lead looking at op04's ledger: a third violation this year, its dismissal review open."""
    from ..domain.penalties.enums import SubjectKind
    from ..domain.penalties.schemas import SubjectRef
    from .navigation import prepared
    from .screens.penalties.ledger import LedgerScreen

    await press(pilot, app, "5")
    app.push_screen(prepared(LedgerScreen(SubjectRef(kind=SubjectKind.STAFF, code="op04", name="黄磊"))))
    await settle(app)
    await press(pilot, app, "down", "down")  # onto the third, whose story tells of the open review


async def confirm_wang_fangs_third(pilot: Pilot[None], app: DeskApp) -> None:
    """The lead confirming the proposal against op01, which would be her third violation this year."""
    from textual.widgets import DataTable

    from .screens.penalties.penalties import PenaltiesScreen

    await press(pilot, app, "5")
    screen = app.screen
    assert isinstance(screen, PenaltiesScreen)
    rows = [item.violation.subject.code for item in screen.pending]
    screen.query_one("#pending", DataTable).move_cursor(row=rows.index("op01"))
    await press(pilot, app, "c")


async def payroll_october(pilot: Pilot[None], app: DeskApp) -> None:
    from .navigation import prepared
    from .screens.penalties.payroll import PayrollScreen

    await press(pilot, app, "5")
    app.push_screen(prepared(PayrollScreen("2026-10")))
    await settle(app)


async def reports_october(pilot: Pilot[None], app: DeskApp) -> None:
    await press(pilot, app, "7")
    await press(pilot, app, "left_square_bracket")


async def reports_quarter_tables(pilot: Pilot[None], app: DeskApp) -> None:
    """The quarter's response times and SLA by shop, as a table."""
    await press(pilot, app, "7")
    await press(pilot, app, "p", "t", *["down"] * 9)


async def escalations(pilot: Pilot[None], app: DeskApp) -> None:
    await press(pilot, app, "4")


def files_of_a_complaint() -> Steps:
    """The detail of the complaint with the most photos, its files listed with the first one's thumbnail."""
    from ..services.attachments.read import most_attached_complaint

    found = most_attached_complaint()
    detail = detail_of(found if found is not None else busiest_open_complaint())

    async def steps(pilot: Pilot[None], app: DeskApp) -> None:
        await detail(pilot, app)
        await press(pilot, app, "f")
        await asyncio.sleep(0.3)  # the thumbnail is read after the list
    return steps


def escalated_complaint() -> int:
    """An open complaint with the most escalations (a second breach among them, as a rule)."""
    found = most_escalated_complaint()
    return found if found is not None else busiest_open_complaint()


async def run(out: Path) -> int:
    from ..demo.build import build_demo

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        build_demo(db, complaints=2000, seed=7, today=TODAY)
        detail = detail_of(busiest_open_complaint())
        shots: list[tuple[str, str, bool, Steps, tuple[int, int]]] = [
            ("login", "en", False, nothing, SIZE),
            ("dashboard_en", "en", True, nothing, SIZE),
            ("dashboard_zh", "zh_CN", True, nothing, SIZE),
            ("queue_en", "en", True, queue, SIZE),
            ("queue_zh", "zh_CN", True, queue, SIZE),
            ("intake_en", "en", True, intake_with_errors, SIZE),
            ("intake_zh", "zh_CN", True, intake_with_errors, SIZE),
            ("detail", "en", True, detail, SIZE),
            ("help", "en", True, help_on_queue, SIZE),
            # The size of many desk terminals and of a split tmux pane.
            ("queue_zh_80x24", "zh_CN", True, queue, SMALL),
            ("dashboard_en_80x24", "en", True, nothing, SMALL),
            ("intake_zh_80x24", "zh_CN", True, intake_with_errors, SMALL),
            ("detail_zh_80x24", "zh_CN", True, detail, SMALL),
            ("login_zh_80x24", "zh_CN", False, nothing, SMALL),
            ("callbacks", "en", True, callbacks_due, SIZE),
        ]
        for name, language, logged_in, steps, size in shots:
            await shoot(db, out, name, language, logged_in, steps, size)
        # The dispatcher logs in straight to the board.
        await shoot(db, out, "deliveries_en", "en", True, nothing, code="dc01")
        await shoot(db, out, "deliveries_zh", "zh_CN", True, nothing, code="dc01")
        await shoot(db, out, "shops_en", "en", True, shops, code="lead01")
        await shoot(db, out, "staff_zh", "zh_CN", True, nothing, code="admin")  # the admin starts on staff
        lead_shots: list[tuple[str, str, Steps]] = [
            ("penalties_en", "en", penalties),
            ("ledger_en", "en", ledger_of_huang_lei),
            ("ledger_zh", "zh_CN", ledger_of_huang_lei),
            ("confirm_violation_en", "en", confirm_wang_fangs_third),
            ("confirm_violation_zh", "zh_CN", confirm_wang_fangs_third),
            ("payroll_zh", "zh_CN", payroll_october),
            ("reports_en", "en", reports_october),
            ("reports_zh", "zh_CN", reports_quarter_tables),
        ]
        for name, language, steps in lead_shots:
            await shoot(db, out, name, language, True, steps, code="lead01")
        await shoot(db, out, "reports_zh_80x24", "zh_CN", True, reports_october, SMALL, code="lead01")
        from .screenshots_shops import shop_steps

        for name, language, steps, size in shop_steps(press):
            await shoot(db, out, name, language, True, steps, size or SIZE, code="lead01")
        from .screenshots_quality import quality_steps

        for name, language, steps, size in quality_steps(press):
            await shoot(db, out, name, language, True, steps, size or SIZE, code="lead01")
        # Section 4 as the management manager sees it (both levels), and a complaint with escalations.
        await shoot(db, out, "escalations_en", "en", True, escalations, code="mgr01")
        await shoot(db, out, "escalations_zh_80x24", "zh_CN", True, escalations, SMALL, code="lead01")
        await shoot(db, out, "detail_escalated_en", "en", True, detail_of(escalated_complaint()))
        await shoot(db, out, "attachments_zh", "zh_CN", True, files_of_a_complaint())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="folder for the SVG files")
    args = parser.parse_args(argv)
    return asyncio.run(run(args.out))


if __name__ == "__main__":
    sys.exit(main())
