"""The monthly register: PDF and XLSX read back, formula-safe cells, hand-over, verify and identical reprints."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from aftersales import i18n
from aftersales.domain.errors import ConflictError, PermissionDenied
from aftersales.domain.reports.period import PeriodRefused
from aftersales.services.reports.handover import hand_over, handed_over, verify_file
from aftersales.services.reports.register import write_register
from aftersales.store.models import Event, RegisterHandover

from .report_factories import local, october, put_complaint


@pytest.fixture
def month(staff):
    ids = october()
    # A customer's words that a spreadsheet would run as a formula.
    put_complaint(local(__import__("datetime").date(2026, 10, 25)), shop="S002", customer="=HYPERLINK(\"x\")",
                  product="@SUM(1)")
    return ids


def _pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_register_lists_the_months_complaints_and_its_totals(month, desk, tmp_path):
    steps = []
    written = write_register(desk, "2026-10", tmp_path / "2026-10.pdf", i18n.words(), progress=lambda d, t: steps.append((d, t)))
    pages, text = _pdf_text(tmp_path / "2026-10.pdf")
    assert pages == 2  # the lines, then the totals page
    for shop in ("欧派家居", "马可波罗瓷砖", "TOTO卫浴"):
        assert shop in text
    assert "Page 1" in text and "of 2" in text
    # Six lines: October's five and the one received on the 25th. Paid 123.45 + 999.99 = 1,123.44 yuan.
    assert written.totals.lines == 6
    assert written.totals.paid_fen == 112_344
    assert "1,123.44" in text
    assert written.totals.statistics.received == 6
    assert written.totals.statistics.closed == 1
    assert steps[-1] == (6, 6)


def test_pdf_register_in_chinese(month, desk, tmp_path):
    i18n.set_language("zh_CN")
    write_register(desk, "2026-10", tmp_path / "zh.pdf", i18n.words())
    _, text = _pdf_text(tmp_path / "zh.pdf")
    assert "月度售后服务登记册" in text and "月末统计" in text and "共 2 页" in text


def test_xlsx_register_reads_back_with_totals_and_no_formula(month, desk, tmp_path):
    out = tmp_path / "2026-10.xlsx"
    written = write_register(desk, "2026-10", out, i18n.words())
    book = load_workbook(out)
    records, statistics = book.worksheets
    rows = list(records.iter_rows(min_row=3, values_only=True))
    assert len(rows) == written.totals.lines == 6
    assert {row[2] for row in rows} == {"欧派家居", "马可波罗瓷砖", "TOTO卫浴"}
    assert sum(row[9] or 0 for row in rows) == pytest.approx(1123.44)  # money cells are numbers of yuan
    facts = {row[0]: row[1] for row in statistics.iter_rows(values_only=True) if row and row[0]}
    assert facts["Money paid, sum of lines (yuan)"] == pytest.approx(1123.44)
    assert facts["Lines in this register"] == 6
    money_cells = [row[1] for row in statistics.iter_rows() if row[0].value and "(yuan)" in str(row[0].value)]
    assert money_cells and all(cell.data_type == "n" and cell.number_format == "#,##0.00" for cell in money_cells)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
    assert any(str(row[3]).startswith("=HYPERLINK") for row in rows)  # kept as typed, as text


@pytest.mark.parametrize("suffix", ["pdf", "xlsx"])
def test_a_reprint_gives_the_same_bytes(month, desk, tmp_path, suffix):
    first = write_register(desk, "2026-10", tmp_path / f"a.{suffix}", i18n.words())
    again = write_register(desk, "2026-10", tmp_path / f"b.{suffix}", i18n.words())
    assert (tmp_path / f"a.{suffix}").read_bytes() == (tmp_path / f"b.{suffix}").read_bytes()
    assert first.sha256 == again.sha256


def test_hand_over_is_stored_audited_and_verified(month, desk, staff, tmp_path):
    out = tmp_path / "2026-10.pdf"
    written = write_register(desk, "2026-10", out, i18n.words())
    done = hand_over(desk, staff["lead01"], written)
    assert (done.month, done.handed_by, done.totals.paid_fen) == ("2026-10", "lead01", 112_344)
    event = Event.select().where(Event.kind == "register_handed_over").get()
    assert event.new == "2026-10" and written.sha256 in event.note
    assert verify_file(out) == done
    reprint = write_register(desk, "2026-10", tmp_path / "reprint.pdf", i18n.words())
    assert verify_file(Path(reprint.path)) == done
    altered = bytearray(out.read_bytes())
    altered[len(altered) // 2] ^= 0x01
    (tmp_path / "altered.pdf").write_bytes(bytes(altered))
    assert verify_file(tmp_path / "altered.pdf") is None
    assert [item.month for item in handed_over()] == ["2026-10"]


def test_a_month_is_handed_over_once_and_only_by_a_supervisor(month, desk, staff, tmp_path):
    written = write_register(desk, "2026-10", tmp_path / "2026-10.xlsx", i18n.words())
    with pytest.raises(PermissionDenied):
        hand_over(desk, staff["op01"], written)
    hand_over(desk, staff["mgr01"], written)
    with pytest.raises(ConflictError):
        hand_over(desk, staff["lead01"], written)
    assert RegisterHandover.select().count() == 1


@pytest.mark.parametrize("month_text", ["2026-12", "2026-13", "26-10", "2026-Q4"])
def test_a_future_or_malformed_month_is_refused_and_writes_nothing(staff, desk, tmp_path, month_text):
    with pytest.raises(PeriodRefused):
        write_register(desk, month_text, tmp_path / "x.pdf", i18n.words())
    assert not (tmp_path / "x.pdf").exists()


def test_the_register_carries_deliveries_call_backs_and_money_collected(month, desk, tmp_path):
    from .report_factories import october_operations

    october_operations(month)
    out = tmp_path / "2026-10.xlsx"
    written = write_register(desk, "2026-10", out, i18n.words())
    statistics = written.totals.statistics
    # Completed in October: three deliveries and one pick-up (c5's order is promised for November).
    assert (statistics.deliveries_done, statistics.pickups_done, statistics.collected_fen) == (3, 1, 8_800)
    assert written.totals.collected_fen == 8_800
    records = load_workbook(out).worksheets[0]
    rows = {row[0]: row for row in records.iter_rows(min_row=3, values_only=True)}
    from aftersales.store.models import Complaint

    first = rows[Complaint.get_by_id(month["c1"]).number]
    assert first[7] == "Pick up / return·Completed" and first[8] == "Satisfied" and first[10] == pytest.approx(88.0)


def test_without_a_chinese_font_the_pdf_is_refused_in_one_line(month, desk, tmp_path, monkeypatch):
    from aftersales.services.reports import fonts
    from aftersales.services.reports.fonts import FontMissing

    monkeypatch.setattr(fonts, "CANDIDATES", (("/nowhere/font.ttc", 0),))
    with pytest.raises(FontMissing) as missing:
        write_register(desk, "2026-10", tmp_path / "x.pdf", i18n.words())
    assert "fonts-wqy-zenhei" in i18n.error_text(missing.value)
    with pytest.raises(FontMissing) as missing:
        write_register(desk, "2026-10", tmp_path / "x.pdf", i18n.words(), font=str(tmp_path / "missing.ttf"))
    assert "no such file" in i18n.error_text(missing.value)
    assert not (tmp_path / "x.pdf").exists()
    # The XLSX needs no font.
    assert write_register(desk, "2026-10", tmp_path / "x.xlsx", i18n.words()).totals.lines == 6
