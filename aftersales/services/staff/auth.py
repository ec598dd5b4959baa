"""Logging in with a staff code and PIN."""

import math
from datetime import datetime, timedelta

from ...domain.enums import EventKind
from ...domain.errors import AccountLocked, AuthFailed
from ...domain.pins import verify_pin
from ...domain.schemas import StaffView
from ...store.converters import staff_view
from ...store.db import opened_read_only, write_transaction
from ...store.models import Staff
from ..audit import append_event
from ..context import Desk

# Staff are added and listed by the directory; these names stay importable from here.
from .directory import create_staff, list_staff

__all__ = ["LOCKOUT", "MAX_FAILURES", "create_staff", "list_staff", "login"]

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


def login(desk: Desk, code: str, pin: str) -> StaffView:
    """Check the PIN; five wrong ones lock the account for 15 minutes. Every attempt is audited."""
    now = desk.clock()
    if opened_read_only():
        return _login_read_only(now, code, pin)
    with write_transaction(f"logging in {code}"):
        row = Staff.get_or_none(Staff.code == code.strip())
        if row is None or not row.active:
            append_event(now, None, EventKind.LOGIN_FAILED, field="code", new=code.strip()[:20])
            failure: Exception = AuthFailed("unknown staff code or wrong PIN")
        elif row.locked_until is not None and row.locked_until > now:
            append_event(now, staff_view(row), EventKind.LOGIN_FAILED, note="locked")
            minutes = math.ceil((row.locked_until - now).total_seconds() / 60)
            failure = AccountLocked(f"account locked for {minutes} more minute(s)", minutes=minutes)
        elif not verify_pin(pin, row.pin_hash):
            failures = row.failed_logins + 1
            locked = now + LOCKOUT if failures >= MAX_FAILURES else None
            Staff.update(failed_logins=0 if locked else failures, locked_until=locked).where(
                Staff.id == row.id
            ).execute()
            append_event(now, staff_view(row), EventKind.LOGIN_FAILED, note="locked" if locked else "")
            if locked:
                failure = AccountLocked("too many wrong PINs: account locked for 15 minutes", minutes=15)
            else:
                failure = AuthFailed(
                    f"unknown staff code or wrong PIN ({MAX_FAILURES - failures} tries left)",
                    key="error.auth_failed_left",
                    left=MAX_FAILURES - failures,
                )
        else:
            Staff.update(failed_logins=0, locked_until=None).where(Staff.id == row.id).execute()
            view = staff_view(row)
            append_event(now, view, EventKind.LOGIN)
            return view
    raise failure


def _login_read_only(now: datetime, code: str, pin: str) -> StaffView:
    """Login on a read-only file: the same checks, but nothing can be counted or audited there."""
    row = Staff.get_or_none(Staff.code == code.strip())
    if row is None or not row.active or not verify_pin(pin, row.pin_hash):
        raise AuthFailed("unknown staff code or wrong PIN")
    if row.locked_until is not None and row.locked_until > now:
        minutes = math.ceil((row.locked_until - now).total_seconds() / 60)
        raise AccountLocked(f"account locked for {minutes} more minute(s)", minutes=minutes)
    return staff_view(row)
