"""Another desk in the middle of a write: a second connection holding the desk's write lock (BEGIN
IMMEDIATE on SQLite, the advisory write lock and fresh row locks on PostgreSQL) until the block ends."""

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aftersales.store.db import is_url
from aftersales.store.server import WRITE_LOCK

ROOT = Path(__file__).resolve().parent.parent


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


def _save_there(target: str, what: str, complaint_id: int = 0, version: int = 0) -> None:
    """In the other desk's process: one save as op02, as its operator would make it."""
    from aftersales.domain.clock import fixed_clock
    from aftersales.services.complaints import actions
    from aftersales.services.context import Desk
    from aftersales.store.converters import staff_view
    from aftersales.store.db import close_database, open_database
    from aftersales.store.models import Staff

    from .factories import NOW

    open_database(target)
    desk = Desk(clock=fixed_clock(NOW))
    op02 = staff_view(Staff.get(Staff.code == "op02"))
    if what == "acknowledge":
        actions.acknowledge(desk, op02, complaint_id, version)
    elif what == "intake":
        from .factories import new_complaint

        new_complaint(desk, op02, phone="13900001111")
    else:
        actions.add_note(desk, op02, complaint_id, {"text": "noted at another desk"})
    close_database()


def saves_elsewhere(target: str, what: str, complaint_id: int = 0, version: int = 0) -> None:
    """Another desk — a process of its own — acknowledges the complaint (`what` = "acknowledge"),
    adds a note to it ("note") or takes a new complaint ("intake"); returns once that is committed."""
    # A fresh interpreter with its own standard streams: a screen test's are not real files.
    code = f"from tests.other_desk import _save_there; _save_there({target!r}, {what!r}, {complaint_id}, {version})"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
