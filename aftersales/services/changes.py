"""Noticing other desks' commits on a shared SQLite file through `PRAGMA data_version`."""

import sqlite3
from pathlib import Path

from ..store.target import is_url


class ChangeProbe:
    """A dedicated connection whose data_version moves when any other connection commits."""

    def __init__(self, path: str | Path) -> None:
        # Its own connection on purpose: data_version ignores the connection's own commits.
        self._conn = sqlite3.connect(str(path), timeout=1, check_same_thread=False)
        self._last = self.version()

    def version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        """True once for every batch of commits made elsewhere since the last call."""
        current = self.version()
        moved = current != self._last
        self._last = current
        return moved

    def close(self) -> None:
        self._conn.close()


def open_probe(target: str) -> ChangeProbe | None:
    """A probe for a SQLite file, or None for targets without data_version (PostgreSQL)."""
    if is_url(target):
        return None
    return ChangeProbe(target)
