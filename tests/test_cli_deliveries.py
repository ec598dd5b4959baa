"""`aftersales export runsheet`, `delivery …` and `callback …`: field errors in one line, nothing stored on a
refusal, the PIN asked for, and events that say they came from the command line."""

import csv
from pathlib import Path

import pytest

from aftersales.store.db import close_database, open_database
from aftersales.store.models import Callback, CallbackAttempt, Complaint, DeliveryOrder, Event

from .cli_helpers import run
from .delivery_helpers import TOMORROW, investigating

PINS = {"op01": "1111", "dc01": "4444", "lead01": "2222"}


@pytest.fixture
def desk_file(db_path: Path, desk, staff) -> Path:
    """A desk file with one complaint under investigation (TS-20261127-0001), closed for the commands."""
    investigating(desk, staff["op01"], address="上海市徐汇区漕溪北路18号")
    close_database()
    return db_path


def as_user(monkeypatch: pytest.MonkeyPatch, code: str) -> list[str]:
    monkeypatch.setenv("AFTERSALES_PIN", PINS[code])
    return ["--user", code]


def stored(path: Path, model) -> int:
    open_database(path)
    try:
        return model.select().count()
    finally:
        close_database()


def test_create_prefills_the_customer_and_the_event_says_command_line(capsys, monkeypatch, desk_file):
    outcome = run(capsys, "delivery", "create", "TS-20261127-0001", "--db", desk_file, *as_user(monkeypatch, "op01"),
                  "--kind", "redeliver", "--date", TOMORROW.isoformat(), "--slot", "afternoon", "--items", "沙发 1 件")
    assert outcome.code == 0, outcome.err
    assert outcome.out.strip() == f"DO-000001: Requested · — · {TOMORROW} Afternoon"
    open_database(desk_file)
    try:
        order = DeliveryOrder.get()
        assert (order.address, order.contact_name, order.contact_phone) == ("上海市徐汇区漕溪北路18号", "赵敏",
                                                                            "13812345678")
        event = Event.get(Event.kind == "delivery_created")
        assert event.source == "cli"
        assert Complaint.get().status == "awaiting_delivery"
    finally:
        close_database()


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--address", "", "--address: required"),
        ("--date", "2026-11-20", "--date: the promised date is in the past"),
        ("--slot", "night", "--slot: choose one of the listed values"),
        ("--date", "tomorrow", "--date: a date such as 2026-11-28"),
        ("--collect", "12.3.4", "--collect: Enter an amount in yuan"),
    ],
)
def test_bad_order_input_is_one_line_per_field_and_nothing_is_stored(capsys, monkeypatch, desk_file, option, value,
                                                                     expected):
    args = {"--kind": "redeliver", "--date": TOMORROW.isoformat(), "--slot": "morning", "--items": "沙发"}
    args[option] = value
    flat = [part for pair in args.items() for part in pair]
    outcome = run(capsys, "delivery", "create", "TS-20261127-0001", "--db", desk_file, *as_user(monkeypatch, "op01"),
                  *flat)
    assert outcome.code == 1
    assert outcome.err.strip().splitlines() == [outcome.err.strip()]
    assert outcome.err.startswith(expected), outcome.err
    assert "Traceback" not in outcome.err
    assert stored(desk_file, DeliveryOrder) == 0


def _order(capsys, monkeypatch, path: Path) -> None:
    outcome = run(capsys, "delivery", "create", "TS-20261127-0001", "--db", path, *as_user(monkeypatch, "op01"),
                  "--kind", "install", "--date", TOMORROW.isoformat(), "--slot", "morning", "--items", "吊灯")
    assert outcome.code == 0, outcome.err


def test_crew_of_control_characters_is_refused_at_its_option(capsys, monkeypatch, desk_file):
    _order(capsys, monkeypatch, desk_file)
    outcome = run(capsys, "delivery", "accept", "DO-000001", "--db", desk_file, *as_user(monkeypatch, "dc01"),
                  "--crew", "\x1b[2J\x07")
    assert (outcome.code, outcome.err.strip()) == (1, "--crew: control characters are not allowed")
    open_database(desk_file)
    try:
        assert DeliveryOrder.get().status == "requested"
    finally:
        close_database()


def test_dispatcher_runs_the_order_through_and_an_operator_may_not(capsys, monkeypatch, desk_file):
    _order(capsys, monkeypatch, desk_file)
    refused = run(capsys, "delivery", "accept", "DO-000001", "--db", desk_file, *as_user(monkeypatch, "op01"),
                  "--crew", "张师傅")
    assert refused.code == 1 and refused.err.strip() == "An operator may not update delivery orders."
    dc = as_user(monkeypatch, "dc01")
    for argv in (["accept", "DO-000001", "--crew", "张师傅"], ["out", "DO-000001"], ["complete", "DO-000001"]):
        outcome = run(capsys, "delivery", *argv, "--db", desk_file, *dc)
        assert outcome.code == 0, outcome.err
    assert "Completed · 张师傅" in outcome.out
    illegal = run(capsys, "delivery", "out", "DO-000001", "--db", desk_file, *dc)
    assert (illegal.code, illegal.err.strip()) == (1, "DO-000001 is Completed: it cannot be sent out now")
    assert stored(desk_file, Callback) == 1


