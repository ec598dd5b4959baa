"""PostgreSQL scratch databases for the tests: one per test worker, emptied before each test."""

import os
from graphlib import CycleError, TopologicalSorter

from peewee import Database

from aftersales.store.db import close_database, open_database

BASE_URL = os.environ.get("AFTERSALES_TEST_PG", "")
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
_state = {"schema_ready": False}

# The desk's tables (the schema's own `meta` row stays), the links between them, and their id sequences.
_TABLES = ("SELECT oid::regclass::text FROM pg_class WHERE relkind = 'r' "
           "AND relnamespace = 'public'::regnamespace AND relname <> 'meta'")
_LINKS = ("SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
          "WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND conrelid <> confrelid")
_GUARDED = ("SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger "  # rows no DELETE may remove
            "WHERE NOT tgisinternal AND tgtype & 8 = 8")
_SEQUENCES = ("SELECT s.oid::regclass::text FROM pg_class s "
              "JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i') "
              "JOIN pg_class t ON t.oid = d.refobjid "
              "WHERE s.relkind = 'S' AND s.relnamespace = 'public'::regnamespace AND t.relname <> 'meta'")


def _server(url: str) -> Database:
    from playhouse.db_url import connect

    return connect(url)


def _worker_url() -> str:
    """The base URL, or under pytest-xdist a database of this worker's own next to it."""
    if not BASE_URL or not WORKER:
        return BASE_URL
    stem, _, name = BASE_URL.rpartition("/")
    name = name.split("?")[0]
    own = f"{name}_{WORKER}"
    admin = _server(BASE_URL)
    admin.connect()
    admin.connection().autocommit = True
    if not admin.execute_sql("SELECT 1 FROM pg_database WHERE datname = %s", (own,)).fetchone():
        admin.execute_sql(f'CREATE DATABASE "{own}"')
    admin.close()
    return f"{stem}/{own}"


PG_URL = _worker_url() if BASE_URL else ""


def drop_schema() -> None:
    """Leave the scratch database empty (no tables at all); the next test recreates the schema."""
    close_database()
    raw = _server(PG_URL)
    raw.execute_sql("DROP SCHEMA IF EXISTS public CASCADE")
    raw.execute_sql("CREATE SCHEMA public")
    raw.close()
    _state["schema_ready"] = False


def _referrers_first(tables: list[str], links: list[tuple[str, str]]) -> list[str] | None:
    """`tables` ordered so that each comes before the tables it refers to (None if they refer in a circle)."""
    order: TopologicalSorter[str] = TopologicalSorter({table: set() for table in tables})
    for referrer, referred in links:
        order.add(referred, referrer)
    try:
        return list(order.static_order())
    except CycleError:
        return None


def _empty(db: Database) -> None:
    """Remove every row and restart every id at 1.

    TRUNCATE makes new files for each table it empties: for all the desk's tables it takes about half a
    second, which the screen tests, on both engines, paid hundreds of times. A DELETE of a few rows takes
    a millisecond, so only the tables whose rows no DELETE may remove (the audit events) are truncated.
    """
    tables = [row[0] for row in db.execute_sql(_TABLES)]
    order = _referrers_first(tables, [(row[0], row[1]) for row in db.execute_sql(_LINKS)])
    guarded = [row[0] for row in db.execute_sql(_GUARDED) if row[0] in tables]
    sequences = [row[0] for row in db.execute_sql(_SEQUENCES)]
    with db.atomic():
        if order is None:  # tables that refer to each other in a circle: empty them all at once
            db.execute_sql(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
            return
        if guarded:
            db.execute_sql(f"TRUNCATE {', '.join(guarded)} CASCADE")
        for table in order:
            if table not in guarded:
                db.execute_sql(f"DELETE FROM {table}")
        if sequences:
            db.execute_sql("SELECT " + ", ".join(f"setval('{name}', 1, false)" for name in sequences))


def fresh_postgres() -> str:
    """Open the scratch database with the current schema and no rows; returns its URL."""
    if not _state["schema_ready"]:
        drop_schema()
        open_database(PG_URL, create=True)
        _state["schema_ready"] = True
        return PG_URL
    _empty(open_database(PG_URL))
    return PG_URL
