"""Backing up a desk database and proving it intact (pages, references, audit chain)."""

import dataclasses
import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peewee import SqliteDatabase

from ..domain.errors import DeskError
from ..store.models import Attachment, AttachmentContent, RegisterHandover, database
from ..store.references import server_reference_problems
from .audit import verify_chain
from .unit import unit_of_work

# Text columns of an event, read as bytes when sqlite cannot decode one of them.
_EVENT_TEXT = ("kind", "field", "old", "new", "note", "source", "prev_hash", "hash")


class MaintenanceRefused(DeskError):
    """A backup or check that cannot run as asked; nothing was changed."""


@dataclass(frozen=True)
class CheckReport:
    """What `aftersales check` found; `ok` only when every part passed."""

    integrity: list[str] = field(default_factory=list)  # quick_check lines other than "ok"
    foreign_keys: list[str] = field(default_factory=list)  # "table row N → parent"
    events: int = 0
    broken_event: int | None = None
    broken_reason: str = ""  # altered, unchained or undecodable
    foreign_key_error: str = ""  # why the references could not be checked at all
    chain_error: str = ""  # why the audit chain could not be read to its end
    pages_checked: bool = True  # False on PostgreSQL: the page scan is SQLite's (the server checks its own)
    altered_copies: list[str] = field(default_factory=list)  # "YYYY-MM format" of kept registers whose bytes changed
    altered_attachments: list[str] = field(default_factory=list)  # "sha256 file name" of stored files whose bytes changed

    @property
    def ok(self) -> bool:
        return not (self.integrity or self.foreign_keys or self.foreign_key_error or self.chain_error
                    or self.broken_event is not None or self.altered_copies or self.altered_attachments)


def _sqlite() -> Any:
    """The open SQLite database, or None on PostgreSQL (peewee is untyped, hence Any)."""
    db: Any = database.obj
    return db if isinstance(db, SqliteDatabase) else None


@unit_of_work
def integrity_problems(limit: int = 20) -> list[str]:
    """Lines of `PRAGMA quick_check` that are not "ok" (a full scan of every page)."""
    db = _sqlite()
    if db is None:
        return []
    try:
        lines = [str(row[0]) for row in db.execute_sql(f"PRAGMA quick_check({int(limit)})")]
    except Exception as exc:  # a damaged file fails in more ways than sqlite3.Error (MemoryError)
        return [failure_text(exc)]
    return [line for line in lines if line != "ok"]


def foreign_key_problems(limit: int = 20) -> list[str]:
    """Rows pointing at a parent row that does not exist (an unreadable file raises)."""
    db = _sqlite()
    if db is None:
        return server_reference_problems(limit)
    out: list[str] = []
    for table, rowid, parent, _fk in db.execute_sql("PRAGMA foreign_key_check"):
        out.append(f"{table} row {rowid} → missing {parent}")
        if len(out) >= limit:
            break
    return out


def failure_text(exc: BaseException) -> str:
    """What went wrong reading a damaged file, in one line (MemoryError carries no text of its own)."""
    detail = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def _undecodable_event() -> int | None:
    """The first event whose stored text is not valid UTF-8 (a flipped byte can cause that)."""
    columns = ", ".join(f"CAST({name} AS BLOB)" for name in _EVENT_TEXT)
    for row in database.obj.execute_sql(f"SELECT id, {columns} FROM event ORDER BY id"):
        for value in row[1:]:
            try:
                if value is not None:
                    bytes(value).decode("utf-8")
            except UnicodeDecodeError:
                return int(row[0])
    return None


def altered_register_copies() -> list[str]:
    """Registers handed over whose kept bytes no longer hash to the hash recorded at the hand-over (that
    hash is also in the audited hand-over event), as "YYYY-MM format"; read one copy at a time."""
    out = []
    kept = RegisterHandover.select(RegisterHandover.id, RegisterHandover.month, RegisterHandover.format,
                                   RegisterHandover.sha256).where(RegisterHandover.content.is_null(False))
    for row_id, month, fmt, sha in kept.order_by(RegisterHandover.month, RegisterHandover.format).tuples():
        content = RegisterHandover.select(RegisterHandover.content).where(RegisterHandover.id == row_id).scalar()
        if hashlib.sha256(bytes(content)).hexdigest() != sha:
            out.append(f"{month} {fmt}")
    return out


