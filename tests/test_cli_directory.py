"""`aftersales staff …` and `aftersales shops …`: a desk made with init gets its people and shops."""

import pytest

from aftersales.domain.enums import EventKind
from aftersales.services.staff import auth
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Event, Shop, Staff

from .cli_helpers import run, run_as
from .factories import DEMO_STAFF


@pytest.fixture
def target(db_target, staff) -> str:
    """The test database with the demo staff and shops, closed as a command finds it."""
    close_database()
    return db_target


def _reopened(target: str) -> None:
    close_database()
    open_database(target)


def test_init_then_staff_and_shops_let_a_new_desk_take_its_first_complaint(capsys, tmp_path, desk):
    path = tmp_path / "new.db"
    assert run(capsys, "init", "--db", path, "--admin-code", "boss", "--admin-name", "周总",
               "--admin-pin", "246810").code == 0
    added = run_as(capsys, "boss", "staff", "add", "op01", "--name", "王芳", "--role", "operator",
                   "--pin", "1111", "--db", path, pin="246810")
    assert added.code == 0, added.err
    assert added.out == "added staff op01 (王芳, Operator)\n"
    shop = run(capsys, "shops", "add", "S001", "--name", "欧派家居", "--category", "家具", "--db", path,
               "--user", "boss")
    assert shop.code == 2 and "AFTERSALES_PIN" in shop.err  # no terminal here, no PIN given
    shop = run_as(capsys, "boss", "shops", "add", "S001", "--name", "欧派家居", "--category", "家具",
                  "--unit", "A-101", "--db", path, pin="246810")
    assert shop.code == 0, shop.err
    open_database(path)
    from .factories import new_complaint

    operator = auth.login(desk, "op01", "1111")
    assert new_complaint(desk, operator).number.startswith("TS-")


def test_staff_list_shows_everyone_with_role_and_state(capsys, target):
    outcome = run(capsys, "staff", "list", "--db", target)
    assert outcome.code == 0, outcome.err
    lines = outcome.out.splitlines()
    assert lines[0].split() == ["code", "name", "role", "state"]
    assert [line.split()[0] for line in lines[1:]] == sorted(code for code, *_ in DEMO_STAFF)
    assert "lead01  张伟        Team lead" in outcome.out


def test_staff_list_speaks_chinese(capsys, target):
    outcome = run(capsys, "--lang", "zh", "staff", "list", "--db", target)
    assert outcome.out.splitlines()[0].split() == ["工号", "姓名", "角色", "状态"]
    assert "客服专员" in outcome.out and "在用" in outcome.out


