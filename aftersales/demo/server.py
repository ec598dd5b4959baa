"""A demo database on PostgreSQL: the fast SQLite builder fills a temporary file, then every table is
copied into the server database in one transaction (COPY), so a million complaints load in minutes."""

import sqlite3
import tempfile
from datetime import date, time
from pathlib import Path

from ..domain.errors import DeskError
from ..store.db import close_database, open_database, write_transaction
from ..store.masking import shown_target
from ..store.models import Complaint, Event, Meta, Staff
from ..store.server_copy import copy_file_into_server
from .marker import DEMO_KEY


class DemoRefused(DeskError):
    """The server database already holds a desk's records; a demo goes into an empty one."""


def build_demo_on_server(url: str, complaints: int, seed: int, today: date, until: time | None = None) -> int:
    """Build the demo (as `build_demo` would into a file) into the empty PostgreSQL database at `url`;
    returns the complaints loaded. Leaves that database open and bound to the models."""
    from .build import build_demo  # looked up when called, as the file demo's command does

    where = shown_target(url)
    open_database(url, create=True)
    if Staff.select().exists() or Complaint.select().exists() or Event.select().exists():
        raise DemoRefused("cli.demo.not_empty", path=where)
    close_database()
    with tempfile.TemporaryDirectory(prefix="aftersales-demo-") as folder:
        source = Path(folder) / "demo.db"
        build_demo(source, complaints, seed, today, until)
        close_database()
        open_database(url)
        with write_transaction("loading the demo database"):
            copied = copy_file_into_server(source)
            # The copy leaves the meta table out (the schema version is each database's own); the demo
            # mark comes along, so the login screen lists the demo accounts on the server too.
            Meta.insert(key=DEMO_KEY, value=_demo_mark(source)).execute()
    return copied.get(Complaint._meta.table_name, 0)


def _demo_mark(source: Path) -> str:
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        found = conn.execute("SELECT value FROM meta WHERE key = ?", (DEMO_KEY,)).fetchone()
    finally:
        conn.close()
    return str(found[0]) if found else "demo"
