"""Screen snapshots of the intake form: refused with errors (English, Chinese), and a returning caller."""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from aftersales import i18n
from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from tests.factories import NOW, new_complaint
from tests.ui.intake_harness import SIZE, intake_app

SnapCompare = Callable[..., bool]


async def _steady(pilot: Pilot[None]) -> None:
    """Workers done, cursors steady, so every run draws the same frame."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, (Input, TextArea))
        widget.cursor_blink = False


async def _type_wrong_form(pilot: Pilot[None]) -> None:
    await _steady(pilot)
    await pilot.press(*"12345", "tab", "tab", *"世纪大道100号", "tab", *"没有这家店")
    await _steady(pilot)
    pilot.app.screen.query_one("#major_incident").focus()
    await pilot.press("space")
    pilot.app.screen.query_one("#description", TextArea).focus()
    await pilot.press(*"坏了", "f10")
    await _steady(pilot)


def test_intake_with_errors_in_english(
    snap_compare: SnapCompare, db_path: Path, desk: Desk, staff: dict[str, StaffView]
) -> None:
    assert snap_compare(intake_app(db_path, desk, staff), terminal_size=SIZE, run_before=_type_wrong_form)


def test_intake_with_errors_in_chinese(
    snap_compare: SnapCompare, db_path: Path, desk: Desk, staff: dict[str, StaffView]
) -> None:
    i18n.set_language("zh_CN")
    assert snap_compare(intake_app(db_path, desk, staff), terminal_size=SIZE, run_before=_type_wrong_form)


def test_intake_returning_customer_with_duplicate_warning_in_chinese(
    snap_compare: SnapCompare, db_path: Path, desk: Desk, staff: dict[str, StaffView]
) -> None:
    new_complaint(desk, staff["op02"], received_at=NOW - timedelta(days=40), shop_code="S003")
    new_complaint(desk, staff["op02"], received_at=NOW - timedelta(days=2))
    i18n.set_language("zh_CN")

    async def returning_caller(pilot: Pilot[None]) -> None:
        await _steady(pilot)
        await pilot.press(*"13812345678", "tab", "tab", "tab", *"欧派", "enter")
        await _steady(pilot)

    assert snap_compare(intake_app(db_path, desk, staff), terminal_size=SIZE, run_before=returning_caller)
