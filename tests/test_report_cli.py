"""`aftersales report`: summary as JSON, table exports, the monthly register with hand-over and verify."""

import csv
import json
from pathlib import Path

import pytest

from aftersales.store.db import close_database, open_database
from aftersales.store.models import RegisterHandover

from .cli_helpers import Outcome, run, run_as
from .factories import seed_shops, seed_staff
from .report_factories import october


@pytest.fixture
def desk_file(tmp_path: Path) -> Path:
    path = tmp_path / "desk.db"
    open_database(path, create=True)
    seed_staff()
    seed_shops()
    october()
    close_database()
    return path


def one_line(outcome: Outcome, *words: str) -> None:
    assert outcome.code != 0 and outcome.out == ""
    assert outcome.err.count("\n") == 1 and "Traceback" not in outcome.err
    assert all(word in outcome.err for word in words), outcome.err


def test_summary_json_for_scripts(capsys, desk_file):
    done = run(capsys, "report", "summary", "--period", "2026-10", "--db", desk_file, "--json")
    assert done.code == 0, done.err
    figures = json.loads(done.out)
    assert figures["current"]["received"] == 5
    assert figures["current"]["money"]["total_fen"] == 112_344
    # c5's acknowledgement deadline is midnight on 1 November, the moment October is measured at.
    assert figures["current"]["sla"]["breach_rate"] == pytest.approx(0.4)
    assert figures["current"]["measured_at"] == "2026-11-01T00:00:00+08:00"
    assert figures["current"]["partial"] is False
    assert figures["previous"]["period"]["label"] == "2026-09"


def test_summary_with_a_shop_filter_and_a_table(capsys, desk_file):
    done = run(capsys, "report", "summary", "--period", "2026-10", "--shop", "S001", "--db", desk_file)
    assert done.code == 0, done.err
    received = next(line for line in done.out.splitlines() if line.startswith("Complaints received"))
    assert received.split()[2:] == ["3", "1", "+200.0"]
    assert done.out.splitlines()[0].endswith("measured at 2026-11-01 00:00")


def test_export_a_table_to_csv_with_bom(capsys, desk_file, tmp_path):
    out = tmp_path / "categories.csv"
    done = run(capsys, "report", "export", "by_category", "--period", "2026-10", "--db", desk_file, "--out", out)
    assert done.code == 0, done.err
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["Category", "Count", "Share (%)"]
    assert rows[1] == ["Product quality", "3", "60.0"]


def test_export_refuses_an_unknown_table_or_suffix(capsys, desk_file, tmp_path):
    one_line(run(capsys, "report", "export", "nope", "--period", "2026-10", "--db", desk_file,
                 "--out", tmp_path / "x.csv"), "nope")
    one_line(run(capsys, "report", "export", "summary", "--period", "2026-10", "--db", desk_file,
                 "--out", tmp_path / "x.txt"), ".csv or .xlsx")
    one_line(run(capsys, "report", "summary", "--period", "2026-14", "--db", desk_file), "2026-14")


def test_monthly_register_hand_over_and_verify(capsys, desk_file, tmp_path):
    out = tmp_path / "2026-10.pdf"
    done = run_as(capsys, "lead01", "report", "monthly", "2026-10", "--db", desk_file, "--out", out, "--hand-over")
    assert done.code == 0, done.err
    assert "5 lines" in done.out and "handed over" in done.out
    verified = run(capsys, "report", "verify", out, "--db", desk_file)
    assert verified.code == 0 and "2026-10" in verified.out and "lead01" in verified.out
    altered = bytearray(out.read_bytes())
    altered[-100] ^= 0x20
    (tmp_path / "altered.pdf").write_bytes(bytes(altered))
    refused = run(capsys, "report", "verify", tmp_path / "altered.pdf", "--db", desk_file)
    assert refused.code == 1 and "NOT" in refused.out
    again = run(capsys, "report", "monthly", "2026-10", "--db", desk_file, "--out", tmp_path / "reprint.pdf")
    assert again.code == 0, again.err
    assert (tmp_path / "reprint.pdf").read_bytes() == out.read_bytes()


def test_monthly_refuses_a_future_or_malformed_month_in_one_line(capsys, desk_file, tmp_path):
    one_line(run(capsys, "report", "monthly", "2027-01", "--db", desk_file, "--out", tmp_path / "x.pdf"), "future")
    one_line(run(capsys, "report", "monthly", "2026/10", "--db", desk_file, "--out", tmp_path / "x.pdf"), "2026/10")
    one_line(run(capsys, "report", "monthly", "2026-10", "--db", desk_file, "--out", tmp_path / "x.doc"), ".pdf")
    assert not list(tmp_path.glob("x.*"))


