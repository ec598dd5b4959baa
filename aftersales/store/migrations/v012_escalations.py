"""Schema 12: escalations, the SLA clock's pauses on complaints, and the index the sweep reads."""

from peewee import Database

from ..models import Complaint, Escalation

_HOLD_COLUMNS = {
    "hold_since": "BIGINT",  # UtcField: epoch seconds
    "hold_until": "BIGINT",
    "held_seconds": "INTEGER NOT NULL DEFAULT 0",
}

INDEXES = [
    # The sweep's "acknowledgement overdue" reads only new complaints by their deadline.
    "CREATE INDEX IF NOT EXISTS complaint_new_ack_due ON complaint (ack_due_at) WHERE status = 'new'",
    # Review queues (level, then the most severe, then the oldest) and the top bar's badge read only the
    # escalations not yet closed, in this index's order.
    "CREATE INDEX IF NOT EXISTS escalation_review ON escalation (level DESC, severity_rank DESC, raised_at, id) "
    "WHERE state <> 'closed'",
    "CREATE INDEX IF NOT EXISTS escalation_raised ON escalation (raised_at)",
]


def migrate(db: Database) -> None:
    table = Complaint._meta.table_name
    present = {column.name for column in db.get_columns(table)}
    for name, kind in _HOLD_COLUMNS.items():
        if name not in present:
            db.execute_sql(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
    db.create_tables([Escalation], safe=True)
    for sql in INDEXES:
        db.execute_sql(sql)
