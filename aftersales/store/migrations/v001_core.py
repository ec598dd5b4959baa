"""Schema 1: the complaint desk's tables, queue indexes, full-text index and append-only events."""

from peewee import Database, SqliteDatabase

from .. import fts
from ..models import CORE_MODELS, Complaint

EVENT_GUARDS = [
    """CREATE TRIGGER IF NOT EXISTS event_append_only_update BEFORE UPDATE ON event BEGIN
        SELECT RAISE(ABORT, 'audit events are append-only');
    END""",
    """CREATE TRIGGER IF NOT EXISTS event_append_only_delete BEFORE DELETE ON event BEGIN
        SELECT RAISE(ABORT, 'audit events are append-only');
    END""",
]

QUEUE_INDEXES = [
    ("complaint_created", ["created_at", "id"]),
    ("complaint_status_created", ["status", "created_at", "id"]),
    ("complaint_shop_created", ["shop_id", "created_at", "id"]),
    ("complaint_assignee_created", ["assignee_id", "created_at", "id"]),
    ("complaint_category_created", ["category", "created_at", "id"]),
    ("complaint_severity_created", ["severity_rank", "created_at", "id"]),
    ("complaint_due", ["resolve_due_at", "id"]),
    ("complaint_customer_created", ["customer_id", "created_at"]),
    ("complaint_open_due", ["open_due_at", "id"]),
    # The dashboard's "my open / overdue" counts read this index alone.
    ("complaint_status_work", ["status", "assignee_id", "resolve_due_at"]),
]


PG_EVENT_GUARD = [
    """CREATE OR REPLACE FUNCTION event_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON event
    FOR EACH ROW EXECUTE FUNCTION event_append_only()""",
]


def migrate(db: Database) -> None:
    db.create_tables(CORE_MODELS, safe=True)
    table = Complaint._meta.table_name
    for name, columns in QUEUE_INDEXES:
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(columns)})")
    if isinstance(db, SqliteDatabase):
        for sql in EVENT_GUARDS:
            db.execute_sql(sql)
        # Operators search a caller by the last four digits of the phone.
        db.execute_sql("CREATE INDEX IF NOT EXISTS customer_phone_tail ON customer (substr(phone, -4))")
        db.execute_sql(fts.CREATE_TABLE)
        for sql in fts.CREATE_TRIGGERS:
            db.execute_sql(sql)
    else:
        for sql in PG_EVENT_GUARD:
            db.execute_sql(sql)
