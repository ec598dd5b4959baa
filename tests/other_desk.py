"""Another desk in the middle of a write: a second connection holding the desk's write lock (BEGIN
IMMEDIATE on SQLite, the advisory write lock and fresh row locks on PostgreSQL) until the block ends."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from aftersales.store.db import is_url
from aftersales.store.server import WRITE_LOCK


@contextmanager
def writing(target: str) -> Iterator[None]:
    """Hold an uncommitted write on `target` from a connection of its own; rolled back at the end."""
    if is_url(target):
        import psycopg2

        conn = psycopg2.connect(target)
        cur = conn.cursor()
        cur.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
        cur.execute("INSERT INTO meta (key, value) VALUES ('held', 'by another desk')")
        cur.execute("UPDATE staff SET failed_logins = failed_logins")
        try:
            yield
        finally:
            conn.rollback()
            conn.close()
        return
    raw = sqlite3.connect(target, isolation_level=None, timeout=0)
    raw.execute("BEGIN IMMEDIATE")
    raw.execute("INSERT INTO meta (key, value) VALUES ('held', 'by another desk')")
    try:
        yield
    finally:
        raw.execute("ROLLBACK")
        raw.close()
