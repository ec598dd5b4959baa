"""`aftersales shops import FILE`: a tenant list from CSV or XLSX, every shop or none."""

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from aftersales.domain.enums import EventKind
from aftersales.domain.event_notes import read_import_note
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Event, Shop

from .cli_helpers import run_as

HEADER = ["商铺编号", "名称", "铺位", "类别", "联系人", "电话"]


def _csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


@pytest.fixture
def target(db_target, staff) -> str:
    close_database()
    return db_target


def _shops(target: str) -> list[str]:
    close_database()
    open_database(target)
    return [shop.code for shop in Shop.select().order_by(Shop.id)]


def test_every_row_becomes_a_shop_with_its_own_audited_event(capsys, target, tmp_path):
    rows = [["S101", "顾家家居", "A-201", "家具", "孙经理", "4008201234"],
            ["S102", "Nature Flooring", "B-101", "flooring", "", ""],
            ["S103", "雷士照明", "C-101", "Lighting", "", "021-88886666"]]
    outcome = run_as(capsys, "lead01", "shops", "import", _csv(tmp_path / "tenants.csv", rows), "--db", target)
    assert (outcome.code, outcome.out) == (0, "imported 3 shops (S101 … S103)\n"), outcome.err
    assert _shops(target)[3:] == ["S101", "S102", "S103"]
    assert Shop.get(Shop.code == "S101").phone == "400-820-1234"
    events = list(Event.select().where(Event.kind == EventKind.SHOP_CREATED.value).order_by(Event.id))
    assert [(e.new, read_import_note(e.note), e.source) for e in events] == [
        ("S101", ("tenants.csv", 2), "cli"), ("S102", ("tenants.csv", 3), "cli"), ("S103", ("tenants.csv", 4), "cli")]


def test_one_bad_row_imports_nothing_and_every_problem_is_named(capsys, target, tmp_path):
    rows = [["S101", "顾家家居", "A-201", "家具", "", ""],
            ["S001", "重复", "A-1", "家具", "", ""],
            ["S102", "", "A-2", "玩具", "", "123"],
            ["S101", "又一个", "A-3", "other", "", ""]]
    outcome = run_as(capsys, "admin", "shops", "import", _csv(tmp_path / "t.csv", rows), "--db", target)
    assert outcome.code == 1
    lines = outcome.err.splitlines()
    assert lines[0].endswith("t.csv: nothing imported")
    assert lines[1] == "row 3, 商铺编号: shop code S001 is already in the desk"
    assert lines[2].startswith("row 4, 名称: ") and lines[3].startswith("row 4, 类别: unknown value '玩具'")
    assert lines[4].startswith("row 4, 电话: ")
    assert lines[5] == "row 5, 商铺编号: shop code S101 appears twice in the file (first on row 2)"
    assert _shops(target) == ["S001", "S002", "S003"]


def test_an_xlsx_tenant_list_with_english_headers(capsys, target, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "name", "category"])
    sheet.append(["S201", "科勒卫浴", "Sanitary ware"])
    book.save(tmp_path / "t.xlsx")
    outcome = run_as(capsys, "admin", "shops", "import", tmp_path / "t.xlsx", "--db", target)
    assert outcome.out == "imported 1 shop (S201)\n", outcome.err
    assert "S201" in _shops(target)


def test_missing_columns_are_reported_from_the_header(capsys, target, tmp_path):
    outcome = run_as(capsys, "admin", "shops", "import", _csv(tmp_path / "t.csv", [], ["code", "店名"]),
                     "--db", target)
    assert outcome.code == 1
    assert "row 1, 店名: unknown column" in outcome.err
    assert "row 1, name: required column is missing" in outcome.err


def test_an_operator_may_not_import_shops(capsys, target, tmp_path):
    rows = [["S101", "顾家家居", "A-201", "家具", "", ""]]
    outcome = run_as(capsys, "op01", "shops", "import", _csv(tmp_path / "t.csv", rows), "--db", target)
    assert outcome.code == 1 and "may not manage shops" in outcome.err
    assert _shops(target) == ["S001", "S002", "S003"]