def test_wrong_pin_is_refused(capsys, monkeypatch, desk_file):
    monkeypatch.setenv("AFTERSALES_PIN", "9999")
    outcome = run(capsys, "delivery", "create", "TS-20261127-0001", "--db", desk_file, "--user", "op01",
                  "--kind", "install", "--date", TOMORROW.isoformat(), "--slot", "morning", "--items", "吊灯")
    assert outcome.code == 1 and "wrong PIN" in outcome.err
    assert stored(desk_file, DeliveryOrder) == 0


def test_runsheet_command_writes_the_days_sheet(capsys, monkeypatch, desk_file, tmp_path):
    _order(capsys, monkeypatch, desk_file)
    run(capsys, "delivery", "accept", "DO-000001", "--db", desk_file, *as_user(monkeypatch, "dc01"), "--crew", "王师傅")
    out = tmp_path / "runsheet.csv"
    outcome = run(capsys, "export", "runsheet", "--date", TOMORROW.isoformat(), "--db", desk_file, "--out", out)
    assert outcome.code == 0, outcome.err
    assert outcome.out.strip() == f"run sheet of {TOMORROW}: 1 order written to {out}"
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[1][:4] == ["王师傅", "Morning", "DO-000001", "Install"]
    assert rows[1][5:10] == ["上海市徐汇区漕溪北路18号", "赵敏", "13812345678", "吊灯", "TS-20261127-0001"]
    again = run(capsys, "export", "runsheet", "--date", TOMORROW.isoformat(), "--db", desk_file, "--out", out)
    assert again.code == 1 and "already exists" in again.err
    bad = run(capsys, "export", "runsheet", "--date", "27.11.2026", "--db", desk_file, "--out", tmp_path / "x.csv")
    assert bad.code == 2 and "is not a date" in bad.err


def _resolved_file(capsys, monkeypatch, path: Path) -> None:
    from aftersales.services.complaints import actions
    from aftersales.services.complaints.read import find_complaint
    from aftersales.services.context import Desk

    open_database(path)
    try:
        from aftersales.services.staff.auth import list_staff

        op = next(s for s in list_staff() if s.code == "op01")
        complaint = find_complaint("TS-20261127-0001")
        actions.resolve(Desk(), op, complaint.id, {"decision": "同意维修", "remedy": "repair"}, complaint.version)
    finally:
        close_database()


@pytest.mark.parametrize(("score", "message"), [("0", "at least 1"), ("6", "at most 5"), ("x", "a whole number")])
def test_satisfaction_of_zero_or_six_is_refused_on_the_command_line(capsys, monkeypatch, desk_file, score, message):
    _resolved_file(capsys, monkeypatch, desk_file)
    outcome = run(capsys, "callback", "record", "TS-20261127-0001", "--db", desk_file, *as_user(monkeypatch, "op01"),
                  "--outcome", "satisfied", "--satisfaction", score)
    assert (outcome.code, outcome.err.strip()) == (1, f"--satisfaction: {message}")
    assert stored(desk_file, CallbackAttempt) == 0


def test_callback_due_record_and_close(capsys, monkeypatch, desk_file):
    _resolved_file(capsys, monkeypatch, desk_file)
    op = as_user(monkeypatch, "op01")
    closing = run(capsys, "callback", "close", "TS-20261127-0001", "--db", desk_file, *op)
    assert closing.code == 1 and "still pending" in closing.err
    # Resolved today at 10:00, so its call-back is due in 24 business hours: not on today's list yet.
    due = run(capsys, "callback", "due", "--all", "--db", desk_file, *op)
    assert (due.code, due.out) == (0, "0 call-back(s) due\n")
    done = run(capsys, "callback", "record", "TS-20261127-0001", "--db", desk_file, *op, "--outcome", "satisfied",
               "--satisfaction", "5", "--note", "满意")
    assert done.code == 0, done.err
    assert done.out.strip() == "TS-20261127-0001: call-back Satisfied; the complaint is Closed"


def test_a_solved_delivery_call_back_closes_the_complaint_on_the_command_line(capsys, monkeypatch, desk_file):
    op = as_user(monkeypatch, "op01")
    created = run(capsys, "delivery", "create", "TS-20261127-0001", "--db", desk_file, *op, "--kind", "repair_visit",
                  "--date", TOMORROW.isoformat(), "--slot", "afternoon", "--items", "沙发 1 件")
    assert created.code == 0, created.err
    dc = as_user(monkeypatch, "dc01")
    number = created.out.split()[0].rstrip(":")
    for step in (("accept", number, "--crew", "张师傅"), ("out", number), ("complete", number)):
        moved = run(capsys, "delivery", *step, "--db", desk_file, *dc)
        assert moved.code == 0, (step, moved.err)
    op = as_user(monkeypatch, "op01")
    done = run(capsys, "callback", "record", "TS-20261127-0001", "--db", desk_file, *op, "--outcome", "satisfied",
               "--satisfaction", "5", "--solved")
    assert done.code == 0, done.err
    assert done.out.strip() == "TS-20261127-0001: call-back Satisfied; the complaint is Closed"
    assert stored(desk_file, Callback) == 1
