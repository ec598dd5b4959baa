"""Logging in: PINs hashed with scrypt, five wrong ones lock the account for 15 minutes."""

from datetime import timedelta

import pytest

from aftersales import i18n
from aftersales.domain.clock import fixed_clock
from aftersales.domain.errors import AccountLocked, AuthFailed, InvalidInput
from aftersales.domain.pins import hash_pin, verify_pin
from aftersales.services.context import Desk
from aftersales.services.staff import auth
from aftersales.store.models import Event, Staff

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
        with pytest.raises(AuthFailed) as wrong:
            auth.login(desk, "op01", "9999")
        assert f"{left} {'try' if left == 1 else 'tries'} left" in i18n.error_text(wrong.value)
    with pytest.raises(AccountLocked) as locked:
        auth.login(desk, "op01", "9999")
    assert locked.value.params == {"minutes": 15}
    with pytest.raises(AccountLocked):
        auth.login(desk, "op01", "1111")  # even the right PIN waits
    later = Desk(clock=fixed_clock(NOW + timedelta(minutes=15, seconds=1)))
    assert auth.login(later, "op01", "1111").code == "op01"
    assert Staff.get(Staff.code == "op01").failed_logins == 0


def test_unknown_code_gets_the_same_answer_as_a_wrong_pin(desk, staff):
    with pytest.raises(AuthFailed) as refused:
        auth.login(desk, "nobody", "1111")
    assert i18n.error_text(refused.value).startswith("Unknown staff code or wrong PIN")


def test_staff_codes_log_in_whatever_their_case(desk, staff):
    assert auth.login(desk, "OP02", "1112").code == "op02"
    assert auth.login(desk, " Lead01 ", "2222").code == "lead01"


def test_an_unknown_code_is_answered_like_a_known_one_down_to_the_lock(desk, staff):
    for left in (4, 3, 2, 1):
        with pytest.raises(AuthFailed) as known:
            auth.login(desk, "op01", "9999")
        with pytest.raises(AuthFailed) as unknown:
            auth.login(desk, "op99", "9999")
        assert i18n.error_text(known.value) == i18n.error_text(unknown.value) == (
            f"Unknown staff code or wrong PIN ({left} {'try' if left == 1 else 'tries'} left)")
        assert known.value.params == unknown.value.params == {"left": left}
    for code in ("op01", "OP99"):
        with pytest.raises(AccountLocked) as locked:
            auth.login(desk, code, "9999")
        assert locked.value.params == {"minutes": 15}
    for code in ("op01", "op99"):
        with pytest.raises(AccountLocked) as still:
            auth.login(desk, code, "1111")
        assert "15 more minute" in i18n.error_text(still.value)


def test_a_pin_that_is_not_digits_is_refused_without_counting_a_try(desk, staff):
    events = Event.select().count()
    for pin in ("abcd", "11a1", "", "12", "１１１１"):
        with pytest.raises(AuthFailed) as refused:
            auth.login(desk, "op01", pin)
        assert refused.value.key == "error.pin_shape"
    assert Staff.get(Staff.code == "op01").failed_logins == 0
    assert Event.select().count() == events
    with pytest.raises(AuthFailed) as wrong:
        auth.login(desk, "op01", "9999")
    assert "4 tries left" in i18n.error_text(wrong.value)


def test_a_code_differing_only_in_case_cannot_be_created(desk, staff):
    with pytest.raises(InvalidInput):
        auth.create_staff(desk, staff["admin"], {"code": "OP01", "name": "重名", "role": "operator", "pin": "5555"})
