"""A demo's waiting complaints have their SLA clock on hold as the desk leaves it: since they began to
wait, and for a delivery until the end of its open orders' latest promised slot."""

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from aftersales.demo.build import build_demo
from aftersales.domain.deliveries import SLOT_RANK, Slot, slot_end
from aftersales.services.context import Desk
from aftersales.store.db import close_database


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    path: Path = tmp_path_factory.mktemp("holds") / "demo.db"
    build_demo(path, 2000, seed=7, today=date(2026, 11, 27))
    close_database()
    return sqlite3.connect(path)


def test_a_complaint_awaiting_its_customer_is_on_hold_since_it_began_to_wait(demo) -> None:
    rows = demo.execute(
        "SELECT c.hold_since, c.hold_until, (SELECT MAX(e.at) FROM event e WHERE e.complaint_id = c.id "
        "AND e.kind = 'status' AND e.new = 'awaiting_customer') FROM complaint c WHERE c.status = 'awaiting_customer'"
    ).fetchall()
    assert rows
    assert all(since == began and until is None for since, until, began in rows)


def test_a_complaint_awaiting_a_delivery_is_on_hold_until_its_latest_promised_slot_ends(demo) -> None:
    zone = Desk().sla.zone
    waiting = demo.execute("SELECT id, hold_since, hold_until FROM complaint WHERE status = 'awaiting_delivery'").fetchall()
    assert waiting
    on_hold = 0
    for complaint_id, since, until in waiting:
        orders = demo.execute(
            "SELECT promised_date, slot FROM delivery_order WHERE complaint_id = ? AND status IN "
            "('requested', 'accepted', 'out_for_delivery', 'failed', 'rescheduled')", (complaint_id,)).fetchall()
        assert orders, complaint_id  # a complaint waits for delivery exactly while an order is open
        day, slot = max(((date.fromisoformat(d), Slot(s)) for d, s in orders), key=lambda o: (o[0], SLOT_RANK[o[1]]))
        end = int(slot_end(day, slot, zone).timestamp())
        if since is None:
            continue  # promised before it began to wait: nothing to hold
        on_hold += 1
        assert until == end and since < end
        assert datetime.fromtimestamp(since, zone).date() <= day
    assert on_hold >= len(waiting) // 2
