"""`aftersales money entries` and `money correct`: a correction is a new entry dated today, an amendment
when it names a month handed over, refused in one line when the amount or the month is wrong."""

from pathlib import Path

from aftersales import i18n
from aftersales.services.reports.handover import hand_over_register
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Complaint, Event, MoneyEntry

from .cli_helpers import run_as
from .report_factories import paid_around_october


def _october_handed_over(db_target: str, desk, staff, tmp_path: Path) -> str:
    ids = paid_around_october()
    hand_over_register(desk, staff["lead01"], "2026-10", tmp_path / "2026-10.pdf", i18n.words())
    number = Complaint.get_by_id(ids["october"]).number
    close_database()
    return number


def _entries(db_target: str) -> list[tuple[str, int, str | None, str]]:
    open_database(db_target)
    try:
        return list(MoneyEntry.select(MoneyEntry.kind, MoneyEntry.amount_fen, MoneyEntry.amends, MoneyEntry.note)
                    .order_by(MoneyEntry.id).tuples())
    finally:
        close_database()


def test_a_correction_to_a_handed_over_month_is_an_amendment(capsys, db_target, desk, staff, tmp_path):
    number = _october_handed_over(db_target, desk, staff, tmp_path)
    before = _entries(db_target)
    outcome = run_as(capsys, "lead01", "money", "correct", number, "--db", db_target, "--kind", "compensation",
                     "--amount", "-20.00", "--amends", "2026-10", "--note", "多付运费退回")
    assert outcome.code == 0, outcome.err
    assert outcome.out.strip() == (f"{number}: Compensation -20.00 yuan entered on 2026-11-27, an amendment to "
                                   "2026-10; the next register lists it")
    assert _entries(db_target) == [*before, ("compensation", -2_000, "2026-10", "多付运费退回")]
    open_database(db_target)
    try:
        assert Event.select().where((Event.field == "money") & (Event.source == "cli")).count() == 1
    finally:
        close_database()
    listed = run_as(capsys, "lead01", "money", "entries", number, "--db", db_target)
    assert listed.code == 0
    lines = listed.out.strip().splitlines()
    assert "(amends 2026-10)" in lines[-2] and "-20.00" in lines[-2]
    assert lines[-1] == f"{number}: {len(lines) - 1} money entries"


def test_a_bad_amount_or_an_open_month_is_refused_in_one_line_and_nothing_is_stored(capsys, db_target, desk, staff,
                                                                                    tmp_path):
    number = _october_handed_over(db_target, desk, staff, tmp_path)
    before = _entries(db_target)
    for amount, amends in (("twenty", "2026-10"), ("-20.00", "2026-11"), ("0", None)):
        argv = ["money", "correct", number, "--db", db_target, "--kind", "refund", "--amount", amount,
                "--note", "试"]
        outcome = run_as(capsys, "lead01", *argv, *(["--amends", amends] if amends else []))
        assert outcome.code != 0 and outcome.out == ""
        assert len(outcome.err.strip().splitlines()) == 1 and "Traceback" not in outcome.err, outcome.err
    assert _entries(db_target) == before
    refused = run_as(capsys, "op01", "money", "correct", number, "--db", db_target, "--kind", "refund",
                     "--amount", "5", "--note", "试")
    assert refused.code != 0 and _entries(db_target) == before
