"""The register counts its month's money once, a hand-over closes a month that has ended, and nothing dated
inside a closed month is written afterwards: corrections become amendments in the next register."""

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from aftersales import i18n
from aftersales.domain.clock import fixed_clock
from aftersales.domain.enums import EventKind
from aftersales.domain.errors import ConflictError, InvalidInput
from aftersales.services.audit import append_event
from aftersales.services.complaints import actions
from aftersales.services.complaints.intake import create_complaint
from aftersales.services.context import Desk
from aftersales.services.money.entries import entries_of, record_correction
from aftersales.services.reports.handover import hand_over_register, verify_file
from aftersales.services.reports.register import write_register
from aftersales.services.transfer.imports import ImportRejected, import_complaints
from aftersales.store.db import write_transaction
from aftersales.store.models import Complaint, Event, MoneyEntry, RegisterHandover

from .delivery_helpers import investigating
from .factories import NOW, complaint_data
from .report_factories import local, paid_around_october


def _register(desk: Desk, month: str, out: Path):
    return write_register(desk, month, out, i18n.words()).totals


def test_a_registers_lines_add_up_to_its_statistics_and_no_payment_is_in_two_registers(db_target, staff, desk,
                                                                                         tmp_path):
    paid_around_october()
    september, october, november = (_register(desk, month, tmp_path / f"{month}.xlsx")
                                    for month in ("2026-09", "2026-10", "2026-11"))
    for totals in (september, october, november):
        s = totals.statistics
        assert totals.paid_fen == s.compensation_fen + s.refund_fen
        assert totals.collected_fen == s.collected_fen
    assert (september.paid_fen, september.collected_fen) == (10_000, 0)
    assert (october.paid_fen, october.collected_fen) == (20_000 + 40_000 + 500, 8_800)
    assert october.statistics.refund_fen == 40_000
    assert (november.paid_fen, november.collected_fen) == (3_000, 1_200)
    everything = sum(entry.amount_fen for entry in MoneyEntry.select())
    assert sum(t.paid_fen + t.collected_fen for t in (september, october, november)) == everything


def test_the_september_complaint_paid_in_october_is_a_line_of_octobers_register(db_target, staff, desk, tmp_path):
    ids = paid_around_october()
    from openpyxl import load_workbook

    write_register(desk, "2026-10", tmp_path / "oct.xlsx", i18n.words())
    rows = {row[0]: row for row in load_workbook(tmp_path / "oct.xlsx").worksheets[0].iter_rows(min_row=3,
                                                                                               values_only=True)}
    early = Complaint.get_by_id(ids["early"]).number
    assert rows[early][9] == pytest.approx(5.00)
    assert rows[Complaint.get_by_id(ids["october"]).number][9] == pytest.approx(200.00)


def test_the_current_month_cannot_be_handed_over_and_leaves_no_file(db_target, staff, desk, tmp_path):
    out = tmp_path / "2026-11.pdf"
    with pytest.raises(ConflictError) as refused:
        hand_over_register(desk, staff["lead01"], "2026-11", out, i18n.words())
    assert refused.value.key == "reports.error.month_not_ended"
    assert "2026-11" in i18n.error_text(refused.value)
    assert not out.exists() and RegisterHandover.select().count() == 0


def test_a_second_hand_over_is_refused_before_anything_is_written(db_target, staff, desk, tmp_path):
    paid_around_october()
    hand_over_register(desk, staff["lead01"], "2026-10", tmp_path / "first.pdf", i18n.words())
    with pytest.raises(ConflictError) as refused:
        hand_over_register(desk, staff["mgr01"], "2026-10", tmp_path / "second.pdf", i18n.words())
    assert refused.value.key == "reports.error.already_handed_over"
    assert not (tmp_path / "second.pdf").exists()
    assert RegisterHandover.select().count() == 1


def _closed_october(desk: Desk, staff, tmp_path: Path) -> Path:
    paid_around_october()
    out = tmp_path / "2026-10.pdf"
    hand_over_register(desk, staff["lead01"], "2026-10", out, i18n.words())
    return out


def _one_line_naming_october(exc: Exception) -> None:
    text = i18n.error_text(exc)
    assert "2026-10" in text and "\n" not in text


