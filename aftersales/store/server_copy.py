"""Copying every table of a desk's SQLite file into the open PostgreSQL database with COPY.

Generic over the models (ALL_MODELS, parents first), so the rows of every section come along;
the columns copied are those both sides have, except columns PostgreSQL computes itself.
"""

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import report_events, server_search, shop_summary
from .bulk import copy_text
from .models import ALL_MODELS, Meta, database

# Rows read from SQLite per fetch while a table streams into COPY.
_FETCH = 5000


class _Lines:
    """A file-like object COPY reads from: rows of a cursor in COPY's text format, a batch at a time."""

    def __init__(self, rows: Iterator[tuple[Any, ...]]) -> None:
        self._rows = rows
        self._buffer = ""

    def read(self, size: int = -1) -> str:
        while size < 0 or len(self._buffer) < size:
            batch = [next(self._rows, None) for _ in range(_FETCH)]
            lines = ["\t".join(copy_text(value) for value in row) + "\n" for row in batch if row is not None]
            self._buffer += "".join(lines)
            if len(lines) < _FETCH:
                break
        if size < 0:
            size = len(self._buffer)
        out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out

    readline = read


def _server_columns(db: Any, table: str) -> set[str]:
    """Columns of `table` in the server database that a COPY may fill (not generated ones)."""
    rows = db.execute_sql(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s AND is_generated = 'NEVER'",
        (table,),
    ).fetchall()
    return {str(row[0]) for row in rows}


def _set_aside(db: Any, table: str) -> list[str]:
    """Drop the foreign keys and the indexes not behind a constraint of `table`; returns the SQL
    that puts them back. Built once over loaded rows, they cost a fraction of keeping them up
    row by row (a million complaints carry over a dozen indexes)."""
    restore: list[str] = []
    keys = db.execute_sql(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname", (table,)).fetchall()
    for name, definition in keys:
        db.execute_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    indexes = db.execute_sql(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s "
        "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass) "
        "ORDER BY indexname", (table, table)).fetchall()
    for name, definition in indexes:
        db.execute_sql(f'DROP INDEX "{name}"')
        restore.insert(0, definition)  # indexes first, then the keys that may use them
    return restore


def copy_file_into_server(source: Path) -> dict[str, int]:
    """Copy every desk table of the SQLite file `source` into the open PostgreSQL database, whose
    desk tables are empty, inside the caller's write transaction; then rebuild what was set aside
    and move each id sequence past the copied ids. Returns the rows copied per table."""
    db = database.obj
    if not db.in_transaction():
        raise RuntimeError("tables are copied inside a write transaction only")
    models = [model for model in ALL_MODELS if model is not Meta]  # the schema version is each database's own
    restore = [sql for model in models for sql in _set_aside(db, model._meta.table_name)]
    # The copied summary tables are already in step with the copied rows: their triggers stay quiet meanwhile.
    kept_tables = sorted({*shop_summary.TRIGGER_TABLES, *report_events.TABLES})
    for table in kept_tables:
        db.execute_sql(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    copied: dict[str, int] = {}
    try:
        for model in models:
            table = model._meta.table_name
            # table_info leaves out generated columns: the server computes its own.
            mine = [str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")]
            wanted = _server_columns(db, table)
            columns = [name for name in mine if name in wanted]
            if not mine or not columns:
                continue
            names = ", ".join(columns)
            rows = conn.execute(f"SELECT {names} FROM {table} ORDER BY rowid")
            db.cursor().copy_expert(f"COPY {table} ({names}) FROM STDIN", _Lines(iter(rows)))
            copied[table] = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            if "id" in columns and model._meta.primary_key.name == "id":
                db.execute_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) "
                    f"FROM {table}"
                )
    finally:
        conn.close()
    for sql in sorted(restore, key=lambda statement: statement.startswith("ALTER")):
        db.execute_sql(sql)
    for table in kept_tables:
        db.execute_sql(f"ALTER TABLE {table} ENABLE TRIGGER USER")
    # The search text was not kept while the complaints' triggers were set aside; then statistics for
    # the planner now, not when autovacuum gets round to it.
    server_search.refill(db)
    db.execute_sql("ANALYZE")
    return copied
