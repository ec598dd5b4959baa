"""Pictures of the queue, its filter dialog and a complaint's detail at 80 × 24 and 120 × 36, in both languages."""

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from tests.factories import new_complaint
from tests.ui.queue_harness import seed_complaints

from .harness import open_detail, press
from .snapshot_variants import variants

Snap = Callable[..., bool]


def _busy_complaint(desk: Desk, staff: dict[str, StaffView]) -> int:
    """A complaint under investigation with a customer contact, a long note and a status change."""
    op = staff["op01"]
    view = new_complaint(desk, op, contract_no="HT-2026-0815", receipt_no="R-77")
    actions.acknowledge(desk, op, view.id, 1)
    actions.add_note(desk, op, view.id, {"text": "已电话联系客户，约定明天上午十点上门查看沙发腿的断裂情况，客户要求同时检查另一条腿",
                                          "customer_contact": True})
    actions.add_note(desk, op, view.id, {"text": "需要向商铺确认配件库存"})
    actions.change_status(desk, op, view.id, ComplaintStatus.INVESTIGATING, 2, note="等待商铺回复")
    return view.id


def _detail(complaint_id: int, *keys: str) -> Callable[[Pilot[Any]], Any]:
    async def show(pilot: Pilot[Any]) -> None:
        await open_detail(pilot, complaint_id)
        if keys:
            await press(pilot, *keys)

    return show


async def _queue(pilot: Pilot[Any]) -> None:
    await press(pilot, "2")


@variants()
def test_queue(snap_desk: Snap, desk: Desk, staff: dict[str, StaffView]) -> None:
    seed_complaints(desk, staff["op01"], 40)
    assert snap_desk("op01", _queue)


@variants()
def test_queue_filter_dialog(snap_desk: Snap, desk: Desk, staff: dict[str, StaffView]) -> None:
    seed_complaints(desk, staff["op01"], 10)

    async def filters(pilot: Pilot[Any]) -> None:
        await _queue(pilot)
        await press(pilot, "f")

    assert snap_desk("op01", filters)


@variants()
def test_detail_with_notes_and_a_status_change(
    snap_desk: Snap, desk: Desk, staff: dict[str, StaffView]
) -> None:
    assert snap_desk("op01", _detail(_busy_complaint(desk, staff)))


@variants()
def test_detail_scrolled_to_its_timeline_after_a_greyed_key(snap_desk: Snap, desk: Desk,
                                                            staff: dict[str, StaffView]) -> None:
    assert snap_desk("op01", _detail(_busy_complaint(desk, staff), "end", "a"))


@variants()
def test_resolved_detail(snap_desk: Snap, desk: Desk, staff: dict[str, StaffView]) -> None:
    op = staff["op01"]
    view = new_complaint(desk, op, contract_no="HT-2026-0815")
    view = actions.acknowledge(desk, op, view.id, 1)
    view = actions.change_status(desk, op, view.id, ComplaintStatus.INVESTIGATING, view.version)
    view = actions.resolve(desk, op, view.id, {"decision": "同意换货，下周二送货上门", "remedy": "replace",
                                                "compensation_fen": 12050}, view.version)
    assert snap_desk("op01", _detail(view.id))