def test_a_closed_month_refuses_a_complaint_received_in_it(db_target, staff, desk, tmp_path):
    _closed_october(desk, staff, tmp_path)
    before = Complaint.select().count()
    with pytest.raises(ConflictError) as refused:
        create_complaint(desk, staff["op01"], complaint_data(received_at=local(date(2026, 10, 30)).isoformat()))
    _one_line_naming_october(refused.value)
    assert Complaint.select().count() == before
    create_complaint(desk, staff["op01"], complaint_data(received_at=local(date(2026, 11, 1), 0, 5).isoformat()))


def test_a_closed_month_refuses_a_payment_dated_in_it(db_target, staff, desk, tmp_path):
    view = investigating(desk, staff["op01"])
    _closed_october(desk, staff, tmp_path)
    behind = Desk(clock=fixed_clock(local(date(2026, 10, 31), 20)))  # a desk whose clock is a month behind
    with pytest.raises(ConflictError) as refused:
        actions.resolve(behind, staff["op01"], view.id, {"decision": "赔偿运费", "remedy": "compensation",
                                                         "compensation_fen": 700}, view.version)
    _one_line_naming_october(refused.value)
    assert entries_of(view.id) == [] and Complaint.get_by_id(view.id).status == "investigating"


def test_a_closed_month_refuses_a_backdated_event(db_target, staff, desk, tmp_path):
    _closed_october(desk, staff, tmp_path)
    count = Event.select().count()
    with pytest.raises(ConflictError) as refused, write_transaction("a backdated note"):
        append_event(local(date(2026, 10, 20)), staff["op01"], EventKind.NOTE, note="补记")
    _one_line_naming_october(refused.value)
    assert Event.select().count() == count


def _csv(path: Path, received: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["phone", "customer_name", "shop", "category", "severity", "remedy", "product", "description",
                         "received_at"])
        for n, at in enumerate(received):
            writer.writerow([f"1391234{n:04d}", f"客户{n}", "S001", "product_quality", "normal", "repair", "餐椅",
                             "餐椅椅腿松动，需要维修", at])
    return path


def test_an_import_refuses_a_row_received_in_a_closed_month_or_in_the_future(db_target, staff, desk, tmp_path):
    _closed_october(desk, staff, tmp_path)
    before = Complaint.select().count()
    source = _csv(tmp_path / "in.csv", ["2026-11-20 10:00", "2026-10-30 10:00", "2027-03-01 09:00"])
    with pytest.raises(ImportRejected) as refused:
        import_complaints(desk, staff["op01"], source, i18n.words())
    lines = [i18n.problem_text(problem) for problem in refused.value.problems]
    assert lines == ["row 3, received_at: 2026-10-30 10:00 is in 2026-10, a month already handed over to finance",
                     "row 4, received_at: 2027-03-01 09:00 is in the future: a complaint is received by now at the latest"]
    assert Complaint.select().count() == before


def test_a_correction_to_a_closed_month_is_an_amendment_in_the_next_register(db_target, staff, desk, tmp_path):
    handed = _closed_october(desk, staff, tmp_path)
    ids = {c.id for c in Complaint.select()}
    october = next(cid for cid in sorted(ids) if Complaint.get_by_id(cid).compensation_fen == 20_000)
    with pytest.raises(InvalidInput):
        record_correction(desk, staff["lead01"], october, {"kind": "compensation", "amount_fen": -2_000,
                                                           "amends": "2026-09", "note": "九月未结账"})
    entry = record_correction(desk, staff["lead01"], october, {"kind": "compensation", "amount_fen": -2_000,
                                                               "amends": "2026-10", "note": "多付运费退回"})
    assert (entry.day, entry.amends) == (date(2026, 11, 27), "2026-10")
    december = Desk(clock=fixed_clock(NOW + timedelta(days=5)))
    out = tmp_path / "2026-11.pdf"
    november = write_register(december, "2026-11", out, i18n.words()).totals
    [amendment] = november.amendments
    assert (amendment.amends, amendment.paid_fen, amendment.note) == ("2026-10", -2_000, "多付运费退回")
    assert november.paid_fen + november.amended_paid_fen == (november.statistics.compensation_fen
                                                             + november.statistics.refund_fen)
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "Amendments to earlier months" in text and "2026-10 amended" in text and "-20.00" in text
    # October as handed over: reprinted byte for byte, and it still verifies.
    reprint = write_register(december, "2026-10", tmp_path / "again.pdf", i18n.words())
    assert (tmp_path / "again.pdf").read_bytes() == handed.read_bytes()
    assert verify_file(Path(reprint.path)) is not None
