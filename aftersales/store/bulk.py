"""Inserting many rows in one statement per page, on either engine, inside the caller's write transaction.

Peewee builds each `Model.create` anew (a few hundred microseconds a row), which kept a 5,000-row
import holding the write lock for seconds; these inserts send plain SQL with the rows as parameters.
"""

from collections.abc import Sequence

from .models import database
from .server import is_server

# Rows per statement on PostgreSQL (psycopg2's execute_values pages the VALUES list).
PAGE = 1000


def insert_rows(table: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> list[int]:
    """Insert `rows` (values in `columns` order) into `table`; returns their new ids in row order.

    Must run inside a write transaction: SQLite then numbers the rows one after another from the
    highest id, which is how their ids are known without asking for each.
    """
    if not rows:
        return []
    db = database.obj
    if not db.in_transaction():
        raise RuntimeError("bulk inserts run inside a write transaction only")
    names = ", ".join(columns)
    if is_server(db):
        from psycopg2.extras import execute_values

        cursor = db.cursor()
        found = execute_values(
            cursor, f"INSERT INTO {table} ({names}) VALUES %s RETURNING id", rows, page_size=PAGE, fetch=True
        )
        return [int(row[0]) for row in found]
    marks = ", ".join("?" * len(columns))
    cursor = db.cursor()
    if len(rows) == 1:
        cursor.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows[0])
        return [int(cursor.lastrowid)]
    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
    last = int(cursor.execute("SELECT last_insert_rowid()").fetchone()[0])
    return list(range(last - len(rows) + 1, last + 1))
