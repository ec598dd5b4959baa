"""The demo's delivery orders and call-backs: every state and outcome, consistent with the complaints, and
each order's events a legal walk through its life cycle."""

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from aftersales.demo.build import build_demo
from aftersales.domain.callbacks import CallbackOutcome, CallbackStatus
from aftersales.domain.deliveries import (
    OPEN_DELIVERY_STATUSES,
    DeliveryMove,
    DeliveryStatus,
    FailureReason,
    check_delivery_move,
)
from aftersales.domain.sla import SlaPolicy, add_business_minutes
from aftersales.services.audit import verify_chain
from aftersales.services.callbacks.read import due_callbacks
from aftersales.services.deliveries.board import is_overdue, load_board
from aftersales.services.maintenance import check_database
from aftersales.services.staff.auth import list_staff
from aftersales.store.db import close_database, open_database

TODAY = date(2026, 11, 27)
ZONE = SlaPolicy().zone
DEMO_NOW = datetime.combine(TODAY, time(18, 0), ZONE)
N = 6000
MOVE_OF = {
    "delivery_accepted": DeliveryMove.ACCEPT, "delivery_crew": DeliveryMove.CREW,
    "delivery_out": DeliveryMove.DISPATCH, "delivery_completed": DeliveryMove.COMPLETE,
    "delivery_failed": DeliveryMove.FAIL, "delivery_rescheduled": DeliveryMove.RESCHEDULE,
    "delivery_cancelled": DeliveryMove.CANCEL,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-deliveries") / "demo.db"
    build_demo(path, N, seed=11, today=TODAY)
    close_database()
    return path


@pytest.fixture
def demo(built: Path) -> Iterator[Path]:
    open_database(built)
    yield built
    close_database()


def rows(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_orders_occur_in_every_state_with_crews_failures_and_slots_around_today(demo: Path) -> None:
    statuses = {row[0] for row in rows(demo, "SELECT DISTINCT status FROM delivery_order")}
    assert statuses == {s.value for s in DeliveryStatus}
    days = {date.fromisoformat(row[0]) for row in rows(demo, "SELECT DISTINCT promised_date FROM delivery_order")}
    assert min(days) < TODAY < max(days) and TODAY in days
    assert {row[0] for row in rows(demo, "SELECT DISTINCT slot FROM delivery_order")} == {"morning", "afternoon",
                                                                                           "evening"}
    assert rows(demo, "SELECT COUNT(*) FROM delivery_order WHERE status <> 'requested' AND crew = ''") == [(0,)]
    reasons = {row[0] for row in rows(demo, "SELECT DISTINCT reason FROM delivery_failure")}
    assert reasons and reasons <= {r.value for r in FailureReason}
    failed = rows(demo, "SELECT COUNT(*) FROM delivery_order WHERE failures > 0 AND failure_reason IS NULL")
    assert failed == [(0,)]


def test_a_complaint_awaits_delivery_exactly_while_it_has_an_open_order(demo: Path) -> None:
    open_values = ", ".join(f"'{s.value}'" for s in OPEN_DELIVERY_STATUSES)
    mismatched = rows(demo, f"""
        SELECT c.number, c.status, COUNT(o.id) FROM complaint c
        LEFT JOIN delivery_order o ON o.complaint_id = c.id AND o.status IN ({open_values})
        GROUP BY c.id HAVING (c.status = 'awaiting_delivery') <> (COUNT(o.id) > 0)""")
    assert mismatched == []
    assert rows(demo, "SELECT COUNT(*) FROM complaint WHERE status = 'awaiting_delivery'")[0][0] >= 6


def test_each_orders_events_walk_its_life_cycle_and_end_in_its_stored_state(demo: Path) -> None:
    orders = {f"DO-{oid:06d}": (status, version, crew) for oid, status, version, crew in
              rows(demo, "SELECT id, status, version, crew FROM delivery_order")}
    walks: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for kind, field, old, new in rows(demo, "SELECT kind, field, old, new FROM event WHERE kind LIKE 'delivery_%' "
                                            "ORDER BY id"):
        walks[field].append((kind, old, new))
    assert set(walks) == set(orders)
    for number, steps in walks.items():
        assert steps[0][0] == "delivery_created"
        status = DeliveryStatus.REQUESTED
        for kind, old, new in steps[1:]:
            assert old == status.value, (number, steps)
            status = check_delivery_move(number, status, MOVE_OF[kind])
            facts = json.loads(new)
            if kind == "delivery_accepted":
                assert facts["crew"] and facts["slot"] and facts["date"]
        stored_status, version, crew = orders[number]
        assert (status.value, len(steps)) == (stored_status, version), number


def test_every_callback_closed_complaint_has_its_finished_callback(demo: Path) -> None:
    closed = rows(demo, """
        SELECT c.id, c.close_outcome, c.satisfaction, cb.status, cb.outcome, cb.satisfaction, cb.attempts
        FROM complaint c JOIN callback cb ON cb.complaint_id = c.id AND cb.purpose = 'confirm_resolution'
        WHERE c.close_outcome IN ('callback_confirmed', 'callback_unreachable')
          AND cb.id = (SELECT MAX(id) FROM callback WHERE complaint_id = c.id AND purpose = 'confirm_resolution')""")
    total = rows(demo, "SELECT COUNT(*) FROM complaint WHERE close_outcome IN ('callback_confirmed', "
                       "'callback_unreachable')")[0][0]
    assert len(closed) == total > 0
    for _, outcome, score, status, cb_outcome, cb_score, attempts in closed:
        assert status == "done"
        if outcome == "callback_confirmed":
            assert cb_outcome in ("satisfied", "partly_satisfied") and score == cb_score and 1 <= score <= 5
        else:
            assert cb_outcome == "unreachable" and attempts == 3 and score is None
    assert {row[0] for row in rows(demo, "SELECT DISTINCT close_outcome FROM complaint")} >= {
        "callback_confirmed", "callback_unreachable"}


def test_unreachable_closings_were_tried_on_three_different_days(demo: Path) -> None:
    for (callback_id,) in rows(demo, "SELECT id FROM callback WHERE outcome = 'unreachable' AND purpose = "
                                     "'confirm_resolution'"):
        days = {datetime.fromtimestamp(at, UTC).astimezone(ZONE).date()
                for (at,) in rows(demo, "SELECT at FROM callback_attempt WHERE callback_id = ?", callback_id)}
        assert len(days) == 3


def test_callbacks_show_every_outcome_and_pending_ones_wait_on_resolved_complaints(demo: Path) -> None:
    outcomes = {row[0] for row in rows(demo, "SELECT DISTINCT outcome FROM callback_attempt")}
    assert outcomes == {o.value for o in CallbackOutcome}
    assert {row[0] for row in rows(demo, "SELECT DISTINCT status FROM callback")} >= {"pending", "done"}
    # A resolved complaint waits on exactly one pending resolution call-back; an unsatisfied one reopened.
    waiting = rows(demo, """
        SELECT c.number, COUNT(cb.id) FROM complaint c LEFT JOIN callback cb ON cb.complaint_id = c.id
          AND cb.purpose = 'confirm_resolution' AND cb.status = 'pending'
        WHERE c.status = 'resolved' GROUP BY c.id HAVING COUNT(cb.id) <> 1""")
    assert waiting == []
    reopened = rows(demo, "SELECT COUNT(*) FROM event WHERE kind = 'reopened'")[0][0]
    assert reopened == rows(demo, "SELECT COUNT(*) FROM callback WHERE outcome = 'unsatisfied'")[0][0] > 0
    pending_elsewhere = rows(demo, """SELECT COUNT(*) FROM callback cb JOIN complaint c ON c.id = cb.complaint_id
        WHERE cb.status = 'pending' AND c.status = 'closed'""")
    assert pending_elsewhere == [(0,)]


def test_attempts_match_their_events_and_due_times_are_24_business_hours(demo: Path) -> None:
    attempts = rows(demo, "SELECT COUNT(*) FROM callback_attempt")[0][0]
    assert attempts == rows(demo, "SELECT COUNT(*) FROM event WHERE kind = 'callback_attempt'")[0][0]
    policy = SlaPolicy()
    for created, due in rows(demo, "SELECT created_at, due_at FROM callback ORDER BY id"):
        expected = add_business_minutes(datetime.fromtimestamp(created, UTC), 24 * 60, policy)
        assert due == int(expected.timestamp())
    counts = rows(demo, "SELECT cb.attempts, (SELECT COUNT(*) FROM callback_attempt a WHERE a.callback_id = cb.id) "
                        "FROM callback cb")
    assert all(stored == counted for stored, counted in counts)


def test_demo_passes_the_full_check_and_its_chain_is_intact(demo: Path) -> None:
    report = check_database()
    assert report.ok, (report.integrity, report.foreign_keys, report.broken_event)
    assert verify_chain().first_broken is None


def test_todays_board_and_the_due_list_have_work_on_the_demo(demo: Path) -> None:
    board = load_board(TODAY, DEMO_NOW, ZONE)
    assert board.orders and board.carried
    assert all(is_overdue(order, DEMO_NOW, ZONE) for order in board.carried)
    everyone = due_callbacks(list_staff()[0], DEMO_NOW, ZONE, everyone=True)
    assert everyone and everyone[0].due_at < DEMO_NOW
    assert [row.due_at for row in everyone] == sorted(row.due_at for row in everyone)
    assert {row.status for row in board.orders} - {DeliveryStatus.CANCELLED} and CallbackStatus.PENDING
