"""Opening the desk's database (SQLite file or PostgreSQL URL) with the reliability pragmas."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from peewee import Database, PeeweeException, SqliteDatabase
from peewee import DatabaseError as PeeweeDatabaseError

from ..domain.errors import DeskError, StorageError
from .errors import DatabaseRefused
from .header import APPLICATION_ID
from .migrations import LATEST, current_version, migrate
from .models import database
from .target import is_url, precheck_file

__all__ = ["close_database", "connection", "is_url", "open_database", "write_transaction"]

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 10_000,
    "cache_size": -32_000,
}


def open_database(target: str | Path, *, create: bool = False) -> Database:
    """Open, check and migrate the database at `target`; bind the models to it.

    Raises DatabaseRefused (one line, file untouched) for anything that is not a usable
    aftersales database. A missing file is created only when `create` is true.
    """
    text = str(target)
    db = _open_postgres(text) if is_url(text) else _open_sqlite(Path(text), create)
    database.initialize(db)
    if is_url(text):
        found = current_version(db)
        if found > LATEST:
            db.close()
            raise DatabaseRefused(f"{_where(text)}: made by a newer aftersales (schema {found})")
    try:
        found = migrate(db)
        if found < LATEST and isinstance(db, SqliteDatabase):
            # The header (application id, schema version) must reach the main file now, so
            # another desk's cheap header check recognises it while this one stays open.
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except (PeeweeDatabaseError, sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        db.close()
        raise DatabaseRefused(f"{text}: cannot prepare the database ({exc})") from exc
    return db


def _open_sqlite(path: Path, create: bool) -> SqliteDatabase:
    if not (create and path.exists() and not path.is_dir() and _being_created(path)):
        precheck_file(path, latest_version=LATEST, create=create)
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=10, lock_type="IMMEDIATE")
    try:
        db.connect()
    except (PeeweeDatabaseError, sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise DatabaseRefused(f"{path}: cannot open ({exc})") from exc
    return db


def _being_created(path: Path) -> bool:
    """True when another desk is creating this file right now (empty, or ours still in its WAL)."""
    if path.stat().st_size == 0:
        return True
    try:
        raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            app_id = raw.execute("PRAGMA application_id").fetchone()[0]
            tables = raw.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            raw.close()
    except sqlite3.DatabaseError:
        return False
    return bool(app_id == APPLICATION_ID or tables == 0)


def _open_postgres(url: str) -> Database:
    from playhouse.db_url import connect  # loads the PostgreSQL driver: only when asked for

    try:
        db = connect(url)
        db.connect()
    except Exception as exc:  # driver missing or server unreachable: both are one-line refusals
        raise DatabaseRefused(f"{_where(url)}: cannot connect ({str(exc).strip()})") from exc
    return db


def _where(url: str) -> str:
    """The URL without its credentials, for messages."""
    return url.split("@")[-1]


def close_database() -> None:
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


# What SQLite says → (cause code for the catalogs `error.cause.<code>`, plain English).
_ROOT_CAUSES = [
    ("disk is full", "disk_full", "disk full"),
    ("database or disk is full", "disk_full", "disk full"),
    ("readonly database", "read_only", "the database file is read-only"),
    ("database is locked", "locked", "the database stayed locked by another desk"),
    ("disk i/o error", "io_error", "disk I/O error"),
]


def _root_cause(exc: BaseException) -> tuple[str, str]:
    """The first failure in `exc`'s chain (not peewee's later "cannot rollback"): code and text."""
    chain: list[BaseException] = []
    node: BaseException | None = exc
    while node is not None and node not in chain:
        chain.append(node)
        node = node.__cause__ or node.__context__
    for err in reversed(chain):
        text = str(err).lower()
        for needle, code, plain in _ROOT_CAUSES:
            if needle in text:
                return code, plain
    return "other", str(chain[-1])


@contextmanager
def write_transaction(what: str) -> Iterator[None]:
    """One IMMEDIATE write transaction; storage failures surface their root cause."""
    db = database.obj
    try:
        with db.atomic():
            yield
    except DeskError:
        raise
    except (PeeweeException, sqlite3.Error) as exc:
        code, plain = _root_cause(exc)
        raise StorageError(f"{plain} while {what}", cause=plain, cause_code=code, what=what) from exc


@contextmanager
def connection() -> Iterator[Database]:
    """A connection for the current thread, closed on exit only if this opened it."""
    db = database.obj
    opened = db.is_closed()
    if opened:
        db.connect()
    try:
        yield db
    finally:
        if opened and not db.in_transaction():
            db.close()
