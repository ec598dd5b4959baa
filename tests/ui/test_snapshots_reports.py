"""Pictures of section 7 at 120 × 36 and 80 × 24, in English and Chinese, at a fixed time and data."""

from collections.abc import Callable

from textual.pilot import Pilot

from aftersales.domain.schemas import StaffView
from tests.report_factories import october

from .harness import press
from .snapshot_variants import variants

Snap = Callable[..., bool]


async def _october(pilot: Pilot[None]) -> None:
    await press(pilot, "7")
    await press(pilot, "left_square_bracket")


async def _october_tables(pilot: Pilot[None]) -> None:
    await _october(pilot)
    await press(pilot, "t", "down", "down", "down", "down", "down", "down", "down", "down")  # SLA by severity


@variants()
def test_reports_charts(snap_desk: Snap, staff: dict[str, StaffView]) -> None:
    october()
    assert snap_desk("lead01", _october)


@variants({"120x36-en": "test_reports_tables[en]", "120x36-zh": "test_reports_tables[zh_CN]"})
def test_reports_tables(snap_desk: Snap, staff: dict[str, StaffView]) -> None:
    october()
    assert snap_desk("lead01", _october_tables)
