"""Inserting many rows at once, on either engine, inside the caller's write transaction.

Peewee builds each `Model.create` anew (a few hundred microseconds a row), which kept a 5,000-row
import holding the write lock for seconds. Here SQLite gets one prepared INSERT run over every row
(`executemany`), and PostgreSQL the rows' ids from their sequence and then the rows through COPY.
"""

import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .models import database
from .server import is_server

# From this many rows on, PostgreSQL gets them through COPY (two round trips, but no SQL to parse
# per row); fewer go in one INSERT … RETURNING.
COPY_FROM = 50


def insert_rows(table: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> list[int]:
    """Insert `rows` (values in `columns` order) into `table`; returns their new ids, ascending in
    row order. Must run inside a write transaction, which holds the write lock: nobody else takes
    ids meanwhile.
    """
    if not rows:
        return []
    db = database.obj
    if not db.in_transaction():
        raise RuntimeError("bulk inserts run inside a write transaction only")
    if is_server(db):
        return _copy_rows(db, table, columns, rows) if len(rows) >= COPY_FROM else _insert_returning(
            db, table, columns, rows)
    names = ", ".join(columns)
    marks = ", ".join("?" * len(columns))
    cursor = db.cursor()
    if len(rows) == 1:
        cursor.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows[0])
        return [int(cursor.lastrowid)]
    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
    # SQLite numbers new rows from the highest id up, one after another.
    last = int(cursor.execute("SELECT last_insert_rowid()").fetchone()[0])
    return list(range(last - len(rows) + 1, last + 1))


@dataclass(frozen=True)
class PreparedRows:
    """Rows for one table with every value known before the write lock converted already; the
    values only the transaction can know (`late` columns, such as a number or a new parent's id)
    come first in each row and are given to `insert_prepared`."""

    table: str
    late: tuple[str, ...]
    columns: tuple[str, ...]  # the other columns, in the order of `fixed`
    fixed: list[tuple[object, ...]]
    copy_tails: list[str] | None  # `fixed` already in COPY's text format (PostgreSQL)


def prepare_records(model: Any, late: Sequence[str], records: Sequence[Mapping[str, object]]) -> PreparedRows:
    """Convert `records` (field name → Python value, the same fields in each, `late` fields left
    out) as the model's fields store them, with the defaults Model.create would fill in (the tables
    carry none). Runs before the write transaction: this is most of the work of a big insert."""
    names = list(records[0]) if records else []
    given = [model._meta.fields[name] for name in names]
    defaults = [(field, value) for field, value in model._meta.defaults.items()
                if field.name not in names and field.name not in late]
    fixed = []
    for record in records:
        values = [field.db_value(record[name]) for field, name in zip(given, names, strict=True)]
        values += [field.db_value(value() if callable(value) else value) for field, value in defaults]
        fixed.append(tuple(values))
    columns = tuple([field.column_name for field in given] + [field.column_name for field, _ in defaults])
    tails = ["\t".join(copy_text(value) for value in row) for row in fixed] if is_server(database.obj) else None
    late_columns = tuple(model._meta.fields[name].column_name for name in late)
    return PreparedRows(model._meta.table_name, late_columns, columns, fixed, tails)


def insert_prepared(prepared: PreparedRows, late_values: Sequence[Sequence[object]]) -> list[int]:
    """Insert the prepared rows with their `late` values (one tuple per row, in `late` order)
    inside the caller's write transaction; returns the new ids in row order."""
    db = database.obj
    columns = [*prepared.late, *prepared.columns]
    if prepared.copy_tails is not None and len(prepared.fixed) >= COPY_FROM and is_server(db):
        lines = ["\t".join([*(copy_text(value) for value in late), tail])
                 for late, tail in zip(late_values, prepared.copy_tails, strict=True)]
        return _copy_lines(db, prepared.table, columns, lines)
    rows = [(*late, *fixed) for late, fixed in zip(late_values, prepared.fixed, strict=True)]
    return insert_rows(prepared.table, columns, rows)


def insert_records(model: Any, records: Sequence[Mapping[str, object]]) -> list[int]:
    """Insert `records` (field name → Python value) as rows of `model`; returns their new ids."""
    return insert_prepared(prepare_records(model, (), records), [()] * len(records))


def _insert_returning(db: Any, table: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> list[int]:
    from psycopg2.extras import execute_values

    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES %s RETURNING id"
    found = execute_values(db.cursor(), sql, rows, page_size=len(rows), fetch=True)
    return sorted(int(row[0]) for row in found)


def _copy_rows(db: Any, table: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> list[int]:
    lines = ["\t".join(copy_text(value) for value in row) for row in rows]
    return _copy_lines(db, table, columns, lines)


def _copy_lines(db: Any, table: str, columns: Sequence[str], lines: Sequence[str]) -> list[int]:
    """COPY `lines` (COPY text format, without the id) into `table` under ids taken from its sequence."""
    cursor = db.cursor()
    cursor.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)",
                   (len(lines),))
    ids = sorted(int(row[0]) for row in cursor.fetchall())
    text = "".join(f"{new_id}\t{line}\n" for new_id, line in zip(ids, lines, strict=True))
    cursor.copy_expert(f"COPY {table} (id, {', '.join(columns)}) FROM STDIN", io.StringIO(text))
    return ids


def select_where_in(table: str, columns: Sequence[str], key: str, values: Sequence[object]) -> list[tuple[Any, ...]]:
    """`columns` of the rows of `table` whose `key` is one of `values`, by id: one query however
    many values (an array on PostgreSQL, a JSON list on SQLite), never a statement of thousands of
    parameters to build."""
    if not values:
        return []
    db = database.obj
    names = ", ".join(columns)
    if is_server(db):
        sql = f"SELECT {names} FROM {table} WHERE {key} = ANY(%s) ORDER BY id"
        return list(db.execute_sql(sql, (list(values),)).fetchall())
    sql = f"SELECT {names} FROM {table} WHERE {key} IN (SELECT value FROM json_each(?)) ORDER BY id"
    return list(db.execute_sql(sql, (json.dumps(list(values), ensure_ascii=False),)).fetchall())


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(value: object) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    if isinstance(value, (bytes, memoryview)):  # bytea in hex, its backslash escaped for COPY
        return "\\\\x" + bytes(value).hex()
    return str(value)
