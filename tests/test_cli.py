"""The `aftersales` command: sub-commands, defaults, refusals in one line, never a traceback."""

import os
import subprocess
import sys
import types
from datetime import date
from pathlib import Path

import pytest

from aftersales import i18n
from aftersales.domain.clock import fixed_clock
from aftersales.domain.enums import EventKind, Role
from aftersales.services.context import Desk
from aftersales.services.staff import auth
from aftersales.store.db import close_database, open_database
from aftersales.store.errors import DatabaseRefused
from aftersales.store.models import Event, Staff

from .cli_helpers import assert_one_line_naming, digest, empty_desk, run
from .factories import NOW


def _fake_module(monkeypatch, name: str, **functions) -> None:
    """Stand in for a module another part of the desk provides, so only the command line is tested."""
    module = types.ModuleType(name)
    for attr, function in functions.items():
        setattr(module, attr, function)
    monkeypatch.setitem(sys.modules, name, module)


@pytest.fixture
def demo_calls(monkeypatch) -> list[tuple]:
    """Calls to build_demo; each builds a small real desk file so later steps can open it."""
    calls: list[tuple] = []

    def build_demo(path: Path, complaints: int, seed: int, today: date, until: object = None) -> None:
        calls.append((path, complaints, seed, today))
        empty_desk(path)

    _fake_module(monkeypatch, "aftersales.demo.build", build_demo=build_demo)
    return calls


@pytest.fixture
def desk_calls(monkeypatch) -> list[tuple]:
    calls: list[tuple] = []

    def run_desk(db_target: str, language: str, user_code: str | None) -> int:
        calls.append((db_target, language, user_code))
        return 0

    _fake_module(monkeypatch, "aftersales.ui.run", run_desk=run_desk)
    return calls


def test_init_with_flags_creates_a_database_whose_admin_logs_in(capsys, tmp_path):
    path = tmp_path / "new.db"
    outcome = run(capsys, "init", "--db", path, "--admin-code", "boss", "--admin-name", "周总", "--admin-pin", "246810")
    assert outcome.code == 0, outcome.err
    assert "created" in outcome.out and "boss" in outcome.out
    open_database(path)
    try:
        admin = auth.login(Desk(clock=fixed_clock(NOW)), "boss", "246810")
        assert (admin.role, admin.name) == (Role.ADMIN, "周总")
        assert Event.select().where(Event.kind == EventKind.STAFF_CREATED.value).count() == 1
    finally:
        close_database()


