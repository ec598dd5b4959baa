"""The SLA clock of the demo's waiting complaints, as the desk leaves it: a complaint awaiting its
customer is on hold since it started waiting; one awaiting a delivery is on hold from then until the
end of its open orders' latest promised slot (store the same Hold services.complaints.hold writes)."""

import sqlite3
from datetime import date
from zoneinfo import ZoneInfo

from ..domain.deliveries import SLOT_RANK, Slot, slot_end
from ..store.fields import to_epoch

OPEN_ORDERS = ("requested", "accepted", "out_for_delivery", "failed", "rescheduled")
_STARTED = """
SELECT c.id, c.status,
       (SELECT MAX(e.at) FROM event e WHERE e.complaint_id = c.id AND e.kind = 'status' AND e.new = c.status)
FROM complaint c WHERE c.status IN ('awaiting_customer', 'awaiting_delivery')
"""


def put_waiting_on_hold(conn: sqlite3.Connection, zone: ZoneInfo) -> int:
    """Set hold_since (and hold_until for deliveries) on every waiting complaint; returns how many."""
    marks = ", ".join("?" * len(OPEN_ORDERS))
    promises: dict[int, tuple[date, int]] = {}
    for complaint_id, promised, slot in conn.execute(
        f"SELECT complaint_id, promised_date, slot FROM delivery_order WHERE status IN ({marks})", OPEN_ORDERS
    ):
        key = (date.fromisoformat(str(promised)), SLOT_RANK[Slot(slot)])
        if complaint_id not in promises or key > promises[complaint_id]:
            promises[complaint_id] = key
    slots = list(Slot)
    rows = []
    for complaint_id, status, started in conn.execute(_STARTED).fetchall():
        if started is None:
            continue
        until = None
        if status == "awaiting_delivery":
            promise = promises.get(complaint_id)
            if promise is None:
                continue  # nothing promised: the clock runs, as the desk would leave it
            end = to_epoch(slot_end(promise[0], slots[promise[1]], zone))
            if end <= started:
                continue
            until = end
        rows.append((started, until, complaint_id))
    conn.execute("BEGIN")
    conn.executemany("UPDATE complaint SET hold_since = ?, hold_until = ? WHERE id = ?", rows)
    conn.execute("COMMIT")
    return len(rows)
