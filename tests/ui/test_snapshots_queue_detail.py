"""Pictures of the queue, its filter dialog and a complaint's detail at 80 × 24 and 120 × 36, in both languages."""

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from tests.factories import new_complaint
from tests.ui.queue_harness import desk_app, open_detail, open_queue, seed_complaints

from .snapshot_variants import every_size_and_language, press, steady


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


@every_size_and_language
def test_queue(snap_compare: Any, db_path: Path, desk: Desk, staff: dict[str, StaffView],
               size: tuple[int, int], language: str) -> None:
    seed_complaints(desk, staff["op01"], 40)

    async def queue(pilot: Pilot[Any]) -> None:
        await open_queue(pilot)
        await steady(pilot)

    assert snap_compare(desk_app(db_path, language=language), terminal_size=size, run_before=queue)


@every_size_and_language
def test_queue_filter_dialog(snap_compare: Any, db_path: Path, desk: Desk, staff: dict[str, StaffView],
                             size: tuple[int, int], language: str) -> None:
    seed_complaints(desk, staff["op01"], 10)

    async def filters(pilot: Pilot[Any]) -> None:
        await open_queue(pilot)
        await press(pilot, "f")

    assert snap_compare(desk_app(db_path, language=language), terminal_size=size, run_before=filters)


@every_size_and_language
def test_detail_with_notes_and_a_status_change(snap_compare: Any, db_path: Path, desk: Desk,
                                               staff: dict[str, StaffView], size: tuple[int, int],
                                               language: str) -> None:
    complaint_id = _busy_complaint(desk, staff)

    async def show(pilot: Pilot[Any]) -> None:
        await open_detail(pilot, complaint_id)
        await steady(pilot)

    assert snap_compare(desk_app(db_path, language=language), terminal_size=size, run_before=show)


@every_size_and_language
def test_detail_scrolled_to_its_timeline_after_a_greyed_key(
    snap_compare: Any, db_path: Path, desk: Desk, staff: dict[str, StaffView], size: tuple[int, int], language: str
) -> None:
    complaint_id = _busy_complaint(desk, staff)

    async def show(pilot: Pilot[Any]) -> None:
        await open_detail(pilot, complaint_id)
        await press(pilot, "end", "a")

    assert snap_compare(desk_app(db_path, language=language), terminal_size=size, run_before=show)


@every_size_and_language
def test_resolved_detail(snap_compare: Any, db_path: Path, desk: Desk, staff: dict[str, StaffView],
                         size: tuple[int, int], language: str) -> None:
    op = staff["op01"]
    view = new_complaint(desk, op, contract_no="HT-2026-0815")
    view = actions.acknowledge(desk, op, view.id, 1)
    view = actions.change_status(desk, op, view.id, ComplaintStatus.INVESTIGATING, view.version)
    view = actions.resolve(desk, op, view.id, {"decision": "同意换货，下周二送货上门", "remedy": "replace",
                                                "compensation_fen": 12050}, view.version)

    async def show(pilot: Pilot[Any]) -> None:
        await open_detail(pilot, view.id)
        await steady(pilot)

    assert snap_compare(desk_app(db_path, language=language), terminal_size=size, run_before=show)
