"""Logging in with a staff code and PIN."""

import math
from datetime import datetime, timedelta
from functools import cache

from ...domain.enums import EventKind
from ...domain.errors import AccountLocked, AuthFailed
from ...domain.pins import hash_pin, pin_shape_ok, verify_pin
from ...domain.schemas import StaffView
from ...store.converters import staff_view
from ...store.db import opened_read_only, write_transaction
from ...store.models import LoginFailure, Staff
from ..audit import append_event, with_address
from ..context import Desk
from ..unit import unit_of_work

# Staff are added and listed by the directory; these names stay importable from here.
from .directory import create_staff, list_staff
from .lookup import staff_row

__all__ = ["LOCKOUT", "MAX_FAILURES", "create_staff", "list_staff", "login"]

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


@cache
def _stand_in_hash() -> str:
    """A hash no PIN is checked against for real: unknown codes cost the same scrypt as known ones."""
    return hash_pin("-", salt=b"aftersales-none!")


@unit_of_work
def login(desk: Desk, code: str, pin: str) -> StaffView:
    """Check the PIN; five wrong ones lock the account for 15 minutes. Every attempt is audited.

    A code that matches nobody is answered exactly as a known code with a wrong PIN (tries left,
    then locked), so the answers never tell which codes exist. A PIN that is not 4–12 digits is
    refused before anything is counted: it is a slip of the keyboard, not a guess.
    """
    if not pin_shape_ok(pin):
        raise AuthFailed("error.pin_shape")
    now = desk.clock()
    code = code.strip()
    if opened_read_only():
        return _login_read_only(now, code, pin)
    with write_transaction(f"logging in {code}"):
        row = staff_row(code)
        if row is None or not row.active:
            verify_pin(pin, _stand_in_hash())
            failure = _unknown_code_failed(now, code)
        elif row.locked_until is not None and row.locked_until > now:
            append_event(now, staff_view(row), EventKind.LOGIN_FAILED, note=with_address("locked"))
            failure = _locked(row.locked_until, now)
        elif not verify_pin(pin, row.pin_hash):
            failures, locked = _counted(row.failed_logins, now)
            Staff.update(failed_logins=failures, locked_until=locked).where(Staff.id == row.id).execute()
            append_event(now, staff_view(row), EventKind.LOGIN_FAILED,
                         note=with_address("locked" if locked else ""))
            failure = _wrong(failures, locked)
        else:
            Staff.update(failed_logins=0, locked_until=None).where(Staff.id == row.id).execute()
            view = staff_view(row)
            append_event(now, view, EventKind.LOGIN, note=with_address(""))
            return view
    raise failure


def _login_read_only(now: datetime, code: str, pin: str) -> StaffView:
    """Login on a read-only file: the same checks and answers as on a writable one, nothing counted or audited."""
    row = staff_row(code)
    if row is None or not row.active:
        verify_pin(pin, _stand_in_hash())
        stored = LoginFailure.get_or_none(LoginFailure.code == code.lower()[:20])
        locked_until = stored.locked_until if stored is not None else None
    else:
        locked_until = row.locked_until
    if locked_until is not None and locked_until > now:
        raise _locked(locked_until, now)
    if row is None or not row.active or not verify_pin(pin, row.pin_hash):
        raise AuthFailed()
    return staff_view(row)


def _unknown_code_failed(now: datetime, code: str) -> Exception:
    """Count a wrong try on a code nobody has, as a known account's would be counted."""
    append_event(now, None, EventKind.LOGIN_FAILED, field="code", new=code[:20], note=with_address(""))
    key = code.lower()[:20]
    row = LoginFailure.get_or_none(LoginFailure.code == key)
    if row is not None and row.locked_until is not None and row.locked_until > now:
        return _locked(row.locked_until, now)
    failures, locked = _counted(row.failures if row is not None else 0, now)
    LoginFailure.insert(code=key, failures=failures, locked_until=locked).on_conflict(
        conflict_target=[LoginFailure.code],
        update={LoginFailure.failures: failures, LoginFailure.locked_until: locked},
    ).execute()
    return _wrong(failures, locked)


def _counted(earlier: int, now: datetime) -> tuple[int, datetime | None]:
    """Failures after one more wrong PIN (back to 0 when it locks), and the end of the lock if it does."""
    failures = earlier + 1
    if failures >= MAX_FAILURES:
        return 0, now + LOCKOUT
    return failures, None


def _wrong(failures: int, locked: datetime | None) -> Exception:
    if locked is not None:
        return AccountLocked(minutes=15)
    return AuthFailed("error.auth_failed_left", left=MAX_FAILURES - failures)


def _locked(until: datetime, now: datetime) -> Exception:
    minutes = math.ceil((until - now).total_seconds() / 60)
    return AccountLocked(minutes=minutes)
