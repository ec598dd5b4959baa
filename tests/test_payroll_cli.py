"""`aftersales payroll YYYY-MM`: the month on the terminal or in a file, finalising, one-line refusals."""

import csv
from pathlib import Path

import pytest

from aftersales.store.db import close_database, open_database
from aftersales.store.models import PayrollMonth, PenaltyEntry

from .cli_helpers import Outcome, run, run_as
from .factories import seed_shops, seed_staff
from .test_payroll import october


@pytest.fixture
def desk_file(tmp_path: Path) -> Path:
    """A closed desk database holding the October of test_payroll."""
    path = tmp_path / "desk.db"
    open_database(path, create=True)
    people = seed_staff()
    seed_shops()
    october(people)
    close_database()
    return path


def one_line(outcome: Outcome, *words: str) -> None:
    assert outcome.code != 0 and outcome.out == ""
    assert outcome.err.count("\n") == 1 and "Traceback" not in outcome.err
    assert all(word in outcome.err for word in words), outcome.err


def test_the_month_is_printed_per_person_with_totals(capsys: pytest.CaptureFixture[str], desk_file: Path) -> None:
    done = run(capsys, "payroll", "2026-10", "--db", desk_file)
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert lines[0] == "Payroll 2026-10 (open)"
    assert lines[1].split() == ["op01", "王芳", "2", "entries", "¥430.00"]
    assert lines[-1] == "Total ¥880.00 (7 entries)"


def test_final_writes_the_file_marks_the_month_deducted_and_locks_it(
    capsys: pytest.CaptureFixture[str], desk_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "2026-10.csv"
    done = run_as(capsys, "lead01", "payroll", "2026-10", "--db", desk_file, "--out", out, "--final")
    assert done.code == 0, done.err
    assert done.out.splitlines() == [
        f"wrote 7 entries of 2026-10 to {out}",
        "payroll month 2026-10 finalised: ¥880.00 deducted; later changes go to the next month",
    ]
    deducted = [row[10] for row in csv.reader(out.read_text(encoding="utf-8-sig").splitlines()[1:]) if row[5]]
    assert deducted == ["yes"] * 7
    again = run_as(capsys, "mgr01", "payroll", "2026-10", "--db", desk_file, "--final")
    one_line(again, "2026-10", "already final")
    open_database(desk_file)
    assert PayrollMonth.get().finalised_by.code == "lead01"
    close_database()


@pytest.mark.parametrize(
    ("month", "words"),
    [("2026-13", ("2026-13", "not a month")), ("Oct", ("Oct", "YYYY-MM")), ("2027-01", ("2027-01", "future"))],
)
def test_a_malformed_or_future_month_is_one_line(
    capsys: pytest.CaptureFixture[str], desk_file: Path, month: str, words: tuple[str, ...]
) -> None:
    one_line(run(capsys, "payroll", month, "--db", desk_file), *words)
    one_line(run_as(capsys, "lead01", "payroll", month, "--db", desk_file, "--final"), *words)


def test_final_needs_a_lead_or_manager(capsys: pytest.CaptureFixture[str], desk_file: Path) -> None:
    missing = run(capsys, "payroll", "2026-10", "--db", desk_file, "--final")
    one_line(missing, "--user")
    assert missing.code == 2
    one_line(run_as(capsys, "op01", "payroll", "2026-10", "--db", desk_file, "--final"),
             "An operator may not finalise payroll months.")
    one_line(run_as(capsys, "nobody", "payroll", "2026-10", "--db", desk_file, "--final", pin="1234"), "wrong PIN")
    open_database(desk_file)
    assert PayrollMonth.select().count() == 0
    assert PenaltyEntry.select().where(PenaltyEntry.deducted == True).count() == 0  # noqa: E712
    close_database()


def test_an_existing_file_is_refused_before_the_month_is_finalised(
    capsys: pytest.CaptureFixture[str], desk_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "taken.xlsx"
    out.write_bytes(b"finance's own file")
    one_line(run_as(capsys, "lead01", "payroll", "2026-10", "--db", desk_file, "--out", out, "--final"),
             str(out), "already exists")
    assert out.read_bytes() == b"finance's own file"
    open_database(desk_file)
    assert PayrollMonth.select().count() == 0
    close_database()
    one_line(run(capsys, "payroll", "2026-10", "--db", desk_file, "--out", tmp_path / "x.pdf"), "x.pdf", ".xlsx")


def test_a_chinese_desk_prints_the_month_in_chinese(capsys: pytest.CaptureFixture[str], desk_file: Path) -> None:
    done = run(capsys, "payroll", "2026-10", "--db", desk_file, "--lang", "zh")
    assert done.out.splitlines()[0] == "工资月份 2026-10（未结账）"
    assert "合计 ¥880.00（7 条）" in done.out


def test_a_bad_penalty_policy_stops_the_command_naming_the_key(
    capsys: pytest.CaptureFixture[str], desk_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "config"
    (folder / "aftersales").mkdir(parents=True)
    settings = folder / "aftersales" / "config.toml"
    settings.write_text('theme = "nord"\n[penalties]\nstaff_ladder_fen = [5000, -1]\n', encoding="utf-8")
    monkeypatch.setattr("platformdirs.user_config_path", lambda app: folder / app)
    one_line(run(capsys, "payroll", "2026-10", "--db", desk_file), str(settings), "penalties.staff_ladder_fen.1")
