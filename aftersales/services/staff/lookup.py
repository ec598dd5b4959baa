"""Finding staff by code: codes match whatever their case (`OP02` is op02), at login and everywhere else."""

from typing import Any

from peewee import fn

from ...store.models import Staff


def code_is(code: str) -> Any:
    """The condition "Staff.code is `code`", ignoring case and surrounding blanks."""
    return fn.LOWER(Staff.code) == code.strip().lower()


def staff_row(code: str, *, active_only: bool = False) -> Any:
    """The staff row of `code` (only an active one with `active_only`), or None."""
    query = Staff.select().where(code_is(code))
    if active_only:
        query = query.where(Staff.active == True)  # noqa: E712
    return query.first()
