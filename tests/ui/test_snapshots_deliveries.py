"""Snapshots of the deliveries board (English at 120 × 36, Chinese at 80 × 24), the call-backs due list and
the dispatch dialog, at the fixed test time."""

from datetime import timedelta
from pathlib import Path
from typing import Any

from aftersales.domain.clock import fixed_clock
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from tests.delivery_helpers import NOW, investigating
from tests.ui.queue_harness import desk_app, open_detail, settle

from .delivery_harness import open_board, seed_board


async def _board(pilot: Any) -> None:
    await open_board(pilot)


def test_board_in_english(snap_compare: Any, db_path: Path, staff: dict[str, StaffView]) -> None:
    seed_board(staff)
    assert snap_compare(desk_app(db_path, actor_code="dc01"), terminal_size=(120, 36), run_before=_board)


def test_board_in_chinese_at_80_by_24(snap_compare: Any, db_path: Path, staff: dict[str, StaffView]) -> None:
    seed_board(staff)
    app = desk_app(db_path, actor_code="dc01", language="zh_CN")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_board)


def test_callbacks_due_list(snap_compare: Any, db_path: Path, staff: dict[str, StaffView]) -> None:
    for days, phone, fen in ((3, "13900000001", 0), (2, "13900000002", 12050), (2, "13900000003", 0)):
        then = Desk(clock=fixed_clock(NOW - timedelta(days=days, hours=-days)))
        complaint = investigating(then, staff["op01"], phone=phone, customer_name=f"客户{phone[-1]}")
        actions.resolve(then, staff["op01"], complaint.id, {"decision": "同意维修", "remedy": "repair",
                                                             "compensation_fen": fen}, complaint.version)

    async def due(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)

    assert snap_compare(desk_app(db_path, actor_code="op01"), terminal_size=(120, 36), run_before=due)


def test_dispatch_dialog_in_chinese_at_80_by_24(snap_compare: Any, db_path: Path, desk: Desk,
                                                staff: dict[str, StaffView]) -> None:
    complaint = investigating(desk, staff["op01"], address="上海市徐汇区漕溪北路18号", product="布艺沙发")

    async def dialog(pilot: Any) -> None:
        await open_detail(pilot, complaint.id)
        await pilot.press("o")
        await settle(pilot)

    app = desk_app(db_path, actor_code="op01", language="zh_CN")
    assert snap_compare(app, terminal_size=(80, 24), run_before=dialog)
