"""Editing and (de)activating a directory record named by its code (a shop, an outside partner): the
change saved over the version that was read, and one audited event that says what changed."""

from collections.abc import Callable
from typing import Any, TypeVar

from ..domain.directory import changed_fields, described
from ..domain.enums import EventKind
from ..domain.schemas import StaffView
from ..store.db import write_transaction
from ..store.versioned import load_by_code, save_versioned
from .audit import append_event
from .context import Desk

View = TypeVar("View")


def edit_by_code(
    desk: Desk, actor: StaffView, model: Any, code: str, version: int | None, wanted: dict[str, object],
    kind: EventKind, view: Callable[[Any], View],
) -> View:
    """Store the fields of `wanted` that differ from the record's; `version` None skips the check.
    The event holds the code with the old values and with the new ones."""
    table = model._meta.table_name
    with write_transaction(f"saving {table} {code}"):
        row = load_by_code(model, code, version)
        changes = changed_fields({name: getattr(row, name) for name in wanted}, wanted)
        if not changes:
            return view(row)
        saved = save_versioned(model, row, {name: new for name, (_old, new) in changes.items()})
        append_event(
            desk.clock(), actor, kind, field=table,
            old=described(row.code, {name: old for name, (old, _new) in changes.items()}),
            new=described(row.code, {name: new for name, (_old, new) in changes.items()}),
        )
        return view(saved)


def set_active_by_code(
    desk: Desk, actor: StaffView, model: Any, code: str, active: bool, version: int | None,
    kinds: tuple[EventKind, EventKind], view: Callable[[Any], View],
) -> View:
    """Deactivate or reactivate the record; `kinds` are the (deactivated, reactivated) event kinds."""
    table = model._meta.table_name
    with write_transaction(f"{'reactivating' if active else 'deactivating'} {table} {code}"):
        row = load_by_code(model, code, version)
        if row.active == active:
            return view(row)
        saved = save_versioned(model, row, {"active": active})
        append_event(desk.clock(), actor, kinds[1] if active else kinds[0], field=table, new=row.code)
        return view(saved)
