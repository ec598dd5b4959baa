"""The deliveries board and the call-backs due list read through indexes: SQLite's plan for every statement
they run never walks a whole delivery or call-back table."""

from datetime import timedelta

from aftersales.domain.clock import fixed_clock
from aftersales.services.callbacks.read import due_callbacks
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from aftersales.services.deliveries.board import load_board
from tests.delivery_helpers import NOW, TODAY, dispatched, investigating
from tests.query_plans import full_scans


def _some_orders_and_calls(desk: Desk, staff: dict) -> None:
    for phone in ("13900000001", "13900000002", "13900000003"):
        dispatched(desk, staff["op01"], investigating(desk, staff["op01"], phone=phone))
    then = Desk(clock=fixed_clock(NOW - timedelta(days=2)))
    complaint = investigating(then, staff["op01"], phone="13900000009")
    actions.resolve(then, staff["op01"], complaint.id, {"decision": "同意维修", "remedy": "repair"},
                    complaint.version)


def test_the_board_reads_its_day_through_indexes(db_path, desk, staff) -> None:
    _some_orders_and_calls(desk, staff)
    zone = desk.sla.zone
    assert full_scans(lambda: load_board(TODAY, NOW, zone)) == []
    assert full_scans(lambda: load_board(TODAY, NOW, zone, list_settled=True)) == []


def test_the_due_list_reads_pending_call_backs_through_their_index(db_path, desk, staff) -> None:
    _some_orders_and_calls(desk, staff)
    zone = desk.sla.zone
    mine = due_callbacks(staff["op01"], NOW, zone)
    assert len(mine) == 1  # the resolved complaint's call-back, due within a day of its resolution
    assert full_scans(lambda: due_callbacks(staff["op01"], NOW, zone)) == []
    assert full_scans(lambda: due_callbacks(staff["op01"], NOW, zone, everyone=True)) == []