def test_add_asks_for_the_new_pin_twice_on_a_terminal(capsys, target, monkeypatch):
    pins = iter(["7070", "7070"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(pins))
    outcome = run_as(capsys, "admin", "staff", "add", "op09", "--name", "新人", "--role", "operator", "--db", target)
    assert outcome.code == 0, outcome.err
    _reopened(target)
    assert auth.login(auth.Desk(), "op09", "7070").code == "op09"


def test_the_acting_pin_is_asked_without_echo_on_a_terminal(capsys, target, monkeypatch):
    asked: list[str] = []
    monkeypatch.delenv("AFTERSALES_PIN", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": asked.append(prompt) or "0000")
    outcome = run(capsys, "staff", "deactivate", "op02", "--db", target, "--user", "admin")
    assert outcome.code == 0, outcome.err
    assert asked == ["PIN of admin: "]


def test_a_wrong_pin_is_refused_and_counts_toward_the_desk_lockout(capsys, target):
    for left in (4, 3, 2, 1):
        outcome = run_as(capsys, "admin", "staff", "deactivate", "op02", "--db", target, pin="9999")
        assert (outcome.code, outcome.err) == (1, f"Unknown staff code or wrong PIN ({left} {'try' if left == 1 else 'tries'} left)\n")
    outcome = run_as(capsys, "admin", "staff", "deactivate", "op02", "--db", target, pin="9999")
    assert "locked" in outcome.err
    outcome = run_as(capsys, "admin", "staff", "deactivate", "op02", "--db", target)  # the right PIN, too late
    assert outcome.code == 1 and "locked" in outcome.err
    _reopened(target)
    assert Staff.get(Staff.code == "op02").active
    failed = Event.select().where(Event.kind == EventKind.LOGIN_FAILED.value)
    assert failed.count() == 6 and {event.source for event in failed} == {"cli"}


def test_operators_may_not_touch_staff_and_the_refusal_is_audited(capsys, target):
    outcome = run_as(capsys, "op01", "staff", "reset-pin", "op02", "--pin", "1234", "--db", target)
    assert outcome.code == 1 and outcome.err.startswith("An operator may not manage staff.")
    _reopened(target)
    last = Event.select().order_by(Event.id.desc()).first()
    assert (last.kind, last.source, last.actor.code) == (EventKind.DENIED.value, "cli", "op01")


def test_deactivate_activate_and_reset_pin(capsys, target):
    assert run_as(capsys, "admin", "staff", "deactivate", "op02", "--db", target).out == (
        "deactivated staff op02 (李娜): they can no longer log in\n")
    assert run_as(capsys, "admin", "staff", "activate", "op02", "--db", target).code == 0
    outcome = run_as(capsys, "admin", "staff", "reset-pin", "op02", "--pin", "2580", "--db", target)
    assert outcome.out == "new PIN set for op02 (李娜); any lockout is lifted\n"
    assert run_as(capsys, "admin", "staff", "edit", "op02", "--role", "lead", "--db", target).code == 0
    _reopened(target)
    assert auth.login(auth.Desk(), "op02", "2580").role.value == "lead"
    kinds = [(e.kind, e.source) for e in Event.select().where(Event.field == "staff").order_by(Event.id)]
    assert kinds == [(kind.value, "cli") for kind in (EventKind.STAFF_DEACTIVATED, EventKind.STAFF_REACTIVATED,
                                                      EventKind.PIN_RESET, EventKind.STAFF_EDITED)]


def test_mistakes_are_one_line(capsys, target):
    taken = run_as(capsys, "admin", "staff", "add", "op01", "--name", "x", "--role", "operator", "--pin", "1234",
                   "--db", target)
    assert (taken.code, taken.err) == (1, "code: already taken\n")
    short = run_as(capsys, "admin", "staff", "add", "op09", "--name", "x", "--role", "operator", "--pin", "12",
                   "--db", target)
    assert short.code == 1 and short.err.startswith("pin: ") and short.err.count("\n") == 1
    unknown = run_as(capsys, "admin", "staff", "deactivate", "nobody", "--db", target)
    assert (unknown.code, unknown.err.count("\n")) == (1, 1) and "nobody" in unknown.err
    role = run(capsys, "staff", "add", "x", "--name", "x", "--role", "boss", "--db", target)
    assert role.code == 2 and role.err.count("\n") == 1
    last = run_as(capsys, "admin", "staff", "deactivate", "admin", "--db", target)
    assert last.err == "You cannot deactivate your own account\n"


def test_a_lead_adds_edits_and_deactivates_a_shop(capsys, target):
    outcome = run_as(capsys, "lead01", "shops", "add", "S101", "--name", "顾家家居", "--category", "Furniture",
                     "--unit", "A-201", "--phone", "400 820 1234", "--brand", "顾家", "--db", target)
    assert (outcome.code, outcome.out) == (0, "added shop S101 (顾家家居)\n")
    assert run_as(capsys, "lead01", "shops", "edit", "S101", "--contact", "孙经理", "--db", target).code == 0
    assert run_as(capsys, "lead01", "shops", "deactivate", "S002", "--db", target).code == 0
    listing = run(capsys, "shops", "list", "--db", target).out.splitlines()
    assert listing[0].split() == ["code", "name", "brand", "unit", "category", "contact", "phone", "state"]
    assert [line.split()[0] for line in listing[1:]] == ["S001", "S003", "S101", "S002"]
    assert "孙经理" in listing[3] and "400-820-1234" in listing[3] and listing[4].endswith("inactive")
    active = run(capsys, "shops", "list", "--active", "--db", target).out
    assert "S002" not in active
    _reopened(target)
    shop = Shop.get(Shop.code == "S101")
    assert (shop.unit, shop.contact, shop.category, shop.brand) == ("A-201", "孙经理", "furniture", "顾家")


def test_an_operator_may_not_add_shops(capsys, target):
    outcome = run_as(capsys, "op01", "shops", "add", "S101", "--name", "x", "--category", "other", "--db", target)
    assert outcome.code == 1 and "may not manage shops" in outcome.err
    _reopened(target)
    assert not Shop.select().where(Shop.code == "S101").exists()


def test_a_bad_category_is_named(capsys, target):
    outcome = run_as(capsys, "admin", "shops", "add", "S101", "--name", "x", "--category", "toys", "--db", target)
    assert outcome.code == 1 and outcome.err.startswith("category: unknown value 'toys'")