def test_only_a_supervisor_hands_over(capsys, desk_file, tmp_path):
    done = run_as(capsys, "op01", "report", "monthly", "2026-10", "--db", desk_file,
                  "--out", tmp_path / "r.xlsx", "--hand-over")
    one_line(done, "may not hand over")
    open_database(desk_file)
    assert RegisterHandover.select().count() == 0
    close_database()


def test_a_second_hand_over_is_refused_in_one_line_and_leaves_no_file(capsys, desk_file, tmp_path):
    first = run_as(capsys, "lead01", "report", "monthly", "2026-10", "--db", desk_file, "--out", tmp_path / "a.pdf",
                   "--hand-over")
    assert first.code == 0, first.err
    again = run_as(capsys, "lead01", "report", "monthly", "2026-10", "--db", desk_file, "--out", tmp_path / "b.pdf",
                   "--hand-over")
    one_line(again, "2026-10", "handed over by lead01")
    assert not (tmp_path / "b.pdf").exists()


def test_the_current_month_is_not_handed_over_and_no_file_is_left(capsys, desk_file, tmp_path):
    done = run_as(capsys, "lead01", "report", "monthly", "2026-11", "--db", desk_file, "--out", tmp_path / "n.xlsx",
                  "--hand-over")
    one_line(done, "2026-11", "has not ended")
    assert not (tmp_path / "n.xlsx").exists()
    open_database(desk_file)
    assert RegisterHandover.select().count() == 0
    close_database()


def test_verify_refuses_a_directory_in_one_line(capsys, desk_file, tmp_path):
    one_line(run(capsys, "report", "verify", tmp_path, "--db", desk_file), "is a directory")


def test_csv_export_writes_numbers_as_plain_numerals(capsys, desk_file, tmp_path):
    out = tmp_path / "summary.csv"
    assert run(capsys, "report", "export", "summary", "--period", "2026-10", "--db", desk_file, "--out", out).code == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Figure,2026-10,2026-09,Change (%)"
    by_name = {row[0]: row[1:] for row in csv.reader(lines[1:])}
    # Money in yuan with two places, unquoted and without thousands separators; no figure is an empty cell.
    assert "Refunds paid (yuan),999.99,0.00," in lines
    assert by_name["Complaints received"] == ["5", "1", "400.0"]
    assert by_name["Acknowledgement, median (min)"] == ["45", "5", "800.0"]
    assert by_name["Resolution, median (h)"] == ["24.0", "", ""]
    assert by_name["SLA breach rate (%)"] == ["40.0", "100.0", "-60.0"]  # September's one never resolved
    # Only a label with a comma is quoted; every figure after it is a bare numeral.
    figures = [line[line.index('",') + 2:] if line.startswith('"') else line.split(",", 1)[1] for line in lines[1:]]
    assert all('"' not in text for text in figures)
    for cells in by_name.values():
        assert all(cell == "" or float(cell) == float(cell) for cell in cells)


def test_xlsx_export_holds_numeric_cells(capsys, desk_file, tmp_path):
    from decimal import Decimal

    from openpyxl import load_workbook

    out = tmp_path / "summary.xlsx"
    assert run(capsys, "report", "export", "summary", "--period", "2026-10", "--db", desk_file, "--out", out).code == 0
    sheet = load_workbook(out).active
    rows = {row[0].value: row[1:] for row in sheet.iter_rows(min_row=2)}
    compensation = rows["Compensation paid (yuan)"][0]
    assert compensation.data_type == "n" and compensation.number_format == "#,##0.00"
    assert Decimal(str(compensation.value)) == Decimal("123.45")
    assert rows["Complaints received"][0].value == 5 and rows["Complaints received"][0].data_type == "n"
    assert rows["SLA breach rate (%)"][0].value == pytest.approx(40.0)
    assert rows["Resolution, p90 (h)"][0].value == pytest.approx(43.2)
    assert rows["Resolution, p90 (h)"][1].value is None  # September resolved nothing


def test_sla_tables_keep_one_unit_per_column(capsys, desk_file, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "shops.xlsx"
    assert run(capsys, "report", "export", "sla_by_shop", "--period", "2026-10", "--db", desk_file, "--out", out).code == 0
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == ("Shop", "Received", "Ack. median (min)", "Ack. p90 (min)", "Resolution median (h)",
                       "Resolution p90 (h)", "SLA breached", "Breach rate (%)")
    # 欧派家居: acknowledged after 10, 30 and 60 minutes; resolved after 24, 48 and 10 hours.
    assert rows[1] == ("欧派家居", 3, 30, 54, 24.0, 43.2, 1, 33.3)
    for row in rows[1:]:
        assert all(value is None or isinstance(value, int | float) for value in row[1:])
