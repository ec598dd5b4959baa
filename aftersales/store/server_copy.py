"""Copying every table of a desk's SQLite file into the open PostgreSQL database with COPY.

Generic over the models (ALL_MODELS, parents first), so the rows of every section come along;
the columns copied are those both sides have, except columns PostgreSQL computes itself.
"""

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


def copy_file_into_server(source: Path) -> dict[str, int]:
    """Copy every desk table of the SQLite file `source` into the open PostgreSQL database, inside
    the caller's write transaction, then move each id sequence past the copied ids. Returns the
    rows copied per table."""
    db = database.obj
    if not db.in_transaction():
        raise RuntimeError("tables are copied inside a write transaction only")
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    copied: dict[str, int] = {}
    try:
        for model in ALL_MODELS:
            if model is Meta:
                continue  # the schema version and the like belong to each database
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
    return copied
