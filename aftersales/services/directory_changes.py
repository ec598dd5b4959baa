"""Editing and (de)activating a directory record named by its code (a staff member, a shop, an outside
partner): the change saved over the version that was read, and one audited event that says what changed."""

from collections.abc import Callable
from typing import Any, TypeVar

from ..domain.directory import changed_fields, described
from ..domain.enums import EventKind
from ..domain.schemas import StaffView
from ..store.db import write_transaction
from ..store.versioned import VersionedRecord
from .audit import append_event
from .context import Desk

View = TypeVar("View")
# A directory's own rule on a change about to be saved: the row as stored, field → (old, new).
EditRule = Callable[[Any, dict[str, tuple[object, object]]], None]
# A directory's own rule on (de)activating the row as stored.
ActiveRule = Callable[[Any], None]


def edit_by_code(
    desk: Desk, actor: StaffView, record: VersionedRecord, code: str, version: int | None,
    wanted: dict[str, object], kind: EventKind, view: Callable[[Any], View], *, rule: EditRule | None = None,
) -> View:
    """Store the fields of `wanted` that differ from the record's; `version` None skips the check.
    `rule` may refuse the change first. The event holds the code with the old values and with the new ones."""
    table = record.model._meta.table_name
    with write_transaction(f"saving {table} {code}"):
        row = record.load(code, version)
        changes = changed_fields({name: getattr(row, name) for name in wanted}, wanted)
        if not changes:
            return view(row)
        if rule is not None:
            rule(row, changes)
        record.save(row, row.version, {name: new for name, (_old, new) in changes.items()})
        append_event(
            desk.clock(), actor, kind, field=table,
            old=described(row.code, {name: old for name, (old, _new) in changes.items()}),
            new=described(row.code, {name: new for name, (_old, new) in changes.items()}),
        )
        return view(record.model.get_by_id(row.id))


def set_active_by_code(
    desk: Desk, actor: StaffView, record: VersionedRecord, code: str, active: bool, version: int | None,
    kinds: tuple[EventKind, EventKind], view: Callable[[Any], View], *, rule: ActiveRule | None = None,
) -> View:
    """Deactivate or reactivate the record; `kinds` are the (deactivated, reactivated) event kinds.
    `rule` may refuse the change first."""
    table = record.model._meta.table_name
    with write_transaction(f"{'reactivating' if active else 'deactivating'} {table} {code}"):
        row = record.load(code, version)
        if row.active == active:
            return view(row)
        if rule is not None:
            rule(row)
        record.save(row, row.version, {"active": active})
        append_event(desk.clock(), actor, kinds[1] if active else kinds[0], field=table, new=row.code)
        return view(record.model.get_by_id(row.id))
