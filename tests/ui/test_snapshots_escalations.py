"""Pictures of the review queue and of a complaint's detail with its escalations, at 80 × 24 and 120 × 36,
in both languages."""

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from aftersales.domain.schemas import StaffView
from tests.ui.queue_harness import desk_app, open_detail

from .escalation_harness import seed_escalations
from .snapshot_variants import every_size_and_language, press, steady


@every_size_and_language
def test_review_queue_of_the_manager(snap_compare: Any, db_path: Path, staff: dict[str, StaffView],
                                     size: tuple[int, int], language: str) -> None:
    seed_escalations(staff)

    async def review(pilot: Pilot[Any]) -> None:
        await steady(pilot)
        await press(pilot, "4")
        await press(pilot, "down")
        await steady(pilot)

    assert snap_compare(desk_app(db_path, "mgr01", language), terminal_size=size, run_before=review)


@every_size_and_language
def test_detail_with_an_escalation(snap_compare: Any, db_path: Path, staff: dict[str, StaffView],
                                   size: tuple[int, int], language: str) -> None:
    ids = seed_escalations(staff)

    async def show(pilot: Pilot[Any]) -> None:
        await open_detail(pilot, ids["twice"])
        await steady(pilot)

    assert snap_compare(desk_app(db_path, "op01", language), terminal_size=size, run_before=show)


def test_escalate_dialog(snap_compare: Any, db_path: Path, staff: dict[str, StaffView]) -> None:
    ids = seed_escalations(staff)

    async def dialog(pilot: Pilot[Any]) -> None:
        await open_detail(pilot, ids["resolve_late"])
        await press(pilot, "e")
        await pilot.press(*"顾客第三次来电")
        await steady(pilot)

    assert snap_compare(desk_app(db_path, "op01", "zh_CN"), terminal_size=(80, 24), run_before=dialog)
