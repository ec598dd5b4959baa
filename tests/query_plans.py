"""Reading the plans of the statements a service runs: which of them walk a whole table."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from aftersales.store.models import database
from aftersales.store.server import is_server


@contextmanager
def statements() -> Iterator[list[tuple[str, Any]]]:
    """Every SQL statement (with its parameters) the database runs inside the block."""
    seen: list[tuple[str, Any]] = []
    real = database.obj.execute_sql

    def recording(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        seen.append((sql, params))
        return real(sql, params, *args, **kwargs)

    database.obj.execute_sql = recording
    try:
        yield seen
    finally:
        database.obj.execute_sql = real


_WHOLE_TABLE_READS = ("enable_seqscan", "enable_hashjoin", "enable_mergejoin")


def plan_lines(sql: str, params: Any) -> list[str]:
    """The plan of one statement, a line per step. On PostgreSQL, reading whole tables (sequential scans,
    and the hash and merge joins that read one side whole) is priced out first: a test database is so
    small that the planner would rightly read it whole, and the question is whether a plan through the
    indexes exists at all."""
    db = database.obj
    if sql.lstrip().upper().startswith(("SET ", "RESET ")):
        return []  # a setting, not a query
    if not is_server(db):
        return [str(row[-1]) for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params or ()).fetchall()]
    for setting in _WHOLE_TABLE_READS:
        db.execute_sql(f"SET {setting} = off")
    try:
        return [str(row[0]) for row in db.execute_sql(f"EXPLAIN {sql}", params or ()).fetchall()]
    finally:
        for setting in _WHOLE_TABLE_READS:
            db.execute_sql(f"RESET {setting}")


def full_scans(run: Callable[[], object]) -> list[str]:
    """The plan lines of `run`'s statements that walk a whole table (a `SCAN` without an index)."""
    with statements() as seen:
        run()
    assert seen, "the service ran no statement"
    found = []
    for sql, params in seen:
        for detail in plan_lines(sql, params):
            if detail.startswith("SCAN") and "INDEX" not in detail and "CONSTANT ROW" not in detail:
                found.append(f"{detail}  <-  {sql}")
    return found
