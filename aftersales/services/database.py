"""The desk's database as the edges need it besides the use cases: open it, close it, say whether it
is read-only, and name the cause behind a failed read. Screens never import the store itself."""

from pathlib import Path

from ..store import db as store_db
from ..store.errors import DatabaseRefused

__all__ = ["DatabaseRefused", "close_database", "open_database", "opened_read_only", "storage_cause"]


def open_database(target: str | Path, *, create: bool = False) -> None:
    """Open, check and migrate the database at `target` (DatabaseRefused, file untouched, when unusable)."""
    store_db.open_database(target, create=create)


def close_database() -> None:
    """Close this thread's connection to the desk's database, if it holds one."""
    store_db.close_database()


def opened_read_only() -> bool:
    """True when the open database is a read-only file: the desk views it, every write is refused."""
    return store_db.opened_read_only()


def storage_cause(exc: BaseException) -> str | None:
    """The catalog code (`error.cause.<code>`) of the disk or lock failure behind `exc`; None when unknown."""
    return store_db.cause_code(exc)
