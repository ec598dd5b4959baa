"""Logging in: PINs hashed with scrypt, five wrong ones lock the account for 15 minutes."""

from datetime import timedelta

import pytest

from aftersales.domain.clock import fixed_clock
from aftersales.domain.errors import AccountLocked, AuthFailed
from aftersales.domain.pins import hash_pin, verify_pin
from aftersales.services.context import Desk
from aftersales.services.staff import auth
from aftersales.store.models import Staff

from .factories import NOW


def test_pin_is_salted_and_verified():
    first, second = hash_pin("1111"), hash_pin("1111")
    assert first != second
    assert verify_pin("1111", first) and not verify_pin("1112", first)
    assert "1111" not in first


def test_right_pin_logs_in(desk, staff):
    assert auth.login(desk, "lead01", "2222").code == "lead01"


def test_five_wrong_pins_lock_the_account_for_fifteen_minutes(desk, staff):
    for left in (4, 3, 2, 1):
        with pytest.raises(AuthFailed, match=f"{left} tries left"):
            auth.login(desk, "op01", "9999")
    with pytest.raises(AccountLocked, match="15 minutes"):
        auth.login(desk, "op01", "9999")
    with pytest.raises(AccountLocked):
        auth.login(desk, "op01", "1111")  # even the right PIN waits
    later = Desk(clock=fixed_clock(NOW + timedelta(minutes=15, seconds=1)))
    assert auth.login(later, "op01", "1111").code == "op01"
    assert Staff.get(Staff.code == "op01").failed_logins == 0


def test_unknown_code_gets_the_same_answer_as_a_wrong_pin(desk, staff):
    with pytest.raises(AuthFailed, match="unknown staff code or wrong PIN"):
        auth.login(desk, "nobody", "1111")
