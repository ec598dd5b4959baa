"""Pictures of the intake form at 80 × 24 and 120 × 36 in both languages: refused with errors, a returning
caller with the duplicate warning, and the question before discarding it."""

from datetime import timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from tests.factories import NOW, new_complaint
from tests.ui.queue_harness import desk_app

from .snapshot_variants import every_size_and_language, press, steady


async def _new_complaint(pilot: Pilot[Any]) -> None:
    await steady(pilot)
    await press(pilot, "n")


@every_size_and_language
def test_intake_with_errors(snap_compare: Any, db_path: Path, desk: Desk, staff: dict[str, StaffView],
                            size: tuple[int, int], language: str) -> None:
    async def wrong_form(pilot: Pilot[Any]) -> None:
        await _new_complaint(pilot)
        await press(pilot, *"12345", "tab", "tab", *"没有这家店")
        pilot.app.screen.query_one("#major_incident").focus()
        await press(pilot, "space")
        pilot.app.screen.query_one("#description", TextArea).focus()
        await press(pilot, *"坏了", "f10")

    assert snap_compare(desk_app(db_path, language=language), terminal_size=size, run_before=wrong_form)


@every_size_and_language
def test_intake_returning_customer_with_duplicate_warning(
    snap_compare: Any, db_path: Path, desk: Desk, staff: dict[str, StaffView], size: tuple[int, int], language: str
) -> None:
    new_complaint(desk, staff["op02"], received_at=NOW - timedelta(days=40), shop_code="S003")
    new_complaint(desk, staff["op02"], received_at=NOW - timedelta(days=2))

    async def returning_caller(pilot: Pilot[Any]) -> None:
        await _new_complaint(pilot)
        await press(pilot, *"13812345678", "tab")
        await press(pilot, "tab", *"欧派", "enter")

    assert snap_compare(desk_app(db_path, language=language), terminal_size=size, run_before=returning_caller)


@every_size_and_language
def test_discard_question(snap_compare: Any, db_path: Path, desk: Desk, staff: dict[str, StaffView],
                          size: tuple[int, int], language: str) -> None:
    async def discard(pilot: Pilot[Any]) -> None:
        await _new_complaint(pilot)
        await press(pilot, *"13900001111", "escape")

    assert snap_compare(desk_app(db_path, language=language), terminal_size=size, run_before=discard)
