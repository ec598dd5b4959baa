"""PostgreSQL scratch databases for the tests: one per test worker, emptied before each test."""

import os

from peewee import Database

from aftersales.store.db import close_database, open_database

BASE_URL = os.environ.get("AFTERSALES_TEST_PG", "")
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
_state = {"schema_ready": False}


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


def fresh_postgres() -> str:
    """Open the scratch database with the current schema and no rows; returns its URL."""
    if not _state["schema_ready"]:
        drop_schema()
        open_database(PG_URL, create=True)
        _state["schema_ready"] = True
        return PG_URL
    db = open_database(PG_URL)
    tables = [
        row[0]
        for row in db.execute_sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'meta'")
    ]
    if tables:
        db.execute_sql(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    return PG_URL
