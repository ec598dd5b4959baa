"""Pictures of the review queue and of a complaint's detail with its escalations, at 80 × 24 and 120 × 36,
in both languages."""

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from aftersales.domain.schemas import StaffView

from .escalation_harness import seed_escalations
from .harness import open_detail, press
from .snapshot_variants import variants

Snap = Callable[..., bool]


@variants()
def test_review_queue_of_the_manager(snap_desk: Snap, staff: dict[str, StaffView]) -> None:
    seed_escalations(staff)

    async def review(pilot: Pilot[Any]) -> None:
        await press(pilot, "4")
        await press(pilot, "down")

    assert snap_desk("mgr01", review)


@variants()
def test_detail_with_an_escalation(snap_desk: Snap, staff: dict[str, StaffView]) -> None:
    ids = seed_escalations(staff)

    async def show(pilot: Pilot[Any]) -> None:
        await open_detail(pilot, ids["twice"])

    assert snap_desk("op01", show)


@variants({"80x24-zh": "test_escalate_dialog"})
def test_escalate_dialog(snap_desk: Snap, staff: dict[str, StaffView]) -> None:
    ids = seed_escalations(staff)

    async def dialog(pilot: Pilot[Any]) -> None:
        await open_detail(pilot, ids["resolve_late"])
        await press(pilot, "e")
        await pilot.press(*"顾客第三次来电")

    assert snap_desk("op01", dialog)
