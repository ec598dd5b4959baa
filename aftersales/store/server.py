"""PostgreSQL specifics: the pool of connections, the advisory locks that serialise the desk's writers,
and its marker."""

import threading
import time
from collections.abc import Sequence
from typing import Any

from peewee import Database, PostgresqlDatabase, __exception_wrapper__
from playhouse.pool import PooledPostgresqlDatabase

from . import lock_clock
from .errors import DatabaseRefused
from .models import database

# Transaction-scoped advisory lock keys (pg_advisory_xact_lock): released at COMMIT or ROLLBACK.
MIGRATION_LOCK = 4190417
# The desk's write lock, taken at BEGIN like SQLite's BEGIN IMMEDIATE; it also serialises the audit chain.
WRITE_LOCK = 4190418
# Channel on which every commit that appended an audit event is announced to the other desks.
CHANGE_CHANNEL = "aftersales_change"

# Every service call opens and closes its own connection; a new one costs milliseconds (TCP,
# authentication, a new server process) where a cheap read costs a fraction of one, so a closed
# connection goes back to a pool for the next call. A desk runs a few workers at once: more threads
# than POOL_MAX_CONNECTIONS wait for a connection to come back, up to POOL_WAIT_SECONDS.
POOL_MAX_CONNECTIONS = 16
POOL_WAIT_SECONDS = 30
# A connection this old is replaced when it is next taken or given back, so a desk left open for days
# does not keep one server process (and what it has cached) for ever.
POOL_STALE_SECONDS = 600

_USER_RELATIONS = """
    SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname !~ '^pg_(toast|temp)'
"""


def is_server(db: Database) -> bool:
    return isinstance(db, PostgresqlDatabase)


def connection_params(url: str) -> dict[str, Any]:
    """What psycopg2 needs to connect to `url` (user and password percent-decoded)."""
    from urllib.parse import urlparse

    from playhouse.db_url import parseresult_to_dict

    params: dict[str, Any] = parseresult_to_dict(urlparse(url), unquote_password=True, unquote_user=True)
    if not params.get("database"):
        raise ValueError("the URL names no database (postgresql://USER:PASSWORD@HOST/DBNAME)")
    return params


class DeskPostgresDatabase(PooledPostgresqlDatabase):  # type: ignore[misc]  # playhouse has no types
    """PostgreSQL where every write transaction queues for the desk's write lock at BEGIN, over a pool
    of connections.

    The same rule as SQLite's BEGIN IMMEDIATE: writers go one at a time, first come first served
    (PostgreSQL grants a contended lock in queue order), never deadlock on each other's rows, and
    the audit chain's head cannot be read by two writers at once. The lock is transaction-scoped,
    so a connection given back to the pool holds nothing; one given back inside a transaction is
    rolled back first.
    """

    def __init__(self, database: str, **kwargs: Any) -> None:
        super().__init__(database, **kwargs)
        self._owners: dict[int, threading.Thread] = {}

    @classmethod
    def from_url(cls, url: str) -> "DeskPostgresDatabase":
        return cls(max_connections=POOL_MAX_CONNECTIONS, stale_timeout=POOL_STALE_SECONDS,
                   timeout=POOL_WAIT_SECONDS, **connection_params(url))

    def _connect(self) -> Any:
        with self._pool_lock:
            self._reclaim_orphans()
            conn = super()._connect()
            self._owners[self.conn_key(conn)] = threading.current_thread()
            return conn

    def _reclaim_orphans(self) -> None:
        """Close the connections of threads that ended without giving theirs back: without a pool
        they closed with their thread, here they would hold a place in it for ever."""
        for key, owner in list(self._owners.items()):
            if key not in self._in_use:
                del self._owners[key]
            elif not owner.is_alive():
                del self._owners[key]
                self._close_raw(self._in_use.pop(key).connection)

    def begin(self, isolation_level: Any = None) -> None:
        started = time.monotonic()
        if isolation_level or self._isolation_level:
            super().begin(isolation_level)
            self.execute_sql(_TAKE_WRITE_LOCK)
        else:
            # One round trip: each one costs a wake-up of the server process, while others queue.
            with __exception_wrapper__:
                self.cursor().execute(f"BEGIN; {_TAKE_WRITE_LOCK}")
        lock_clock.lock_taken(time.monotonic() - started)


