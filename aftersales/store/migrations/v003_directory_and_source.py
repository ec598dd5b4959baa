"""Schema 3: staff and shops carry a version (two desks may edit one), events say where they came from."""

from peewee import Database

ADDED_COLUMNS = [
    ("staff", "version", "INTEGER NOT NULL DEFAULT 1"),
    ("shop", "version", "INTEGER NOT NULL DEFAULT 1"),
    ("event", "source", "VARCHAR(12) NOT NULL DEFAULT ''"),
]


def migrate(db: Database) -> None:
    for table, column, definition in ADDED_COLUMNS:
        if column not in {existing.name for existing in db.get_columns(table)}:
            # Adding a column with a default rewrites no row, so the append-only triggers do not fire.
            db.execute_sql(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
