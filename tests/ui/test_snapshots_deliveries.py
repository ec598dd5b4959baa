"""Snapshots of the deliveries board (English at 120 × 36, Chinese at 80 × 24), the call-backs due list and
the dispatch dialog, at the fixed test time."""

from collections.abc import Callable
from datetime import timedelta

from textual.pilot import Pilot

from aftersales.domain.clock import fixed_clock
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from tests.delivery_helpers import NOW, investigating

from .delivery_harness import open_board, seed_board
from .harness import open_detail, press
from .snapshot_variants import variants

Snap = Callable[..., bool]


@variants({"120x36-en": "test_board_in_english", "80x24-zh": "test_board_in_chinese_at_80_by_24"})
def test_board(snap_desk: Snap, staff: dict[str, StaffView]) -> None:
    seed_board(staff)
    assert snap_desk("dc01", open_board)


def _three_calls_due(staff: dict[str, StaffView]) -> None:
    for days, phone, fen in ((3, "13900000001", 0), (2, "13900000002", 12050), (2, "13900000003", 0)):
        then = Desk(clock=fixed_clock(NOW - timedelta(days=days, hours=-days)))
        complaint = investigating(then, staff["op01"], phone=phone, customer_name=f"客户{phone[-1]}")
        actions.resolve(then, staff["op01"], complaint.id, {"decision": "同意维修", "remedy": "repair",
                                                             "compensation_fen": fen}, complaint.version)


async def _due(pilot: Pilot[None]) -> None:
    await press(pilot, "b")


@variants({"120x36-en": "test_callbacks_due_list",
           "80x24-zh": "test_callbacks_due_list_in_chinese_at_80_by_24"})
def test_callbacks_due(snap_desk: Snap, staff: dict[str, StaffView]) -> None:
    _three_calls_due(staff)
    assert snap_desk("op01", _due)


@variants({"80x24-zh": "test_callback_dialog_in_chinese_at_80_by_24"})
def test_callback_dialog(snap_desk: Snap, staff: dict[str, StaffView]) -> None:
    _three_calls_due(staff)

    async def call(pilot: Pilot[None]) -> None:
        await _due(pilot)
        await press(pilot, "enter")

    assert snap_desk("op01", call)


@variants({"80x24-zh": "test_dispatch_dialog_in_chinese_at_80_by_24"})
def test_dispatch_dialog(snap_desk: Snap, desk: Desk, staff: dict[str, StaffView]) -> None:
    complaint = investigating(desk, staff["op01"], address="上海市徐汇区漕溪北路18号", product="布艺沙发")

    async def dialog(pilot: Pilot[None]) -> None:
        await open_detail(pilot, complaint.id)
        await press(pilot, "o")

    assert snap_desk("op01", dialog)


def _delivered_repair(staff: dict[str, StaffView]) -> int:
    """A repair visit delivered three hours ago: its call-back may close the complaint in one call."""
    from aftersales.services.deliveries import orders
    from tests.delivery_helpers import TODAY, dispatched

    then = Desk(clock=fixed_clock(NOW - timedelta(hours=3)))
    complaint = investigating(then, staff["op01"], phone="13900000001", customer_name="客户1")
    order = dispatched(then, staff["op01"], complaint, kind="repair_visit", promised_date=TODAY.isoformat(),
                       slot="afternoon")
    order = orders.accept_order(then, staff["dc01"], order.id, {"crew": "张师傅", "promised_date": TODAY,
                                                               "slot": "afternoon"}, order.version)
    order = orders.dispatch_order(then, staff["dc01"], order.id, order.version)
    orders.complete_order(then, staff["dc01"], order.id, {"note": "已修好"}, order.version)
    return complaint.id


@variants({"80x24-zh": "test_delivery_callback_dialog_in_chinese_at_80_by_24",
           "120x36-en": "test_delivery_callback_dialog_in_english"})
def test_delivery_callback_dialog(snap_desk: Snap, staff: dict[str, StaffView]) -> None:
    complaint_id = _delivered_repair(staff)

    async def call(pilot: Pilot[None]) -> None:
        await open_detail(pilot, complaint_id)
        await press(pilot, "b")

    assert snap_desk("op01", call)


@variants({"80x24-zh": "test_early_delivery_question_in_chinese_at_80_by_24",
           "120x36-en": "test_early_delivery_question_in_english"})
def test_early_delivery_question(snap_desk: Snap, staff: dict[str, StaffView]) -> None:
    from aftersales.services.deliveries import orders

    from .delivery_harness import cursor_to

    tomorrow = seed_board(staff)["tomorrow"]
    orders.accept_order(Desk(clock=fixed_clock(NOW)), staff["dc01"], tomorrow.id, {
        "crew": "张师傅", "promised_date": tomorrow.promised_date, "slot": tomorrow.slot}, tomorrow.version)

    async def early(pilot: Pilot[None]) -> None:
        await open_board(pilot)
        await press(pilot, "m")
        await cursor_to(pilot, tomorrow.number)
        await press(pilot, "o")

    assert snap_desk("dc01", early)
