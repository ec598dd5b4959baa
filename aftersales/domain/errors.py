"""Errors the desk shows to a user: each carries a message key and the values that fill it.

Nothing here is worded: the edges (the screens and the command line) turn a key and its values
into a line in the desk's language.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, overload


class DeskError(Exception):
    """A refusal a user can read: `key` names an i18n message, `params` fill it."""

    key = "error.generic"

    def __init__(self, key: str | None = None, /, **params: Any) -> None:
        super().__init__(key or self.key)
        if key is not None:
            self.key = key
        self.params = params

    def __str__(self) -> str:
        # For logs and tracebacks only; a user reads the edge's wording of the key.
        shown = ", ".join(f"{name}={value!r}" for name, value in self.params.items())
        return f"{self.key} ({shown})" if shown else self.key


class Phrase:
    """Words the edge fills in: a message key and its values (a value may be a phrase, or a list of them)."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and type(other) is type(self) and (self.key, self.params) == (
            other.key, other.params)

    __hash__ = None  # type: ignore[assignment]  # its params are a dict

    def __repr__(self) -> str:
        shown = "".join(f", {name}={value!r}" for name, value in self.params.items())
        return f"{type(self).__name__}({self.key!r}{shown})"


class FieldError(Phrase):
    """Why one field was refused: a message key and the values that fill it."""

    __slots__ = ()


# A field's refusal: its key and values, or text an edge's own form check has already worded.
FieldMessage = FieldError | str


@dataclass(frozen=True)
class CellProblem:
    """Why one cell (or row) of a file was refused: its row, its column as the file names it, and why.

    `lower_first`: the reason reads after `column:`, so its first letter is small unless it starts an acronym.
    """

    line: int
    column: str
    error: FieldError
    lower_first: bool = False


class TransitionRefused(DeskError):
    key = "error.transition.illegal"


class PermissionDenied(DeskError):
    key = "error.permission"


class ConflictError(DeskError):
    key = "error.conflict"


class NotFound(DeskError):
    key = "error.not_found"


class AuthFailed(DeskError):
    key = "error.auth_failed"


class AccountLocked(DeskError):
    key = "error.account_locked"


class InvalidInput(DeskError):
    """Field errors gathered from a schema or a rule: `fields` maps a field name to why it was refused.

    Services and the domain give a `FieldError` per field; a screen checking its own form before any
    service is called may lead with a note for the log and give text it has already worded.
    """

    key = "error.invalid"

    @overload
    def __init__(self, fields: Mapping[str, FieldMessage], /, **params: Any) -> None: ...

    @overload
    def __init__(self, note: str, fields: Mapping[str, FieldMessage], /, **params: Any) -> None: ...

    def __init__(self, first: Any, second: Any = None, /, **params: Any) -> None:
        super().__init__(**params)
        fields: Mapping[str, FieldMessage] = first if second is None else second
        self.fields: dict[str, FieldMessage] = dict(fields)
        self.args = (self.fields,)

    def __str__(self) -> str:
        return f"{self.key} {self.fields!r}"


class StorageError(DeskError):
    """A write failed for a reason outside the desk (disk full, read-only file, locked)."""

    key = "error.storage"
