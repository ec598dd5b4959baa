"""The deliveries board and the call-backs due list read through indexes: SQLite's plan for every statement
they run never walks a whole delivery or call-back table."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from aftersales.domain.clock import fixed_clock
from aftersales.services.callbacks.read import due_callbacks
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from aftersales.services.deliveries.board import load_board
from aftersales.store.models import database
from tests.delivery_helpers import NOW, TODAY, dispatched, investigating


@contextmanager
def statements() -> Iterator[list[tuple[str, Any]]]:
    """Every SQL statement (with its parameters) the database runs inside the block."""
    seen: list[tuple[str, Any]] = []
    real = database.obj.execute_sql

    def recording(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        seen.append((sql, params))
        return real(sql, params, *args, **kwargs)

    database.obj.execute_sql = recording
    try:
        yield seen
    finally:
        database.obj.execute_sql = real


def full_scans(run: Callable[[], object]) -> list[str]:
    """The plan lines of `run`'s statements that walk a whole table (a `SCAN` without an index)."""
    with statements() as seen:
        run()
    assert seen, "the service ran no statement"
    found = []
    for sql, params in seen:
        for row in database.obj.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params or ()).fetchall():
            detail = str(row[-1])
            if detail.startswith("SCAN") and "INDEX" not in detail and "CONSTANT ROW" not in detail:
                found.append(f"{detail}  <-  {sql}")
    return found


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
