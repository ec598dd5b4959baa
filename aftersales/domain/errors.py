"""Errors the desk shows to a user; each carries a message key and its arguments."""

from typing import Any


class DeskError(Exception):
    """A refusal a user can read: `key` names an i18n message, `args` fill it."""

    key = "error.generic"

    def __init__(self, message: str, key: str | None = None, **params: Any) -> None:
        super().__init__(message)
        if key is not None:
            self.key = key
        self.params = params


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
    """Field errors gathered from a schema: `fields` maps field name to message."""

    key = "error.invalid"

    def __init__(self, message: str, fields: dict[str, str]) -> None:
        super().__init__(message)
        self.fields = fields


class StorageError(DeskError):
    """A write failed for a reason outside the desk (disk full, read-only file, locked)."""

    key = "error.storage"
