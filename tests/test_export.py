"""Exports: formula cells neutralised, Chinese intact, deterministic bytes, month filter, paging."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from aftersales.services.transfer import exports
from aftersales.store.db import close_database

from .cli_helpers import run
from .factories import new_complaint

DANGEROUS = ["=1+1", "+8613800000000", "-2+3", "@SUM(A1)"]


def _csv_rows(path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def _xlsx_rows(path) -> list[dict[str, object]]:
    sheet = load_workbook(path).active
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


@pytest.fixture
def risky_desk(desk, staff, db_path):
    """Complaints whose product and customer name start like spreadsheet formulas."""
    for n, text in enumerate(DANGEROUS):
        new_complaint(desk, staff["op01"], phone=f"1380000{n:04d}", product=text, customer_name=text)
    close_database()
    return db_path


def test_csv_cells_starting_like_formulas_are_neutralised(capsys, risky_desk, tmp_path):
    out = tmp_path / "c.csv"
    assert run(capsys, "export", "complaints", "--db", risky_desk, "--format", "csv", "--out", out).code == 0
    rows = _csv_rows(out)
    assert [row["product"] for row in rows] == ["'" + text for text in DANGEROUS]
    assert [row["customer_name"] for row in rows] == ["'" + text for text in DANGEROUS]


def test_xlsx_cells_starting_like_formulas_are_text_not_formulas(capsys, risky_desk, tmp_path):
    out = tmp_path / "c.xlsx"
    assert run(capsys, "export", "complaints", "--db", risky_desk, "--out", out).code == 0
    sheet = load_workbook(out).active
    products = [sheet.cell(row=n, column=7) for n in range(2, 2 + len(DANGEROUS))]
    names = [sheet.cell(row=n, column=2) for n in range(2, 2 + len(DANGEROUS))]
    # Text cells: the customer's words exactly, no visible quote, and never a formula.
    assert [cell.value for cell in products] == [cell.value for cell in names] == DANGEROUS
    assert {cell.data_type for cell in products + names} == {"s"}


def test_json_keeps_the_text_exactly(capsys, risky_desk, tmp_path):
    out = tmp_path / "c.json"
    assert run(capsys, "export", "complaints", "--db", risky_desk, "--format", "json", "--out", out).code == 0
    assert [row["product"] for row in json.loads(out.read_text(encoding="utf-8"))] == DANGEROUS


def test_chinese_round_trips_in_utf8_csv_with_bom(capsys, desk, staff, db_path, tmp_path):
    new_complaint(desk, staff["op01"], customer_name="欧阳娜娜", product="真皮沙发（三人位）",
                  description="沙发扶手开裂，要求换货；客户很着急")
    close_database()
    out = tmp_path / "zh.csv"
    assert run(capsys, "export", "complaints", "--db", db_path, "--out", out).code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    row = _csv_rows(out)[0]
    assert (row["customer_name"], row["product"], row["shop"]) == ("欧阳娜娜", "真皮沙发（三人位）", "S001")
    assert row["description"] == "沙发扶手开裂，要求换货；客户很着急"


def test_chinese_survives_json_unescaped(capsys, desk, staff, db_path, tmp_path):
    new_complaint(desk, staff["op01"], customer_name="欧阳娜娜")
    close_database()
    out = tmp_path / "zh.json"
    assert run(capsys, "export", "complaints", "--db", db_path, "--out", out).code == 0
    assert "欧阳娜娜" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_same_database_exports_identical_bytes(capsys, desk, staff, db_path, tmp_path, fmt):
    for n in range(3):
        new_complaint(desk, staff["op01"], phone=f"1380000{n:04d}")
    close_database()
    first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    assert run(capsys, "export", "complaints", "--db", db_path, "--out", first).code == 0
    assert run(capsys, "export", "complaints", "--db", db_path, "--out", second).code == 0
    assert first.read_bytes() == second.read_bytes()


def test_times_are_local_with_offset_and_status_and_assignee_are_exported(capsys, desk, staff, db_path, tmp_path):
    from aftersales.services.complaints import actions as act

    made = new_complaint(desk, staff["op01"])
    act.acknowledge(desk, staff["op01"], made.id, made.version)
    close_database()
    out = tmp_path / "t.csv"
    assert run(capsys, "export", "complaints", "--db", db_path, "--out", out).code == 0
    row = _csv_rows(out)[0]
    assert row["created_at"] == "2026-11-27T10:00:00+08:00"
    assert row["received_at"] == row["created_at"]
    assert (row["number"], row["status"], row["assignee"]) == (made.number, "acknowledged", "op01")
    assert row["resolved_at"] == "" and row["closed_at"] == ""


def test_month_filter_uses_the_local_calendar(capsys, desk, staff, db_path, tmp_path):
    # 15:30 UTC on 31 October is already 1 November in Shanghai.
    moments = {
        "10月底": datetime(2026, 10, 31, 15, 29, tzinfo=UTC),
        "11月初": datetime(2026, 10, 31, 16, 30, tzinfo=UTC),
        "11月底": datetime(2026, 11, 26, 1, 0, tzinfo=UTC),
    }
    for n, (name, moment) in enumerate(moments.items()):
        new_complaint(desk, staff["op01"], phone=f"1380000{n:04d}", product=name, received_at=moment)
    close_database()
    out = tmp_path / "nov.csv"
    outcome = run(capsys, "export", "complaints", "--db", db_path, "--month", "2026-11", "--out", out)
    assert outcome.code == 0
    assert "exported 2 complaints" in outcome.out
    assert [row["product"] for row in _csv_rows(out)] == ["11月初", "11月底"]


def test_bad_month_is_one_line_and_writes_nothing(capsys, staff, db_path, tmp_path):
    close_database()
    out = tmp_path / "x.csv"
    outcome = run(capsys, "export", "complaints", "--db", db_path, "--month", "2026-13", "--out", out)
    assert outcome.code == 1
    assert outcome.err.count("\n") == 1 and "2026-13" in outcome.err
    assert not out.exists()


def test_existing_output_file_is_not_overwritten(capsys, staff, db_path, tmp_path):
    close_database()
    out = tmp_path / "mine.csv"
    out.write_text("keep me", encoding="utf-8")
    outcome = run(capsys, "export", "complaints", "--db", db_path, "--out", out)
    assert outcome.code == 1 and "already exists" in outcome.err
    assert out.read_text(encoding="utf-8") == "keep me"


def test_rows_stream_in_pages_in_id_order(capsys, desk, staff, db_path, tmp_path, monkeypatch):
    numbers = [new_complaint(desk, staff["op01"], phone=f"1380000{n:04d}").number for n in range(7)]
    close_database()
    monkeypatch.setattr(exports, "PAGE", 2)
    out = tmp_path / "paged.xlsx"
    assert run(capsys, "export", "complaints", "--db", db_path, "--out", out).code == 0
    assert [row["number"] for row in _xlsx_rows(out)] == numbers


def test_empty_database_exports_an_empty_list(capsys, staff, db_path, tmp_path):
    close_database()
    out = tmp_path / "none.json"
    assert run(capsys, "export", "complaints", "--db", db_path, "--out", out).code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == []


def test_one_exported_complaint_is_reported_in_the_singular(capsys, desk, staff, db_path, tmp_path):
    new_complaint(desk, staff["op01"])
    close_database()
    out = tmp_path / "one.csv"
    outcome = run(capsys, "export", "complaints", "--db", db_path, "--out", out)
    assert outcome.out == f"exported 1 complaint to {out}\n"
