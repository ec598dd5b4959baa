"""Opening the desk's database (SQLite file or PostgreSQL URL) with the reliability pragmas."""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from peewee import Database, PeeweeException, SqliteDatabase
from peewee import DatabaseError as PeeweeDatabaseError
from playhouse.pool import PooledDatabase

from ..domain.errors import DeskError, StorageError
from . import lock_clock, own_events
from .errors import DatabaseRefused
from .header import APPLICATION_ID
from .masking import redact, shown_target
from .migrations import LATEST, current_version, migrate
from .models import database
from .sqlite import DeskSqliteDatabase
from .target import is_url, precheck_file

__all__ = ["close_database", "connection", "is_url", "open_database", "write_transaction"]

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 10_000,
    "cache_size": -32_000,
}
# A read-only file is read as it is: no journal mode to set, and the connection itself refuses writes.
READ_ONLY_PRAGMAS = {"foreign_keys": 1, "busy_timeout": 10_000, "cache_size": -32_000, "query_only": 1}


def open_database(target: str | Path, *, create: bool = False) -> Database:
    """Open, check and migrate the database at `target`; bind the models to it.

    The schema version is read first, without any lock; the write lock is taken only when there is
    something to migrate, so opening never waits on another desk's write.

    Raises DatabaseRefused (one line, file untouched) for anything that is not a usable
    aftersales database. A missing file is created only when `create` is true.
    """
    text = str(target)
    db = _open_postgres(text) if is_url(text) else _open_sqlite(Path(text), create)
    previous = database.obj
    database.initialize(db)
    if previous is not None and previous is not db:
        _put_away(previous)
    own_events.forget_all()
    if opened_read_only():
        return db  # its schema version was checked on opening; nothing may migrate it
    try:
        found = current_version(db, shown_target(text))
        if found > LATEST:
            raise DatabaseRefused(f"{shown_target(text)}: made by a newer aftersales (schema {found})")
        if found < LATEST:
            migrate(db, where=shown_target(text), create=create)
            if isinstance(db, SqliteDatabase):
                # The header (application id, schema version) must reach the main file now, so
                # another desk's cheap header check recognises it while this one stays open.
                db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except DatabaseRefused:
        _put_away(db)
        raise
    except (PeeweeDatabaseError, sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        _put_away(db)
        detail = redact(str(exc).strip(), text)
        raise DatabaseRefused(f"{shown_target(text)}: cannot prepare the database ({detail})") from exc
    return db


def _open_sqlite(path: Path, create: bool) -> SqliteDatabase:
    if not (create and path.exists() and not path.is_dir() and _being_created(path)):
        precheck_file(path, latest_version=LATEST, create=create)
    if path.exists() and _read_only_file(path):
        return _open_read_only(path)
    _make_side_files_writable(path)
    db = DeskSqliteDatabase(str(path), pragmas=PRAGMAS, timeout=10, lock_type="IMMEDIATE")
    try:
        db.connect()
    except (PeeweeDatabaseError, sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise DatabaseRefused(f"{path}: cannot open ({exc})") from exc
    return db


def _side_files(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _writable(path: Path) -> bool:
    """Writable by this process, and not marked read-only (no write bit: root honours chmod 444 too)."""
    return bool(path.stat().st_mode & 0o222) and os.access(path, os.W_OK)


def _read_only_file(path: Path) -> bool:
    """True when the desk must not write `path`: the file is read-only, or its folder is and
    the side files WAL needs are not there to be used."""
    if not _writable(path):
        return True
    wal, shm = _side_files(path)
    folder_writable = os.access(path.parent, os.W_OK | os.X_OK)
    return not folder_writable and not (wal.exists() and shm.exists())


def _open_read_only(path: Path) -> SqliteDatabase:
    """Open `path` for reading only, creating no side file a later writable open could trip on.

    With no -wal/-shm beside it, nobody has the file open and it holds everything: it is opened
    immutable (no locks, no shared-memory file). With both present a desk has it open (or left
    its log behind), so the log is read through them; they are used, never created.
    """
    wal, shm = _side_files(path)
    if wal.exists() and shm.exists():
        uri = f"file:{quote(str(path))}?mode=ro"
    elif wal.exists() and wal.stat().st_size > 0:
        raise DatabaseRefused(
            f"{path}: read-only, and {wal.name} holds changes not yet in it; open it once with write access"
        )
    else:
        uri = f"file:{quote(str(path))}?immutable=1"
    db = SqliteDatabase(uri, uri=True, pragmas=READ_ONLY_PRAGMAS, timeout=10)
    db.read_only = True
    try:
        db.connect()
        found = int(db.execute_sql("PRAGMA user_version").fetchone()[0])
    except (PeeweeDatabaseError, sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        db.close()
        raise DatabaseRefused(f"{path}: cannot open ({exc})") from exc
    if found < LATEST:
        db.close()
        raise DatabaseRefused(
            f"{path}: read-only, and made by an older aftersales (schema {found}); "
            "open it once with write access so it can be upgraded"
        )
    return db


def _make_side_files_writable(path: Path) -> None:
    """Give back write access to -wal/-shm files a read-only open of an older version left behind
    (they carry the mode of the file they sit beside, 444 then); without it every write fails."""
    for side in _side_files(path):
        if not side.exists() or _writable(side):
            continue
        try:
            os.chmod(side, path.stat().st_mode & 0o666)
        except OSError as exc:
            raise DatabaseRefused(
                f"{side}: read-only side file beside the database; make it writable or remove it ({exc.strerror})"
            ) from exc


def opened_read_only() -> bool:
    """True when the open database is a read-only file: the desk views it, every write is refused."""
    return bool(getattr(database.obj, "read_only", False))


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
    from .server import DeskPostgresDatabase

    try:
        db = DeskPostgresDatabase.from_url(url)
        db.connect()
    except Exception as exc:  # driver missing or server unreachable: both are one-line refusals
        raise DatabaseRefused(f"{shown_target(url)}: cannot connect ({redact(str(exc).strip(), url)})") from exc
    return db


def close_database() -> None:
    """Close this thread's connection; on a pooled database (PostgreSQL) also the ones nobody is using."""
    if database.obj is not None:
        _put_away(database.obj)


def _put_away(db: Database) -> None:
    if not db.is_closed():
        db.close()
    if isinstance(db, PooledDatabase):
        db.close_idle()  # connections other threads still hold go back to the pool when they close them


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


def cause_code(exc: BaseException) -> str | None:
    """The catalog code (`error.cause.<code>`) of the storage failure behind `exc`; None when none is known."""
    code, _plain = _root_cause(exc)
    return None if code == "other" else code


@contextmanager
def write_transaction(what: str) -> Iterator[None]:
    """One IMMEDIATE write transaction; storage failures surface their root cause."""
    db = database.obj
    if opened_read_only():
        # Refused before anything is attempted: the cause, not SQLite's "attempt to write".
        raise StorageError(cause="the database file is read-only", cause_code="read_only", what=what)
    outermost = not db.in_transaction()
    committed = False
    try:
        with db.atomic():
            yield
        committed = True
    except DeskError:
        raise
    except (PeeweeException, sqlite3.Error) as exc:
        code, plain = _root_cause(exc)
        raise StorageError(cause=plain, cause_code=code, what=what) from exc
    finally:
        if outermost:
            lock_clock.lock_released()
            own_events.transaction_ended(committed)


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
