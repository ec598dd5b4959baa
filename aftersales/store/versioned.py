"""Directory rows (staff, shops) named by their code and saved only over the version that was read."""

from typing import Any, NoReturn

from ..domain.errors import ConflictError, NotFound


def load_by_code(model: Any, code: str, version: int | None, *, match: Any = None) -> Any:
    """The row of `model` with `code` (or matching the condition `match`); with `version`, a conflict
    when someone saved it since."""
    row = model.get_or_none(match if match is not None else model.code == code.strip())
    if row is None:
        raise NotFound(what=code.strip())
    if version is not None and row.version != version:
        conflict(row.code)
    return row


def save_versioned(model: Any, row: Any, changes: dict[str, object]) -> Any:
    """Write `changes` only if nobody saved `row` since it was read; returns the row as stored now."""
    updated = (
        model.update(**changes, version=model.version + 1)
        .where((model.id == row.id) & (model.version == row.version))
        .execute()
    )
    if updated != 1:
        conflict(row.code)
    return model.get_by_id(row.id)


def conflict(code: str) -> NoReturn:
    raise ConflictError(number=code)