def altered_attachments() -> list[str]:
    """Stored files whose bytes no longer hash to the SHA-256 they are stored under (the hash each
    attachment's audited event recorded), as "sha256 first file name"; read one file at a time."""
    out = []
    for (sha,) in AttachmentContent.select(AttachmentContent.sha256).order_by(AttachmentContent.sha256).tuples():
        content = AttachmentContent.select(AttachmentContent.content).where(AttachmentContent.sha256 == sha).scalar()
        if hashlib.sha256(bytes(content)).hexdigest() != sha:
            name = Attachment.select(Attachment.file_name).where(Attachment.stored == sha).order_by(Attachment.id).scalar()
            out.append(f"{sha[:12]} {name or ''}".strip())
    return out


_REASONS = {"content was altered": "altered", "does not follow the event before it": "unchained"}


@unit_of_work
def check_database() -> CheckReport:
    """Full integrity check of the open database: pages (SQLite), foreign keys, the audit chain, then the
    registers' kept copies."""
    report = _check_structure()
    if report.integrity or report.chain_error:
        return report  # a damaged file: the copies are not read
    try:
        altered = altered_register_copies()
        files = altered_attachments()
    except Exception as exc:
        return dataclasses.replace(report, chain_error=failure_text(exc))
    return dataclasses.replace(report, altered_copies=altered, altered_attachments=files)


def _check_structure() -> CheckReport:
    if _sqlite() is None:
        return _check_server()
    integrity = integrity_problems()
    foreign: list[str] = []
    foreign_error = ""
    try:
        foreign = foreign_key_problems()
    except Exception as exc:  # damaged pages: reported, and the chain is still walked
        foreign_error = failure_text(exc)
    # Every way the walk over a damaged file can fail (sqlite errors, undecodable text, a
    # MemoryError from a garbage record length) is a finding reported after the ones above.
    try:
        chain = verify_chain()
    except Exception as exc:
        try:
            broken = _undecodable_event()
        except Exception:
            broken = None  # the table itself is damaged: quick_check above says where
        if broken is None:
            return CheckReport(integrity, foreign, foreign_key_error=foreign_error, chain_error=failure_text(exc))
        return CheckReport(integrity, foreign, 0, broken, "undecodable", foreign_key_error=foreign_error)
    if chain.first_broken is None:
        return CheckReport(integrity, foreign, chain.events, foreign_key_error=foreign_error)
    reason = _REASONS.get(chain.reason, chain.reason)
    return CheckReport(integrity, foreign, chain.events, chain.first_broken, reason, foreign_key_error=foreign_error)


@unit_of_work
def backup_database(out: Path) -> int:
    """Copy the open SQLite database to the new file `out` with the online backup API; returns its size."""
    db = _sqlite()
    if db is None:
        raise MaintenanceRefused("cli.backup.postgres")
    if out.exists():
        raise MaintenanceRefused("cli.backup.exists", path=str(out))
    if not out.parent.is_dir():
        raise MaintenanceRefused("cli.backup.no_folder", path=str(out), folder=str(out.parent))
    target = sqlite3.connect(str(out))
    try:
        db.connection().backup(target)
        verdict = target.execute("PRAGMA quick_check").fetchone()[0]
        target.execute("PRAGMA journal_mode = DELETE")  # the copy is one self-contained file
    except BaseException as exc:
        target.close()
        out.unlink(missing_ok=True)
        if isinstance(exc, (sqlite3.Error, OSError)):
            # Writing the copy failed (a full disk, most often): name the copy, not the database.
            raise MaintenanceRefused("cli.backup.write_failed", path=str(out), detail=str(exc)) from exc
        raise
    target.close()
    if verdict != "ok":
        out.unlink(missing_ok=True)
        raise MaintenanceRefused("cli.backup.bad_copy", path=str(out), detail=str(verdict))
    return out.stat().st_size


def _check_server() -> CheckReport:
    """PostgreSQL: every reference the models declare, then the chain; no page scan to run here."""
    foreign = foreign_key_problems()
    chain = verify_chain()
    reason = _REASONS.get(chain.reason, chain.reason) if chain.first_broken is not None else ""
    return CheckReport([], foreign, chain.events, chain.first_broken, reason, pages_checked=False)
