"""Records saved only over the version that was read: the one place where a row is loaded at the
version a desk was shown, refused when someone saved it since, and stored with the next version."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..domain.errors import ConflictError, DeskError, NotFound

# The refusal for a row someone saved since: given the row and the version that was read.
Conflict = Callable[[Any, int], DeskError]


@dataclass(frozen=True)
class VersionedRecord:
    """One kind of record with a `version` column: how its row is found, and how refusals name it."""

    model: Any
    missing: Callable[[Any], DeskError]
    """The refusal when no row answers to a key (a NotFound naming what was asked for)."""
    conflict: Conflict
    """The refusal when the row was saved by someone else since its version was read."""
    find: Callable[[Any], Any] | None = None
    """The condition naming the row of a key; None: the key is the row's id."""

    def load(self, key: Any, version: int | None = None) -> Any:
        """The stored row of `key`; with `version`, refused as a conflict when someone saved it since.

        The version is compared before any rule of the caller, so a desk whose view is stale hears
        "someone else changed it" rather than a rule that only the newer state breaks.
        """
        row = self.model.get_or_none(self.find(key) if self.find is not None else self.model.id == key)
        if row is None:
            raise self.missing(key)
        if version is not None and row.version != version:
            raise self.conflict(row, version)
        return row

    def save(
        self, row: Any, version: int, changes: Mapping[str, Any], *, still: Any = None,
        conflict: Conflict | None = None,
    ) -> None:
        """Write `changes` and the next version, only if `row` is still at `version` (and still meets
        the condition `still`); otherwise refuse with `conflict` (by default the record's own)."""
        model = self.model
        condition = (model.id == row.id) & (model.version == version)
        if still is not None:
            condition &= still
        updated = model.update(**changes, version=model.version + 1).where(condition).execute()
        if updated != 1:
            raise (conflict or self.conflict)(row, version)


def named_by_code(model: Any, find: Callable[[str], Any] | None = None) -> VersionedRecord:
    """A directory record (a staff member, a shop, a partner) named by its code in every refusal.

    `find` is the condition for a code when codes are not matched as they are typed (staff codes
    ignore case).
    """
    return VersionedRecord(
        model,
        missing=lambda code: NotFound(what=code.strip()),
        conflict=lambda row, _version: ConflictError(number=row.code),
        find=find or (lambda code: model.code == code.strip()),
    )
