"""Pictures of section 7 at 120 × 36 and 80 × 24, in English and Chinese, at a fixed time and data."""

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from aftersales.domain.schemas import StaffView
from tests.report_factories import october

from .queue_harness import desk_app, settle
from .snapshot_variants import every_size_and_language


async def _october(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("7")
    await settle(pilot)
    await pilot.press("left_square_bracket")
    await settle(pilot)


async def _october_tables(pilot: Pilot[None]) -> None:
    await _october(pilot)
    await pilot.press("t", "down", "down", "down", "down", "down", "down", "down", "down")  # SLA by severity
    await settle(pilot)


@every_size_and_language
def test_reports_charts(snap_compare: Any, db_path: Path, staff: dict[str, StaffView], size: tuple[int, int],
                        language: str) -> None:
    october()
    assert snap_compare(desk_app(db_path, "lead01", language), terminal_size=size, run_before=_october)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_reports_tables(snap_compare: Any, db_path: Path, staff: dict[str, StaffView], language: str) -> None:
    october()
    assert snap_compare(desk_app(db_path, "lead01", language), terminal_size=(120, 36), run_before=_october_tables)
