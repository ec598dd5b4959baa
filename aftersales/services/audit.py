"""Appending hash-chained audit events, and proving the chain intact."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from ..domain.audit_chain import GENESIS, event_digest
from ..domain.enums import EventKind
from ..domain.schemas import StaffView
from ..store.fields import to_epoch
from ..store.models import Event

# Where the events written now come from: empty for the desk, "cli" for the command line.
_source: ContextVar[str] = ContextVar("event_source", default="")
COMMAND_LINE = "cli"


@contextmanager
def events_from(source: str) -> Iterator[None]:
    """Every event appended inside this block records `source` (the command line sets "cli")."""
    token = _source.set(source)
    try:
        yield
    finally:
        _source.reset(token)


def current_source() -> str:
    """The source events appended now record (bulk writers that seal events themselves need it)."""
    return _source.get()


def _content(
    complaint_id: int | None,
    actor_id: int | None,
    at: int,
    kind: str,
    field: str,
    old: str,
    new: str,
    note: str,
    customer_contact: bool,
    source: str = "",
) -> dict[str, object]:
    content: dict[str, object] = {
        "complaint": complaint_id,
        "actor": actor_id,
        "at": at,
        "kind": kind,
        "field": field,
        "old": old,
        "new": new,
        "note": note,
        "contact": bool(customer_contact),
    }
    if source:
        # Only when set, so events written before sources existed keep their digests.
        content["source"] = source
    return content


def append_event(
    at: datetime,
    actor: StaffView | None,
    kind: EventKind,
    *,
    complaint_id: int | None = None,
    field: str = "",
    old: str = "",
    new: str = "",
    note: str = "",
    customer_contact: bool = False,
) -> int:
    """Append one event inside the caller's transaction; returns its id."""
    last = Event.select(Event.hash).order_by(Event.id.desc()).limit(1).scalar()
    previous = str(last) if last else GENESIS
    actor_id = actor.id if actor else None
    source = _source.get()
    content = _content(
        complaint_id, actor_id, to_epoch(at), kind.value, field, old, new, note, customer_contact, source
    )
    row = Event.create(
        complaint=complaint_id,
        actor=actor_id,
        at=at,
        kind=kind.value,
        field=field,
        old=old,
        new=new,
        note=note,
        customer_contact=customer_contact,
        source=source,
        prev_hash=previous,
        hash=event_digest(previous, content),
    )
    return int(row.id)


@dataclass(frozen=True)
class ChainReport:
    events: int
    first_broken: int | None
    reason: str


def verify_chain() -> ChainReport:
    """Recompute every event's digest in order; name the first that does not match."""
    previous = GENESIS
    count = 0
    cursor = Event._meta.database.execute_sql(
        "SELECT id, complaint_id, actor_id, at, kind, field, old, new, note, customer_contact, source, "
        "prev_hash, hash FROM event ORDER BY id"
    )
    for row in cursor:
        count += 1
        (event_id, complaint_id, actor_id, at, kind, field, old, new, note, contact, source, prev_hash, digest) = row
        if prev_hash != previous:
            return ChainReport(count, event_id, "does not follow the event before it")
        content = _content(complaint_id, actor_id, int(at), kind, field, old, new, note, bool(contact), source)
        if event_digest(previous, content) != digest:
            return ChainReport(count, event_id, "content was altered")
        previous = digest
    return ChainReport(count, None, "")