# The lock, and the announcement to the other desks' watchers (delivered at COMMIT, folded into one
# per transaction, dropped on ROLLBACK). Every write transaction appends an audit event.
_TAKE_WRITE_LOCK = f"SELECT pg_advisory_xact_lock({WRITE_LOCK}), pg_notify('{CHANGE_CHANNEL}', '')"


def lock_chain() -> None:
    """Make sure the current transaction holds the write lock, so one appender at a time reads the
    audit chain's head. A desk's transactions hold it since BEGIN (here and on SQLite, BEGIN
    IMMEDIATE); only a PostgreSQL connection opened some other way needs to take it now.
    """
    db = database.obj
    if not db.in_transaction():
        raise RuntimeError("the audit chain is appended to inside a write transaction only")
    if is_server(db) and not isinstance(db, DeskPostgresDatabase):
        db.execute_sql(_TAKE_WRITE_LOCK)


# The marker: a `meta` table of exactly these columns holding the schema version, beside the first
# version's tables. Another application's `meta` (other columns, or other content) is not it.
_META_SHAPE = """
    SELECT to_regclass('meta') IS NOT NULL,
           coalesce((SELECT array_agg(attname::text ORDER BY attname) FROM pg_attribute
                     WHERE attrelid = to_regclass('meta') AND attnum > 0 AND NOT attisdropped), '{}')
"""
_META_COLUMNS = ["key", "value"]
_SCHEMA_VERSION = "SELECT value::text FROM meta WHERE key::text = 'schema_version' LIMIT 1"
_FIRST_TABLES = ("staff", "complaint", "event")
_FIRST_TABLES_FOUND = "SELECT count(to_regclass(name)) FROM unnest(%s::text[]) AS name"


def foreign_database(where: str) -> DatabaseRefused:
    return DatabaseRefused(
        f"{where}: holds tables of another application (no aftersales marker); use an empty database for the desk"
    )


def marked_version(db: Database, where: str) -> int:
    """The schema version our marker records, 0 when there is no `meta` table or no version in it.

    Raises DatabaseRefused (another application's) for a `meta` table that is not ours: other columns,
    a version that is no whole number, or a version without the tables every version has.
    """
    exists, columns = db.execute_sql(_META_SHAPE).fetchone()
    if not exists:
        return 0
    if list(columns) != _META_COLUMNS:
        raise foreign_database(where)
    row = db.execute_sql(_SCHEMA_VERSION).fetchone()
    if row is None:
        return 0
    text = str(row[0]).strip()
    if not (text.isascii() and text.isdigit()) or int(text) == 0:
        raise foreign_database(where)
    if int(db.execute_sql(_FIRST_TABLES_FOUND, (list(_FIRST_TABLES),)).fetchone()[0]) != len(_FIRST_TABLES):
        raise foreign_database(where)
    return int(text)


def refuse_unmarked(db: Database, where: str, create: bool) -> None:
    """For a server database without our marker: refuse it unless it is empty and `create` was asked.

    Called under the migration lock, so a desk creating the schema right now is waited for, not
    mistaken for another application.
    """
    if int(db.execute_sql(_USER_RELATIONS).fetchone()[0]):
        raise foreign_database(where)
    if not create:
        raise DatabaseRefused(f"{where}: no aftersales database here (create one with `aftersales init --db URL`)")


def append_sealed(table: str, columns: Sequence[str], values: Sequence[object], genesis: str, payload: str) -> int:
    """Append one audit event in one round trip: the server reads the chain's head and seals the row
    with SHA-256 over head + `payload` (UTF-8, hex), exactly as domain.audit_chain.event_digest does.

    `columns`/`values` are the event's own; `prev_hash` and `hash` are filled here. Inside the
    caller's write transaction, which holds the write lock: the head cannot move meanwhile.
    """
    db = database.obj
    marks = ", ".join(["%s"] * len(values))
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}, prev_hash, hash) "
        f"SELECT {marks}, head.prev, encode(sha256(convert_to(head.prev || %s, 'UTF8')), 'hex') "
        f"FROM (SELECT coalesce((SELECT hash FROM {table} ORDER BY id DESC LIMIT 1), %s) AS prev) AS head "
        "RETURNING id"
    )
    return int(db.execute_sql(sql, (*values, payload, genesis)).fetchone()[0])
