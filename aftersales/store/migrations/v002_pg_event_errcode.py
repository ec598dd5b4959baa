"""Schema 2: PostgreSQL refuses an edited event as an integrity error, as SQLite does."""

from peewee import Database, SqliteDatabase

PG_EVENT_GUARD_V2 = """CREATE OR REPLACE FUNCTION event_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'restrict_violation'; END $$
    LANGUAGE plpgsql"""


def migrate(db: Database) -> None:
    if not isinstance(db, SqliteDatabase):
        db.execute_sql(PG_EVENT_GUARD_V2)
