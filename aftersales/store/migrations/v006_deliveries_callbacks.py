"""Schema 3: delivery orders, their failed runs, call-backs and their attempts, with the indexes the board,
the call-backs due list and the per-shop delivery quality read."""

from peewee import Database

from ..models import CALLBACK_MODELS, DELIVERY_MODELS

INDEXES = [
    # One day's board, in slot order (the SLA clock reads an open order's promise through it too).
    ("delivery_order_day", "delivery_order", ["promised_date", "slot", "status"]),
    ("delivery_order_complaint_status", "delivery_order", ["complaint_id", "status"]),
    ("delivery_order_first_day_shop", "delivery_order", ["first_promised_date", "shop_id"]),
    ("callback_complaint_purpose", "callback", ["complaint_id", "purpose", "status"]),
]
# The due list reads pending call-backs alone: partial indexes hold those few rows, not every call ever made.
# (A query must say `status = 'pending'` literally for SQLite to choose them; see services.callbacks.read.)
PENDING_INDEXES = [
    ("callback_pending_assignee_due", "callback", ["assignee_id", "due_at"]),
    ("callback_pending_due", "callback", ["due_at"]),
]
PENDING = "status = 'pending'"
# Open orders by promised date, newest first: the latest carried over to today's board, and their count.
OPEN_ORDERS = "status IN ('requested', 'accepted', 'out_for_delivery', 'failed', 'rescheduled')"


def migrate(db: Database) -> None:
    db.create_tables([*DELIVERY_MODELS, *CALLBACK_MODELS], safe=True)
    for name, table, columns in INDEXES:
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(columns)})")
    for name, table, columns in PENDING_INDEXES:
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(columns)}) WHERE {PENDING}")
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS delivery_order_open_day ON delivery_order (promised_date, status) "
                   f"WHERE {OPEN_ORDERS}")
