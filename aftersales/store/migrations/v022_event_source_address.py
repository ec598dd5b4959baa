"""Schema 22: an event's source holds the address of the browser a served desk answers ("web 203.0.113.7",
up to 64 characters), so every action taken in a browser names where it came from. SQLite keeps text of any
length in the column; PostgreSQL widens it (a change of the catalog only, no rewrite of the events)."""

from peewee import Database, SqliteDatabase

from ..models import Event


def migrate(db: Database) -> None:
    if not isinstance(db, SqliteDatabase):
        db.execute_sql(f"ALTER TABLE {Event._meta.table_name} ALTER COLUMN source TYPE VARCHAR(64)")
