"""Appending hash-chained audit events, and proving the chain intact."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from dataclasses import field as default_from
from datetime import datetime

from ..domain.audit_chain import GENESIS, canonical_payload, event_digest
from ..domain.enums import EventKind
from ..domain.schemas import StaffView
from ..store import own_events
from ..store.bulk import insert_rows
from ..store.closed_months import refuse_closed_moments
from ..store.fields import to_epoch
from ..store.models import Event
from ..store.server import append_sealed, is_server, lock_chain
from .unit import unit_of_work

# Where the events written now come from: empty for the desk, "cli" for the command line.
_source: ContextVar[str] = ContextVar("event_source", default="")
COMMAND_LINE = "cli"
WEB = "web"  # a desk served to a browser (`aftersales serve`)


@dataclass
class _Origin:
    """Where every event of this process comes from, unless `events_from` says otherwise."""

    source: str = ""
    address: str = ""


# Process-wide, not a ContextVar: the desk appends from thread workers, which do not inherit context.
_origin = _Origin()


SOURCE_CELLS = 64  # the width of `event.source` (schema 22)


def desk_origin(source: str, address: str = "") -> None:
    """Every event this process appends records `source` and `address` (the browser's: "web 203.0.113.7");
    its logins also carry the address in their note."""
    _origin.address = address[:SOURCE_CELLS - len(source) - 1] if address else ""
    _origin.source = f"{source} {_origin.address}" if _origin.address else source[:SOURCE_CELLS]


def with_address(note: str) -> str:
    """A login event's note with the remote address of a served desk (`remote=ADDRESS`) after it."""
    if not _origin.address:
        return note
    return f"{note}; remote={_origin.address}" if note else f"remote={_origin.address}"


@unit_of_work
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
    return _source.get() or _origin.source


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


@dataclass(frozen=True)
class EventDraft:
    """One event to append: everything but its place in the chain."""

    at: datetime
    actor_id: int | None
    kind: EventKind
    complaint_id: int | None = None
    field: str = ""
    old: str = ""
    new: str = ""
    note: str = ""
    customer_contact: bool = False
    source: str = default_from(default_factory=current_source)


_COLUMNS = (
    "complaint_id", "actor_id", "at", "kind", "field", "old", "new", "note", "customer_contact", "source",
    "prev_hash", "hash",
)


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
    draft = EventDraft(at, actor.id if actor else None, kind, complaint_id, field, old, new, note, customer_contact)
    return append_events([draft])[0]


def append_events(drafts: Sequence[EventDraft]) -> list[int]:
    """Append `drafts` in order inside the caller's write transaction, each sealing the one before;
    returns their ids. Appends are serialised (the write lock on both engines), so the chain never forks.
    """
    if not drafts:
        return []
    # A backdated event may not land in a month already handed over to finance.
    refuse_closed_moments([draft.at for draft in drafts])
    lock_chain()
    db = Event._meta.database
    if len(drafts) == 1 and is_server(db.obj):
        # One round trip instead of two while the write lock is held: the server seals it.
        event_id = append_sealed("event", _COLUMNS[:-2], _values(drafts[0]), GENESIS,
                                 canonical_payload(_draft_content(drafts[0])))
        own_events.note(event_id, event_id)
        return [event_id]
    last = db.execute_sql("SELECT hash FROM event ORDER BY id DESC LIMIT 1").fetchone()
    previous = str(last[0]) if last else GENESIS
    rows: list[tuple[object, ...]] = []
    for draft in drafts:
        digest = event_digest(previous, _draft_content(draft))
        rows.append((*_values(draft), previous, digest))
        previous = digest
    ids = insert_rows("event", _COLUMNS, rows)
    own_events.note(ids[0], ids[-1])
    return ids


def _draft_content(draft: EventDraft) -> dict[str, object]:
    return _content(
        draft.complaint_id, draft.actor_id, to_epoch(draft.at), draft.kind.value, draft.field, draft.old,
        draft.new, draft.note, draft.customer_contact, draft.source,
    )


def _values(draft: EventDraft) -> tuple[object, ...]:
    """The event's own columns, in _COLUMNS order (the two digests left out)."""
    return (
        draft.complaint_id, draft.actor_id, to_epoch(draft.at), draft.kind.value, draft.field, draft.old,
        draft.new, draft.note, bool(draft.customer_contact), draft.source,
    )


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
