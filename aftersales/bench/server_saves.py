"""Saves timed on a server: into a scratch database made on the same server, dropped afterwards.

The measured database itself cannot take the saves and give them back: its audit events are
append-only (a trigger refuses DELETE, and a gap would break the hash chain of the desks appending
meanwhile), and the desks working on it would see the bench's complaints and be woken by its commits.
A database of the bench's own, made by the desk's migrations on the same server with the same
account, takes each save along the same path (connection, write lock, triggers, the commit's flush of
the server's write-ahead log) and leaves the measured database exactly as it was. Its tables start
empty, so their indexes are shallower than the measured database's.
"""

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from peewee import PeeweeException

from ..domain.schemas import StaffView
from ..store.db import close_database, open_database
from ..store.errors import DatabaseRefused
from ..store.masking import redact
from ..store.models import Shop, Staff
from ..store.server import connection_params

SCRATCH_PREFIX = "aftersales_bench_"


def scratch_url(url: str, name: str) -> str:
    """`url` naming the database `name` on the same server, with the same account and options."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _on_server(url: str, sql: str) -> None:
    """One statement outside a transaction (CREATE and DROP DATABASE refuse to run inside one)."""
    import psycopg2

    conn = psycopg2.connect(**connection_params(url))
    try:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(sql)
    finally:
        conn.close()


@contextmanager
def scratch_database(url: str) -> Iterator[str]:
    """A new, empty database on `url`'s server while the block runs (its URL); dropped at the end."""
    name = f"{SCRATCH_PREFIX}{secrets.token_hex(6)}"
    _on_server(url, f'CREATE DATABASE "{name}" TEMPLATE template0')
    try:
        yield scratch_url(url, name)
    finally:
        close_database()
        _on_server(url, f'DROP DATABASE IF EXISTS "{name}"')


def saves_on_server(url: str, actor: StaffView, shop_code: str, save: Callable[[], Any]) -> dict[str, Any]:
    """Run `save` (the timed saves) inside a scratch database holding `actor` and the shop; returns
    {"samples": ...} or {"error": why the server refused the scratch database}. Leaves `url` open."""
    import psycopg2

    staff_row = Staff.get_by_id(actor.id).__data__
    shop_row = Shop.get(Shop.code == shop_code).__data__
    close_database()
    try:
        with scratch_database(url) as scratch:
            open_database(scratch, create=True)
            Staff.insert(staff_row).execute()
            Shop.insert(shop_row).execute()
            samples = save()
    except (psycopg2.Error, PeeweeException, DatabaseRefused) as exc:  # no CREATEDB right, no room, …
        return {"error": redact(" ".join(str(exc).split()), url)}
    finally:
        open_database(url)
    return {"samples": samples}
