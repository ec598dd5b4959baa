"""Logging in with a staff code and PIN, and creating staff."""

import math
from datetime import datetime, timedelta
from functools import cache

from ...domain.enums import EventKind
from ...domain.errors import AccountLocked, AuthFailed, InvalidInput
from ...domain.permissions import Action
from ...domain.pins import hash_pin, pin_shape_ok, verify_pin
from ...domain.schemas import StaffInput, StaffView
from ...store.converters import staff_view
from ...store.db import write_transaction
from ...store.models import LoginFailure, Staff
from ..audit import append_event
from ..context import Desk
from ..guard import require
from ..validation import validate
from .lookup import code_is, staff_row

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


@cache
def _stand_in_hash() -> str:
    """A hash no PIN is checked against for real: unknown codes cost the same scrypt as known ones."""
    return hash_pin("-", salt=b"aftersales-none!")


def login(desk: Desk, code: str, pin: str) -> StaffView:
    """Check the PIN; five wrong ones lock the account for 15 minutes. Every attempt is audited.

    A code that matches nobody is answered exactly as a known code with a wrong PIN (tries left,
    then locked), so the answers never tell which codes exist. A PIN that is not 4–12 digits is
    refused before anything is counted: it is a slip of the keyboard, not a guess.
    """
    if not pin_shape_ok(pin):
        raise AuthFailed("a PIN is 4 to 12 digits", key="error.pin_shape")
    now = desk.clock()
    code = code.strip()
    with write_transaction(f"logging in {code}"):
        row = staff_row(code)
        if row is None or not row.active:
            verify_pin(pin, _stand_in_hash())
            failure = _unknown_code_failed(now, code)
        elif row.locked_until is not None and row.locked_until > now:
            append_event(now, staff_view(row), EventKind.LOGIN_FAILED, note="locked")
            failure = _locked(row.locked_until, now)
        elif not verify_pin(pin, row.pin_hash):
            failures, locked = _counted(row.failed_logins, now)
            Staff.update(failed_logins=failures, locked_until=locked).where(Staff.id == row.id).execute()
            append_event(now, staff_view(row), EventKind.LOGIN_FAILED, note="locked" if locked else "")
            failure = _wrong(failures, locked)
        else:
            Staff.update(failed_logins=0, locked_until=None).where(Staff.id == row.id).execute()
            view = staff_view(row)
            append_event(now, view, EventKind.LOGIN)
            return view
    raise failure


def _unknown_code_failed(now: datetime, code: str) -> Exception:
    """Count a wrong try on a code nobody has, as a known account's would be counted."""
    append_event(now, None, EventKind.LOGIN_FAILED, field="code", new=code[:20])
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
        return AccountLocked("too many wrong PINs: account locked for 15 minutes", minutes=15)
    return AuthFailed(
        f"unknown staff code or wrong PIN ({MAX_FAILURES - failures} tries left)",
        key="error.auth_failed_left",
        left=MAX_FAILURES - failures,
    )


def _locked(until: datetime, now: datetime) -> Exception:
    minutes = math.ceil((until - now).total_seconds() / 60)
    return AccountLocked(f"account locked for {minutes} more minute(s)", minutes=minutes)


def create_staff(desk: Desk, actor: StaffView | None, data: StaffInput | dict[str, object]) -> StaffView:
    """Add a staff member; `actor` None only when the first admin is created."""
    if actor is not None:
        require(desk, actor, Action.MANAGE_STAFF)
    valid = validate(StaffInput, data)
    now = desk.clock()
    with write_transaction(f"saving staff {valid.code}"):
        # Codes log in whatever their case, so `OP01` beside `op01` would be the same login.
        if Staff.select().where(code_is(valid.code)).exists():
            raise InvalidInput(f"staff code {valid.code} is taken", {"code": "already taken"})
        row = Staff.create(
            code=valid.code, name=valid.name, role=valid.role.value, pin_hash=hash_pin(valid.pin), created_at=now
        )
        view = staff_view(row)
        append_event(now, actor, EventKind.STAFF_CREATED, field="staff", new=f"{view.code}:{view.role.value}")
    return view


def list_staff(active_only: bool = True) -> list[StaffView]:
    query = Staff.select().order_by(Staff.code)
    if active_only:
        query = query.where(Staff.active == True)  # noqa: E712
    return [staff_view(row) for row in query]
