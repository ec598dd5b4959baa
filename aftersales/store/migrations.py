"""Schema versions, applied once under a write lock even when several desks start together."""

from collections.abc import Callable

from peewee import Database, PostgresqlDatabase, SqliteDatabase

from . import fts
from .errors import DatabaseRefused
from .header import APPLICATION_ID
from .models import ALL_MODELS, Complaint, Meta

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


def _v1(db: Database) -> None:
    db.create_tables(ALL_MODELS, safe=True)
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


PG_EVENT_GUARD_V2 = """CREATE OR REPLACE FUNCTION event_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'restrict_violation'; END $$
    LANGUAGE plpgsql"""


def _v2(db: Database) -> None:
    """PostgreSQL refuses an edited event as an integrity error, as SQLite does."""
    if not isinstance(db, SqliteDatabase):
        db.execute_sql(PG_EVENT_GUARD_V2)


MIGRATIONS: list[Callable[[Database], None]] = [_v1, _v2]
LATEST = len(MIGRATIONS)


def current_version(db: Database) -> int:
    if isinstance(db, SqliteDatabase):
        return int(db.execute_sql("PRAGMA user_version").fetchone()[0])
    if not db.table_exists(Meta._meta.table_name):
        return 0
    row = Meta.get_or_none(Meta.key == "schema_version")
    return int(row.value) if row else 0


def _set_version(db: Database, version: int) -> None:
    if isinstance(db, SqliteDatabase):
        db.execute_sql(f"PRAGMA user_version = {int(version)}")
        db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    else:
        Meta.insert(key="schema_version", value=str(version)).on_conflict(
            conflict_target=[Meta.key], update={Meta.value: str(version)}
        ).execute()


def migrate(db: Database) -> int:
    """Bring the schema to LATEST; return the version found before. Refuses nothing itself."""
    with db.atomic():
        if isinstance(db, PostgresqlDatabase):
            db.execute_sql("SELECT pg_advisory_xact_lock(4190417)")
        found = current_version(db)
        if found > LATEST:
            raise DatabaseRefused(f"{db.database}: made by a newer aftersales (schema {found}, this one knows {LATEST})")
        for version in range(found + 1, LATEST + 1):
            MIGRATIONS[version - 1](db)
            _set_version(db, version)
    return found
