"""The staff directory: an admin adds, edits, deactivates and reactivates staff and resets PINs."""

import json

import pytest

from aftersales import i18n
from aftersales.domain.directory import DirectoryRefused
from aftersales.domain.enums import EventKind, Role
from aftersales.domain.errors import AccountLocked, AuthFailed, ConflictError, InvalidInput, PermissionDenied
from aftersales.services.staff import auth
from aftersales.services.staff.directory import (
    add_staff,
    edit_staff,
    list_staff,
    reset_pin,
    set_staff_active,
    staff_directory,
)
from aftersales.store.models import Event, Staff

NEW = {"code": "op09", "name": "新人", "role": "operator", "pin": "9090"}


def _last_event() -> Event:
    return Event.select().order_by(Event.id.desc()).first()


def test_admin_adds_staff_who_can_then_log_in(desk, staff):
    entry = add_staff(desk, staff["admin"], NEW)
    assert (entry.code, entry.name, entry.role, entry.active, entry.version) == ("op09", "新人", Role.OPERATOR, True, 1)
    assert auth.login(desk, "op09", "9090").code == "op09"
    created = Event.get(Event.kind == EventKind.STAFF_CREATED.value)
    assert (created.actor_id, created.new) == (staff["admin"].id, "op09:operator")


def test_a_taken_code_is_refused_under_the_code_field(desk, staff):
    with pytest.raises(InvalidInput) as refused:
        add_staff(desk, staff["admin"], {**NEW, "code": "op01"})
    assert set(refused.value.fields) == {"code"}
    assert Staff.select().count() == len(staff)


def test_a_short_pin_and_a_bad_code_are_field_errors(desk, staff):
    with pytest.raises(InvalidInput) as refused:
        add_staff(desk, staff["admin"], {**NEW, "code": "新 人", "pin": "12"})
    assert set(refused.value.fields) == {"code", "pin"}


@pytest.mark.parametrize("code", ["op01", "lead01", "mgr01", "dc01"])
def test_only_the_admin_manages_staff(desk, staff, code):
    with pytest.raises(PermissionDenied):
        add_staff(desk, staff[code], NEW)
    with pytest.raises(PermissionDenied):
        reset_pin(desk, staff[code], "op02", {"pin": "4321"})
    assert _last_event().kind == EventKind.DENIED.value


def test_edit_changes_name_and_role_and_records_old_and_new(desk, staff):
    before = Staff.get(Staff.code == "op02")
    entry = edit_staff(desk, staff["admin"], "op02", {"name": "李娜娜", "role": "lead"}, before.version)
    assert (entry.name, entry.role, entry.version) == ("李娜娜", Role.LEAD, before.version + 1)
    event = _last_event()
    assert event.kind == EventKind.STAFF_EDITED.value
    assert json.loads(event.old) == {"code": "op02", "name": "李娜", "role": "operator"}
    assert json.loads(event.new) == {"code": "op02", "name": "李娜娜", "role": "lead"}


def test_edit_over_a_newer_version_is_a_conflict(desk, staff):
    version = Staff.get(Staff.code == "op02").version
    edit_staff(desk, staff["admin"], "op02", {"name": "李娜娜", "role": "operator"}, version)
    with pytest.raises(ConflictError):
        edit_staff(desk, staff["admin"], "op02", {"name": "别的名字", "role": "operator"}, version)
    assert Staff.get(Staff.code == "op02").name == "李娜娜"


def test_saving_without_a_change_writes_nothing(desk, staff):
    before = Event.select().count()
    entry = edit_staff(desk, staff["admin"], "op02", {"name": "李娜", "role": "operator"}, None)
    assert entry.version == 1 and Event.select().count() == before


def test_deactivated_staff_cannot_log_in_and_leave_the_pickers(desk, staff):
    entry = set_staff_active(desk, staff["admin"], "op02", False, None)
    assert not entry.active
    assert _last_event().kind == EventKind.STAFF_DEACTIVATED.value
    with pytest.raises(AuthFailed):
        auth.login(desk, "op02", "1112")
    assert "op02" not in [view.code for view in list_staff()]
    assert [e.code for e in staff_directory()][-1] == "op02"  # inactive ones last
    assert set_staff_active(desk, staff["admin"], "op02", True, None).active
    assert auth.login(desk, "op02", "1112").code == "op02"


def test_the_last_active_admin_cannot_be_deactivated_or_demoted(desk, staff):
    add_staff(desk, staff["admin"], {**NEW, "code": "admin2", "role": "admin"})
    with pytest.raises(DirectoryRefused) as refused:
        set_staff_active(desk, staff["admin"], "admin", False, None)
    assert "deactivate your own account" in i18n.error_text(refused.value)
    set_staff_active(desk, staff["admin"], "admin2", False, None)
    second = auth.login(desk, "admin", "0000")
    with pytest.raises(DirectoryRefused) as refused:
        edit_staff(desk, second, "admin", {"name": "x", "role": "operator"}, None)
    assert "own role" in i18n.error_text(refused.value)
    set_staff_active(desk, staff["admin"], "admin2", True, None)
    other = auth.login(desk, "admin2", "9090")
    set_staff_active(desk, other, "admin", False, None)  # two admins: one may go
    with pytest.raises(DirectoryRefused) as refused:
        edit_staff(desk, staff["admin"], "admin2", {"name": "x", "role": "operator"}, None)
    assert "admin2 is the last active admin" in i18n.error_text(refused.value)


def test_reset_pin_replaces_the_pin_and_lifts_a_lockout(desk, staff):
    for _ in range(5):
        with pytest.raises((AuthFailed, AccountLocked)):
            auth.login(desk, "op01", "0000")
    with pytest.raises(AccountLocked):
        auth.login(desk, "op01", "1111")
    entry = reset_pin(desk, staff["admin"], "op01", {"pin": "5678"})
    assert entry.locked_until is None
    assert auth.login(desk, "op01", "5678").code == "op01"
    reset = Event.get(Event.kind == EventKind.PIN_RESET.value)
    assert (reset.new, reset.actor_id) == ("op01", staff["admin"].id)
    assert "5678" not in reset.old + reset.new + reset.note


def test_unknown_code_is_not_found(desk, staff):
    from aftersales.domain.errors import NotFound

    with pytest.raises(NotFound):
        set_staff_active(desk, staff["admin"], "nobody", False, None)
