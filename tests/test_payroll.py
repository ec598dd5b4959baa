"""Payroll months: per-person totals computed by hand, finalising and locking, files safe for finance."""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from aftersales import i18n
from aftersales.domain.errors import PermissionDenied
from aftersales.domain.penalties.months import MonthRefused
from aftersales.domain.schemas import StaffView
from aftersales.services.penalties.decide import confirm_violation, waive_violation
from aftersales.services.penalties.payroll import finalise_month, payroll_report
from aftersales.services.penalties.payroll_files import PayrollFormat, write_payroll
from aftersales.store.models import Event, PenaltyEntry, Shop

from .penalty_factories import day_at, desk_at, propose, proposed_and_confirmed

Staff = dict[str, StaffView]
OCTOBER = day_at(date(2026, 10, 20))


def october(staff: Staff) -> None:
    """A month of decisions: op02's 1st/2nd/3rd, op01's 1st and a loss fine, a shop, the department.

    By hand: op01 50 + 380 = 430; op02 50 + 100 + 200 = 350; S002 50; department 50; month 880 yuan.
    A waived violation and an open proposal cost nothing.
    """
    desk = desk_at(OCTOBER)
    for month in (1, 4, 9):
        proposed_and_confirmed(desk, staff, "op02", date(2026, month, 12))
    proposed_and_confirmed(desk, staff, "op01", date(2026, 9, 1), decider="mgr01")
    loss = propose(desk, staff["op02"], "op01", "loss_by_rule_breach", date(2026, 10, 2),
                   loss="未与顾客确认付款方式，退款手续费损失")
    confirm_violation(desk, staff["mgr01"], loss, {"amount_fen": 38000})
    for kind, code in (("shop", "S002"), ("department", "")):
        violation_id = propose(desk, staff["op01"], code, "not_confirmed_with_customer", date(2026, 10, 5), kind=kind)
        confirm_violation(desk, staff["lead01"], violation_id)
    waived = propose(desk, staff["op01"], "op02", day=date(2026, 10, 6))
    waive_violation(desk, staff["lead01"], waived, {"reason": "顾客主动放弃回访"})
    propose(desk, staff["op01"], "op02", day=date(2026, 10, 7))


def test_a_month_matches_the_totals_computed_by_hand(staff: Staff) -> None:
    october(staff)
    report = payroll_report(desk_at(), staff["lead01"], "2026-10")
    totals = [(p.subject.kind.value, p.subject.code, p.total_fen, len(p.lines)) for p in report.people]
    assert totals == [("staff", "op01", 43000, 2), ("staff", "op02", 35000, 3), ("shop", "S002", 5000, 1),
                      ("department", "", 5000, 1)]
    assert report.total_fen == 88000 and not report.final
    op02 = report.people[1]
    assert [(line.tier_to, line.amount_fen) for line in op02.lines] == [(1, 5000), (2, 10000), (3, 20000)]
    assert payroll_report(desk_at(), staff["lead01"], "2026-11").people == ()


def test_finalising_deducts_the_month_and_later_changes_go_to_the_next_one(staff: Staff) -> None:
    october(staff)
    final = finalise_month(desk_at(OCTOBER), staff["lead01"], "2026-10")
    assert final.final and final.finalised_by == "lead01" and final.total_fen == 88000
    assert all(line.deducted for person in final.people for line in person.lines)
    late = propose(desk_at(OCTOBER), staff["op01"], "op02", day=date(2026, 10, 8))
    confirm_violation(desk_at(OCTOBER), staff["lead01"], late)
    assert payroll_report(desk_at(), None, "2026-10") == final  # a locked month cannot change
    november = payroll_report(desk_at(), None, "2026-11")
    assert [(p.subject.code, p.total_fen) for p in november.people] == [("op02", 20000)]
    event = Event.get(Event.kind == "payroll_finalised")
    assert (event.new, event.note) == ("2026-10", "7 entries · 88000 fen")


@pytest.mark.parametrize(
    ("month", "key"),
    [("2026-13", "penalties.error.bad_month"), ("26-10", "penalties.error.bad_month"),
     ("2026-12", "penalties.error.future_month")],
)
def test_a_malformed_or_future_month_is_refused(staff: Staff, month: str, key: str) -> None:
    for act in (lambda: payroll_report(desk_at(), None, month), lambda: finalise_month(desk_at(), staff["lead01"], month)):
        with pytest.raises(MonthRefused) as refused:
            act()
        assert refused.value.key == key


def test_finalising_twice_is_refused_and_only_leads_and_managers_finalise(staff: Staff) -> None:
    october(staff)
    with pytest.raises(PermissionDenied):
        finalise_month(desk_at(), staff["op01"], "2026-10")
    with pytest.raises(PermissionDenied):
        payroll_report(desk_at(), staff["op01"], "2026-10")
    finalise_month(desk_at(), staff["mgr01"], "2026-10")
    with pytest.raises(MonthRefused) as twice:
        finalise_month(desk_at(), staff["lead01"], "2026-10")
    assert twice.value.key == "penalties.error.month_final"
    assert PenaltyEntry.select().where(PenaltyEntry.deducted == False).count() == 0  # noqa: E712


def _formula_shop(staff: Staff) -> None:
    Shop.create(code="S009", name="=HYPERLINK(\"http://x\")", unit="E-101", category="other")
    violation_id = propose(desk_at(OCTOBER), staff["op01"], "S009", "service_record_missing", date(2026, 10, 9),
                           kind="shop")
    confirm_violation(desk_at(OCTOBER), staff["lead01"], violation_id)


def test_the_csv_opens_in_excel_and_never_runs_a_formula(staff: Staff, tmp_path: Path) -> None:
    october(staff)
    _formula_shop(staff)
    out = tmp_path / "payroll.csv"
    assert write_payroll(payroll_report(desk_at(), None, "2026-10"), out, PayrollFormat.CSV, desk_at().penalties, i18n.words()) == 8
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:4] == ["Month", "Subject", "Code", "Name"]
    assert ["2026-10", "Shop", "S009", "'=HYPERLINK(\"http://x\")"] in [row[:4] for row in rows]
    person_totals = {row[2]: row[9] for row in rows if row[8] == "Total"}
    assert person_totals == {"op01": "430.00", "op02": "350.00", "S002": "50.00", "S009": "50.00", "": "50.00"}
    assert rows[-1][8:10] == ["Month total", "930.00"]


def test_the_workbook_holds_amounts_as_numbers_and_text_never_as_a_formula(staff: Staff, tmp_path: Path) -> None:
    october(staff)
    _formula_shop(staff)
    out = tmp_path / "payroll.xlsx"
    write_payroll(payroll_report(desk_at(), None, "2026-10"), out, PayrollFormat.XLSX, desk_at().penalties, i18n.words())
    sheet = load_workbook(out)["2026-10"]
    names = [row[3] for row in sheet.iter_rows(values_only=True)]
    assert "=HYPERLINK(\"http://x\")" in names
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "=HYPERLINK(\"http://x\")")
    assert cell.data_type == "s"
    last = [c.value for c in list(sheet.iter_rows())[-1]]
    assert last[8] == "Month total" and Decimal(str(last[9])) == Decimal("930")
    with pytest.raises(Exception) as refused:
        write_payroll(payroll_report(desk_at(), None, "2026-10"), out, PayrollFormat.XLSX, desk_at().penalties, i18n.words())
    assert "already exists" in i18n.error_text(refused.value)
