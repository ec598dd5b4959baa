"""PostgreSQL: the connection a service call closes goes back to a pool for the next call, holding no lock
and no transaction; a thread that ends without giving its connection back does not keep its place."""

import threading
from collections.abc import Callable
from typing import Any

import psycopg2
import pytest

from aftersales.services.complaints.read import list_shops
from aftersales.store.db import close_database, connection
from aftersales.store.models import database
from aftersales.store.server import WRITE_LOCK, DeskPostgresDatabase

from .factories import new_complaint


@pytest.fixture
def pooled(engine: str, staff) -> DeskPostgresDatabase:
    if engine != "postgresql":
        pytest.skip("SQLite opens a file, with nothing to pool")
    db = database.obj
    assert isinstance(db, DeskPostgresDatabase)
    db.close()  # the calls below find no connection open on any thread
    return db


def _in_a_thread(call: Callable[[], Any]) -> Any:
    """What `call` returns, run in a thread of its own (as a screen's worker runs a service)."""
    out: list[Any] = []
    worker = threading.Thread(target=lambda: out.append(call()))
    worker.start()
    worker.join()
    return out[0]


def _backend() -> int:
    with connection() as db:
        return int(db.execute_sql("SELECT pg_backend_pid()").fetchone()[0])


def _write_lock_is_free(db_target: str) -> bool:
    other = psycopg2.connect(db_target)
    try:
        cursor = other.cursor()
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", (WRITE_LOCK,))
        return bool(cursor.fetchone()[0])
    finally:
        other.rollback()
        other.close()


def test_a_closed_connection_is_taken_again_by_the_next_call(pooled):
    first = _in_a_thread(_backend)
    assert _in_a_thread(list_shops) and _in_a_thread(_backend) == first
    assert len(pooled._connections) == 1 and not pooled._in_use


def test_a_connection_back_in_the_pool_holds_no_lock_and_no_transaction(pooled, desk, staff, db_target):
    _in_a_thread(lambda: new_complaint(desk, staff["op01"]))
    (_when, _n, conn), = pooled._connections
    assert conn.get_transaction_status() == psycopg2.extensions.TRANSACTION_STATUS_IDLE
    assert _write_lock_is_free(db_target)  # another desk takes the write lock at once


def test_a_thread_that_ends_holding_a_connection_gives_its_place_back(pooled):
    def connect_and_end() -> None:
        pooled.connect()  # never closed: the thread ends holding it

    _in_a_thread(connect_and_end)
    assert len(pooled._in_use) == 1
    _in_a_thread(_backend)
    assert not pooled._in_use


def test_a_thread_that_ends_inside_a_write_leaves_nothing_written_and_the_lock_free(pooled, db_target):
    def write_and_end() -> None:
        pooled.connect()
        pooled.begin()
        pooled.execute_sql("UPDATE shop SET name = 'never saved'")

    _in_a_thread(write_and_end)
    assert "never saved" not in [shop.name for shop in _in_a_thread(list_shops)]
    assert _write_lock_is_free(db_target)


def test_closing_the_database_closes_the_idle_connections(pooled):
    _in_a_thread(_backend)
    (_when, _n, conn), = pooled._connections
    close_database()
    assert conn.closed and not pooled._connections
