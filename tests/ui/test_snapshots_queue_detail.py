"""Snapshots of the queue (English and Chinese) and of a complaint's detail at a fixed time and size."""

from pathlib import Path
from typing import Any

from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from tests.factories import new_complaint
from tests.ui.queue_harness import desk_app, open_detail, open_queue, seed_complaints

SIZE = (120, 36)


def test_queue_in_english(snap_compare: Any, db_path: Path, desk: Desk, staff: dict[str, StaffView]) -> None:
    seed_complaints(desk, staff["op01"], 40)
    assert snap_compare(desk_app(db_path), terminal_size=SIZE, run_before=open_queue)


def test_queue_in_chinese(snap_compare: Any, db_path: Path, desk: Desk, staff: dict[str, StaffView]) -> None:
    seed_complaints(desk, staff["op01"], 40)
    assert snap_compare(desk_app(db_path, language="zh_CN"), terminal_size=SIZE, run_before=open_queue)


def test_detail_with_notes_and_a_status_change(
    snap_compare: Any, db_path: Path, desk: Desk, staff: dict[str, StaffView]
) -> None:
    op = staff["op01"]
    view = new_complaint(desk, op, contract_no="HT-2026-0815", receipt_no="R-77")
    actions.acknowledge(desk, op, view.id, 1)
    actions.add_note(desk, op, view.id, {"text": "已电话联系客户，约定明天上门", "customer_contact": True})
    actions.add_note(desk, op, view.id, {"text": "需要向商铺确认配件库存"})
    actions.change_status(desk, op, view.id, ComplaintStatus.INVESTIGATING, 2, note="等待商铺回复")

    async def show(pilot: Any) -> None:
        await open_detail(pilot, view.id)

    assert snap_compare(desk_app(db_path), terminal_size=SIZE, run_before=show)


def test_resolved_detail_in_chinese(
    snap_compare: Any, db_path: Path, desk: Desk, staff: dict[str, StaffView]
) -> None:
    op = staff["op01"]
    view = new_complaint(desk, op, contract_no="HT-2026-0815")
    actions.acknowledge(desk, op, view.id, 1)
    actions.change_status(desk, op, view.id, ComplaintStatus.INVESTIGATING, 2)
    actions.resolve(desk, op, view.id, {"decision": "同意换货，下周二送货上门", "remedy": "replace",
                                         "compensation_fen": 12050}, 3)

    async def show(pilot: Any) -> None:
        await open_detail(pilot, view.id)

    assert snap_compare(desk_app(db_path, language="zh_CN"), terminal_size=SIZE, run_before=show)