def test_init_asks_for_code_name_and_pin_twice(capsys, tmp_path, monkeypatch):
    answers = iter(["boss", "周总"])
    pins = iter(["1357", "1357"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(pins))
    path = tmp_path / "asked.db"
    assert run(capsys, "init", "--db", path).code == 0
    open_database(path)
    try:
        assert auth.login(Desk(clock=fixed_clock(NOW)), "boss", "1357").role is Role.ADMIN
    finally:
        close_database()


def test_init_with_pins_that_differ_creates_nothing(capsys, tmp_path, monkeypatch):
    pins = iter(["1357", "1358"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(pins))
    path = tmp_path / "asked.db"
    outcome = run(capsys, "init", "--db", path, "--admin-code", "boss", "--admin-name", "周总")
    assert outcome.code == 1 and "differ" in outcome.err
    assert not path.exists()


def test_init_with_a_bad_pin_names_the_field_and_creates_nothing(capsys, tmp_path):
    path = tmp_path / "new.db"
    outcome = run(capsys, "init", "--db", path, "--admin-code", "boss", "--admin-name", "周总", "--admin-pin", "12")
    assert outcome.code == 1
    assert outcome.err.startswith("pin: ") and outcome.err.count("\n") == 1
    assert not path.exists()


def test_init_refuses_an_existing_file(capsys, tmp_path):
    path = tmp_path / "desk.db"
    empty_desk(path)
    before = digest(path)
    outcome = run(capsys, "init", "--db", path, "--admin-code", "x", "--admin-name", "x", "--admin-pin", "1234")
    assert_one_line_naming(outcome, path)
    assert digest(path) == before


def test_demo_defaults_to_2000_complaints_seed_7_and_today(capsys, tmp_path, demo_calls):
    path = tmp_path / "demo.db"
    assert run(capsys, "demo", "--db", path).code == 0
    assert demo_calls == [(path, 2000, 7, date.today())]


def test_demo_passes_its_options(capsys, tmp_path, demo_calls):
    path = tmp_path / "demo.db"
    outcome = run(capsys, "demo", "--db", path, "--complaints", "50", "--seed", "3", "--today", "2026-11-27")
    assert outcome.code == 0
    assert demo_calls == [(path, 50, 3, date(2026, 11, 27))]


def test_demo_refuses_an_existing_file_without_building(capsys, tmp_path, demo_calls):
    path = tmp_path / "demo.db"
    path.write_text("mine", encoding="utf-8")
    outcome = run(capsys, "demo", "--db", path)
    assert_one_line_naming(outcome, path)
    assert demo_calls == [] and path.read_text(encoding="utf-8") == "mine"


def test_demo_that_fails_leaves_no_half_built_file(capsys, tmp_path, monkeypatch):
    def build_demo(path: Path, complaints: int, seed: int, today: date, until: object = None) -> None:
        empty_desk(path)
        raise OSError(28, "No space left on device", str(path))

    _fake_module(monkeypatch, "aftersales.demo.build", build_demo=build_demo)
    path = tmp_path / "demo.db"
    outcome = run(capsys, "demo", "--db", path)
    assert outcome.code == 1 and "No space left on device" in outcome.err
    assert list(tmp_path.iterdir()) == []


def test_bad_date_is_a_one_line_usage_error(capsys, tmp_path):
    outcome = run(capsys, "demo", "--db", tmp_path / "d.db", "--today", "27/11/2026")
    assert outcome.code == 2
    assert outcome.err.count("\n") == 1 and "27/11/2026" in outcome.err


def test_unknown_option_is_one_line(capsys):
    outcome = run(capsys, "--colour")
    assert outcome.code == 2
    assert outcome.err == "aftersales: unrecognized arguments: --colour (see aftersales --help)\n"


def test_help_exits_cleanly(capsys):
    outcome = run(capsys, "--help")
    assert outcome.code == 0 and "export" in outcome.out


def test_missing_database_option_is_explained(capsys, monkeypatch):
    monkeypatch.delenv("AFTERSALES_DB", raising=False)
    outcome = run(capsys, "check")
    assert outcome.code == 2 and "--db" in outcome.err and "AFTERSALES_DB" in outcome.err


def test_database_comes_from_the_environment(capsys, tmp_path, monkeypatch):
    path = tmp_path / "env.db"
    empty_desk(path)
    monkeypatch.setenv("AFTERSALES_DB", str(path))
    outcome = run(capsys, "check")
    assert outcome.code == 0 and "audit chain: 0 events intact" in outcome.out


def test_no_sub_command_opens_the_desk(capsys, tmp_path, desk_calls):
    path = tmp_path / "desk.db"
    empty_desk(path)
    assert run(capsys, "--db", path, "--lang", "zh", "--user", "op01").code == 0
    assert desk_calls == [(str(path), "zh_CN", "op01")]


def test_desk_is_not_opened_on_a_file_that_is_no_database(capsys, tmp_path, desk_calls):
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    assert_one_line_naming(run(capsys, "--db", path), path)
    assert desk_calls == []


def test_demo_flag_builds_once_in_the_user_data_folder(capsys, tmp_path, monkeypatch, demo_calls, desk_calls):
    monkeypatch.setattr("platformdirs.user_data_path", lambda app, ensure_exists=False: tmp_path / app)
    (tmp_path / "aftersales").mkdir()
    assert run(capsys, "--demo").code == 0
    assert run(capsys, "--demo").code == 0
    demo = tmp_path / "aftersales" / "demo.db"
    assert demo_calls == [(demo, 2000, 7, date.today())]
    assert desk_calls == [(str(demo), "", None)] * 2


def test_bench_runs_with_the_database_and_json_flag(capsys, tmp_path, monkeypatch):
    calls = []
    _fake_module(monkeypatch, "aftersales.bench", main=lambda db, as_json: calls.append((db, as_json)) or 3)
    assert run(capsys, "bench", "--db", tmp_path / "b.db", "--json").code == 3
    assert calls == [(str(tmp_path / "b.db"), True)]


def test_installed_script_reports_a_bad_file_without_a_traceback(tmp_path):
    script = Path(sys.executable).with_name("aftersales")
    bad = tmp_path / "garbage.db"
    bad.write_bytes(b"\x00\x01not a database at all" * 100)
    done = subprocess.run([str(script), "check", "--db", str(bad)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr == f"{bad}: not a SQLite database\n"
    assert done.stdout == ""


def test_desk_without_lang_leaves_the_language_to_the_desk(capsys, tmp_path, desk_calls, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    path = tmp_path / "desk.db"
    empty_desk(path)
    assert run(capsys, "--db", path).code == 0
    assert run(capsys, "--db", path, "--lang", "en").code == 0
    assert desk_calls == [(str(path), "", None), (str(path), "en", None)]


class _FakeDeskApp:
    """Records the language the desk would start in, instead of taking over the terminal."""

    started: list[tuple[str, str]] = []

    def __init__(self, session, language: str, user_code, **settings) -> None:
        self.language = language
        self.return_code = 0

    def run(self) -> None:
        _FakeDeskApp.started.append((self.language, i18n.current_language()))


@pytest.fixture
def zh_settings(tmp_path, monkeypatch) -> list[tuple[str, str]]:
    """A settings file choosing Chinese, an English locale, and the real start-up up to the app."""
    folder = tmp_path / "config"
    (folder / "aftersales").mkdir(parents=True)
    (folder / "aftersales" / "config.toml").write_text('language = "zh"\n', encoding="utf-8")
    monkeypatch.setattr("platformdirs.user_config_path", lambda app: folder / app)
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setattr("aftersales.ui.app.DeskApp", _FakeDeskApp)
    _FakeDeskApp.started = []
    return _FakeDeskApp.started


def test_settings_file_language_is_used_when_no_lang_is_given(capsys, tmp_path, zh_settings):
    path = tmp_path / "desk.db"
    empty_desk(path)
    assert run(capsys, "--db", path).code == 0
    assert zh_settings == [("zh_CN", "zh_CN")]


def test_lang_option_beats_the_settings_file(capsys, tmp_path, zh_settings):
    path = tmp_path / "desk.db"
    empty_desk(path)
    assert run(capsys, "--db", path, "--lang", "en").code == 0
    assert zh_settings == [("en", "en")]


def test_refusal_spanning_lines_is_printed_as_one_line(capsys, monkeypatch):
    def refuse(target, create=False):
        raise DatabaseRefused("db.example/desk: cannot connect (connection refused\n\tIs the server running?)\n")

    monkeypatch.setattr("aftersales.cli.common.open_database", refuse)
    outcome = run(capsys, "check", "--db", "postgresql://desk:secret@db.example/desk")
    assert outcome.code == 1
    assert outcome.err == "db.example/desk: cannot connect (connection refused Is the server running?)\n"


def test_unreachable_server_is_one_line_without_the_password(capsys):
    pytest.importorskip("psycopg2")
    outcome = run(capsys, "check", "--db", "postgresql://desk:secret@127.0.0.1:1/nowhere")
    assert outcome.code == 1
    assert outcome.err.count("\n") == 1 and outcome.err.startswith("127.0.0.1:1/nowhere: cannot connect")
    assert "secret" not in outcome.err


def test_demo_on_a_server_it_cannot_reach_is_one_line_without_the_password(capsys, demo_calls):
    pytest.importorskip("psycopg2")
    outcome = run(capsys, "demo", "--db", "postgresql://desk:secret@127.0.0.1:1/desk")
    assert outcome.code == 1
    assert outcome.err.count("\n") == 1 and outcome.err.startswith("127.0.0.1:1/desk: cannot connect")
    assert "secret" not in outcome.err
    assert demo_calls == []


def test_usage_mistakes_are_reported_in_the_chosen_language(capsys, tmp_path):
    outcome = run(capsys, "--lang", "zh", "demo", "--db", tmp_path / "d.db", "--complaints", "many")
    assert outcome.code == 2
    assert outcome.err.count("\n") == 1
    assert outcome.err.startswith("aftersales demo：") and "'many' 不是整数（参见 aftersales demo --help）" in outcome.err


PG_URL = os.environ.get("AFTERSALES_TEST_PG", "")
needs_pg = pytest.mark.skipif(not PG_URL, reason="AFTERSALES_TEST_PG is not set")


@pytest.fixture
def empty_pg() -> str:
    """The scratch PostgreSQL database, emptied of every table."""
    from playhouse.db_url import connect

    scratch = connect(PG_URL)
    scratch.execute_sql("DROP SCHEMA public CASCADE")
    scratch.execute_sql("CREATE SCHEMA public")
    scratch.close()
    return PG_URL


@needs_pg
def test_init_on_postgres_creates_the_schema_and_first_admin(capsys, empty_pg):
    outcome = run(capsys, "init", "--db", empty_pg, "--admin-code", "boss", "--admin-name", "周总",
                  "--admin-pin", "246810")
    assert outcome.code == 0, outcome.err
    assert "boss" in outcome.out and empty_pg.split("@")[-1] in outcome.out
    open_database(empty_pg)
    try:
        assert auth.login(Desk(clock=fixed_clock(NOW)), "boss", "246810").role is Role.ADMIN
    finally:
        close_database()


@needs_pg
def test_init_on_postgres_that_already_has_staff_adds_nobody(capsys, empty_pg):
    first = ["init", "--db", empty_pg, "--admin-code", "boss", "--admin-name", "周总", "--admin-pin", "246810"]
    assert run(capsys, *first).code == 0
    outcome = run(capsys, "init", "--db", empty_pg, "--admin-code", "other", "--admin-name", "x", "--admin-pin", "1234")
    assert outcome.code == 1
    assert outcome.err.count("\n") == 1 and "already has staff" in outcome.err
    open_database(empty_pg)
    try:
        assert [row.code for row in Staff.select()] == ["boss"]
    finally:
        close_database()
