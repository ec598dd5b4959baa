"""Noticing other desks' commits, on a SQLite file and on PostgreSQL, and only theirs.

Something wakes the check cheaply — SQLite's `PRAGMA data_version` moving, or a PostgreSQL
notification (every write transaction announces itself, see store.server) — and then the audit
events that arrived since the last look say whether another desk saved: every write appends an
event, and this process knows the ids of its own (store.own_events). A desk refreshes itself after
its own save, so its own commits are not reported again.
"""

import select
import sqlite3
from pathlib import Path
from typing import Any

from ..store import own_events
from ..store.db import opened_read_only
from ..store.server import CHANGE_CHANNEL, connection_params
from ..store.target import is_url

_NEW_EVENTS = "SELECT id FROM event WHERE id > {mark} ORDER BY id"
_LAST_EVENT = "SELECT coalesce(max(id), 0) FROM event"


class ProbeUnavailable(Exception):
    """The probe's connection failed this time (a busy or unreachable database); ask again later."""


class ChangeProbe:
    """A connection of its own that says when other desks committed since it last looked."""

    _mark = "?"
    _errors: tuple[type[BaseException], ...] = (sqlite3.Error,)

    def __init__(self) -> None:
        self._seen = int(self._query(_LAST_EVENT)[0][0])

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _moved(self) -> bool:
        """Cheap: did anything commit since the last call (this process's own saves included)?"""
        raise NotImplementedError

    def changed(self) -> bool:
        """True once for every batch of commits made by other desks since the last call.

        Raises ProbeUnavailable when the database cannot be read now.
        """
        try:
            if not self._moved():
                return False
            ids = [int(row[0]) for row in self._query(_NEW_EVENTS.format(mark=self._mark), (self._seen,))]
        except self._errors as exc:
            raise ProbeUnavailable(str(exc)) from exc
        if not ids:
            return False
        self._seen = ids[-1]
        others = own_events.foreign(ids)
        own_events.forget_through(self._seen)
        return bool(others)

    def close(self) -> None:
        raise NotImplementedError


class FileChangeProbe(ChangeProbe):
    """SQLite: data_version moves when any other connection commits (never for its own)."""

    def __init__(self, path: str | Path) -> None:
        self._conn = sqlite3.connect(str(path), timeout=1, check_same_thread=False)
        self._version = self._data_version()
        super().__init__()

    def _data_version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return list(self._conn.execute(sql, params).fetchall())

    def _moved(self) -> bool:
        current = self._data_version()
        moved = current != self._version
        self._version = current
        return moved

    def close(self) -> None:
        self._conn.close()


class ServerChangeProbe(ChangeProbe):
    """PostgreSQL: LISTEN on the channel every write transaction notifies at COMMIT."""

    _mark = "%s"

    def __init__(self, url: str) -> None:
        import psycopg2

        self._errors = (psycopg2.Error, OSError)
        self._url = url
        self._conn = self._listen()
        super().__init__()

    def _listen(self) -> Any:
        import psycopg2

        conn = psycopg2.connect(**connection_params(self._url))
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(f"LISTEN {CHANGE_CHANNEL}")
        return conn

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._conn.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def _moved(self) -> bool:
        if self._conn.closed:
            # Notifications sent while the connection was down are lost: look at the events instead.
            self._conn = self._listen()
            return True
        ready, _, _ = select.select([self._conn], [], [], 0)
        if ready:
            self._conn.poll()
        moved = bool(self._conn.notifies)
        self._conn.notifies.clear()
        return moved

    def close(self) -> None:
        self._conn.close()


def open_probe(target: str) -> ChangeProbe:
    """A probe for the desk's database, a SQLite file or a PostgreSQL URL; ProbeUnavailable when
    it cannot be opened now."""
    if not is_url(target) and opened_read_only():
        # A read-only file is opened without the shared-memory file that data_version needs.
        raise ProbeUnavailable("a read-only file is not watched")
    try:
        if is_url(target):
            return ServerChangeProbe(target)
        return FileChangeProbe(target)
    except Exception as exc:  # sqlite3 or psycopg2 errors; the desk works on without the watcher
        raise ProbeUnavailable(str(exc)) from exc
