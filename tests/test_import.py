"""Imports: all or nothing, every bad row reported, Chinese headers and labels, GB18030, XLSX, round trips."""

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook

from aftersales.domain.enums import EventKind
from aftersales.domain.event_notes import read_import_note
from aftersales.services.complaints import actions as act
from aftersales.services.transfer.columns import INPUT_COLUMNS
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Complaint, Event

from .cli_helpers import counts, empty_desk, run, run_as
from .factories import new_complaint

HEADER = ["phone", "customer_name", "shop", "category", "severity", "channel", "product", "remedy", "description"]


def _row(n: int, **changes: str) -> list[str]:
    values = {
        "phone": f"1391234{n:04d}", "customer_name": f"客户{n}", "shop": "S001", "category": "product_quality",
        "severity": "normal", "channel": "phone", "product": f"餐椅{n}", "remedy": "repair",
        "description": f"第{n}把餐椅椅腿松动",
    }
    values.update(changes)
    return [values[name] for name in HEADER]


def _write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER, encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _import(capsys, db: Path, file: Path, user: str = "op01"):
    return run_as(capsys, user, "import", "complaints", file, "--db", db)


def test_one_bad_row_among_100_stores_nothing_and_names_the_row(capsys, staff, db_path, tmp_path):
    close_database()
    rows = [_row(n) for n in range(100)]
    rows[55] = _row(55, phone="12345")  # the 56th data row is line 57 of the file
    outcome = _import(capsys, db_path, _write_csv(tmp_path / "in.csv", rows))
    assert outcome.code == 1
    assert "nothing imported" in outcome.err
    assert "row 57, phone: not a mobile" in outcome.err
    assert outcome.err.count("row ") == 1
    assert counts(db_path) == (0, 0)


def test_every_bad_row_and_column_is_reported(capsys, staff, db_path, tmp_path):
    close_database()
    rows = [_row(0), _row(1, category="漏水", remedy=""), _row(2, shop="不存在的店"), _row(3, description="短")]
    outcome = _import(capsys, db_path, _write_csv(tmp_path / "in.csv", rows))
    assert outcome.code == 1
    problems = [line for line in outcome.err.splitlines() if line.startswith("row ")]
    assert problems[0] == (
        "row 3, category: unknown value '漏水' (use one of product_quality, delivery_delay, delivery_damage, "
        "installation, missing_parts, service_attitude, price_dispute, contract_dispute, other or their labels)"
    )
    assert problems[1].startswith("row 3, remedy: ") and "required" in problems[1]
    assert problems[2] == "row 4, shop: no active shop with code or name '不存在的店'"
    assert problems[3].startswith("row 5, description: ") and "at least 5 characters" in problems[3]
    assert len(problems) == 4
    assert counts(db_path) == (0, 0)


def test_good_file_creates_every_complaint_with_an_import_event(capsys, staff, db_path, tmp_path):
    close_database()
    outcome = _import(capsys, db_path, _write_csv(tmp_path / "in.csv", [_row(n) for n in range(3)]))
    assert outcome.code == 0, outcome.err
    assert "imported 3 complaints (TS-20261127-0001 … TS-20261127-0003)" in outcome.out
    open_database(db_path)
    events = list(Event.select().where(Event.kind == EventKind.IMPORTED.value).order_by(Event.id))
    assert [read_import_note(event.note) for event in events] == [("in.csv", 2), ("in.csv", 3), ("in.csv", 4)]
    assert {event.source for event in events} == {"cli"}
    assert [event.actor.code for event in events] == ["op01"] * 3
    assert [c.product for c in Complaint.select().order_by(Complaint.id)] == ["餐椅0", "餐椅1", "餐椅2"]


def test_chinese_headers_labels_and_shop_names_work(capsys, staff, db_path, tmp_path):
    close_database()
    header = ["电话", "客户姓名", "商铺", "类别", "严重程度", "渠道", "商品", "诉求", "描述", "受理时间"]
    row = ["13912340000", "孙丽", "马可波罗瓷砖", "配送损坏", "高", "到店", "抛光砖", "换货", "瓷砖运输途中碎裂三块",
           "2026-11-20 14:30"]
    outcome = _import(capsys, db_path, _write_csv(tmp_path / "中文.csv", [row], header))
    assert outcome.code == 0, outcome.err
    open_database(db_path)
    saved = Complaint.get()
    assert (saved.shop.code, saved.category, saved.severity, saved.channel, saved.remedy) == (
        "S002", "delivery_damage", "high", "walk_in", "replace")
    assert saved.created_at == datetime(2026, 11, 20, 6, 30, tzinfo=UTC)  # 14:30 in Shanghai
    assert saved.number == "TS-20261120-0001"


def test_english_labels_are_accepted_too(capsys, staff, db_path, tmp_path):
    close_database()
    file = _write_csv(tmp_path / "en.csv", [_row(0, category="Delivery damage", severity="High")])
    assert _import(capsys, db_path, file).code == 0
    open_database(db_path)
    assert (Complaint.get().category, Complaint.get().severity) == ("delivery_damage", "high")


def test_gb18030_file_from_chinese_excel_works(capsys, staff, db_path, tmp_path):
    close_database()
    file = _write_csv(tmp_path / "gbk.csv", [_row(0, customer_name="欧阳娜娜", product="真皮沙发")], encoding="gb18030")
    assert "欧阳娜娜".encode("gb18030") in file.read_bytes()
    outcome = _import(capsys, db_path, file)
    assert outcome.code == 0, outcome.err
    open_database(db_path)
    saved = Complaint.get()
    assert (saved.customer.name, saved.product) == ("欧阳娜娜", "真皮沙发")


def test_xlsx_with_number_and_date_cells_works(capsys, staff, db_path, tmp_path):
    close_database()
    book = Workbook()
    sheet = book.active
    sheet.append(["电话", "客户姓名", "商铺", "类别", "诉求", "描述", "受理时间"])
    sheet.append([13912340000, "周杰", "S003", "installation", "repair", "马桶安装后漏水", datetime(2026, 11, 1, 9, 5)])
    path = tmp_path / "in.xlsx"
    book.save(path)
    outcome = _import(capsys, db_path, path)
    assert outcome.code == 0, outcome.err
    open_database(db_path)
    saved = Complaint.get()
    assert (saved.customer.phone, saved.shop.code) == ("13912340000", "S003")
    assert saved.created_at == datetime(2026, 11, 1, 1, 5, tzinfo=UTC)


def test_bad_xlsx_row_is_reported_with_its_sheet_row(capsys, staff, db_path, tmp_path):
    close_database()
    book = Workbook()
    book.active.append(HEADER)
    book.active.append(_row(0))
    book.active.append(_row(1, severity="极高"))
    path = tmp_path / "bad.xlsx"
    book.save(path)
    outcome = _import(capsys, db_path, path)
    assert outcome.code == 1
    assert "row 3, severity: unknown value '极高'" in outcome.err
    assert counts(db_path) == (0, 0)


def _input_columns(path: Path) -> list[dict[str, str]]:
    rows = csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""))
    return [{name: row[name] for name in INPUT_COLUMNS} for row in rows]


def test_export_then_import_round_trips_every_input_field(capsys, desk, staff, db_path, tmp_path):
    op = staff["op01"]
    new_complaint(desk, op, product="=SUM(A1)", description="-客户说“质量太差”，要求退货", contract_no="HT-2026-001",
                  receipt_no="SJ-88", severity="critical", channel="referral_12315", remedy="return_refund")
    made = new_complaint(desk, op, phone="010-87654321", customer_name="@王五", shop_code="S002",
                         received_at=datetime(2026, 11, 3, 4, 0, tzinfo=UTC), category="price_dispute")
    act.acknowledge(desk, op, made.id, made.version)
    close_database()
    first = tmp_path / "first.csv"
    assert run(capsys, "export", "complaints", "--db", db_path, "--out", first).code == 0
    other = tmp_path / "other.db"
    empty_desk(other)
    assert _import(capsys, other, first).code == 0
    again = tmp_path / "again.csv"
    assert run(capsys, "export", "complaints", "--db", other, "--out", again).code == 0
    assert _input_columns(again) == _input_columns(first)
    assert _input_columns(first)[0]["product"] == "'=SUM(A1)"
    open_database(other)
    assert Complaint.get(Complaint.id == 1).product == "=SUM(A1)"  # the neutralising quote is undone


def test_xlsx_export_reimports(capsys, desk, staff, db_path, tmp_path):
    new_complaint(desk, staff["op01"], product="+布艺沙发", customer_name="赵敏")
    close_database()
    exported = tmp_path / "out.xlsx"
    assert run(capsys, "export", "complaints", "--db", db_path, "--out", exported).code == 0
    other = tmp_path / "other.db"
    empty_desk(other)
    assert _import(capsys, other, exported).code == 0
    open_database(other)
    saved = Complaint.get()
    assert (saved.product, saved.customer.name, saved.created_at) == ("+布艺沙发", "赵敏", datetime(2026, 11, 27, 2, 0, tzinfo=UTC))


def test_unknown_and_missing_columns_are_reported_on_row_1(capsys, staff, db_path, tmp_path):
    close_database()
    header = ["电话", "客户姓名", "商铺", "类别", "描述", "备注"]
    outcome = _import(capsys, db_path, _write_csv(tmp_path / "h.csv", [], header))
    assert outcome.code == 1
    assert "row 1, 备注: unknown column" in outcome.err
    assert "row 1, remedy: required column is missing" in outcome.err


def test_user_without_import_permission_is_refused_and_audited(capsys, staff, db_path, tmp_path):
    close_database()
    outcome = _import(capsys, db_path, _write_csv(tmp_path / "in.csv", [_row(0)]), user="dc01")
    assert outcome.code == 1
    assert outcome.err.startswith("A delivery dispatcher may not import complaints.")
    assert outcome.err.count("\n") == 1
    open_database(db_path)
    assert Complaint.select().count() == 0
    assert [(e.kind, e.source) for e in Event.select()] == [
        (EventKind.LOGIN.value, "cli"), (EventKind.DENIED.value, "cli")]


def test_import_needs_a_user(capsys, staff, db_path, tmp_path, monkeypatch):
    close_database()
    monkeypatch.delenv("AFTERSALES_USER", raising=False)
    file = _write_csv(tmp_path / "in.csv", [_row(0)])
    outcome = run(capsys, "import", "complaints", file, "--db", db_path)
    assert outcome.code == 2 and "--user" in outcome.err
    monkeypatch.setenv("AFTERSALES_USER", "op02")
    monkeypatch.setenv("AFTERSALES_PIN", "1112")
    assert run(capsys, "import", "complaints", file, "--db", db_path).code == 0


def test_file_that_is_not_a_spreadsheet_is_one_line(capsys, staff, db_path, tmp_path):
    close_database()
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 4)
    outcome = _import(capsys, db_path, junk)
    assert outcome.code == 1
    assert len(outcome.err.strip().splitlines()) == 1 and str(junk) in outcome.err
    assert counts(db_path) == (0, 0)


def test_one_imported_complaint_is_reported_in_the_singular(capsys, staff, db_path, tmp_path):
    close_database()
    outcome = _import(capsys, db_path, _write_csv(tmp_path / "in.csv", [_row(0)]))
    assert outcome.code == 0, outcome.err
    assert outcome.out == "imported 1 complaint (TS-20261127-0001)\n"


def test_importing_an_export_twice_refuses_the_second_time(capsys, desk, staff, db_path, tmp_path):
    for n in range(3):
        new_complaint(desk, staff["op01"], phone=f"1391234{n:04d}")
    close_database()
    exported = tmp_path / "export.csv"
    assert run(capsys, "export", "complaints", "--db", db_path, "--out", exported).code == 0
    before = counts(db_path)
    outcome = _import(capsys, db_path, exported)
    assert outcome.code == 1
    assert "nothing imported" in outcome.err
    assert [line for line in outcome.err.splitlines() if line.startswith("row ")] == [
        f"row {n + 2}, number: TS-20261127-{n + 1:04d} is already in the desk" for n in range(3)
    ]
    assert counts(db_path) == before


def test_one_known_number_stops_the_whole_file(capsys, desk, staff, db_path, tmp_path):
    known = new_complaint(desk, staff["op01"]).number
    close_database()
    rows = [[*_row(0), ""], [*_row(1), known], [*_row(2), "TS-20250101-0009"]]
    outcome = _import(capsys, db_path, _write_csv(tmp_path / "in.csv", rows, [*HEADER, "编号"]))
    assert outcome.code == 1
    assert f"row 3, 编号: {known} is already in the desk" in outcome.err
    assert outcome.err.count("row ") == 1
    assert counts(db_path) == (1, 1)


def test_the_same_number_twice_in_one_file_is_refused(capsys, staff, db_path, tmp_path):
    close_database()
    rows = [[*_row(0), "TS-20250101-0009"], [*_row(1), "TS-20250101-0009"]]
    outcome = _import(capsys, db_path, _write_csv(tmp_path / "in.csv", rows, [*HEADER, "number"]))
    assert outcome.code == 1
    assert "row 3, number: TS-20250101-0009 appears twice in the file (first on row 2)" in outcome.err
    assert counts(db_path) == (0, 0)


def test_file_without_numbers_imports_again_as_new_complaints(capsys, staff, db_path, tmp_path):
    close_database()
    file = _write_csv(tmp_path / "in.csv", [_row(0), _row(1)])
    assert _import(capsys, db_path, file).code == 0
    assert _import(capsys, db_path, file).code == 0
    assert counts(db_path)[0] == 4


def test_import_report_in_chinese_has_no_english(capsys, staff, db_path, tmp_path):
    close_database()
    header = ["电话", "客户姓名", "商铺", "类别", "诉求", "描述", "备注"]
    outcome = run_as(capsys, "op01", "--lang", "zh", "import", "complaints", _write_csv(tmp_path / "h.csv", [], header),
                  "--db", db_path)
    assert outcome.code == 1
    assert "第 1 行，备注：未知的列" in outcome.err
    rows = [["12345", "孙丽", "S001", "漏水", "repair", "瓷砖运输途中碎裂"],
            ["13912340000", "孙丽", "无此店", "installation", "", "短"]]
    file = _write_csv(tmp_path / "in.csv", rows, header[:-1])
    outcome = run_as(capsys, "op01", "--lang", "zh", "import", "complaints", file, "--db", db_path)
    assert outcome.code == 1
    lines = outcome.err.splitlines()
    assert lines[0] == f"{file}：未导入任何内容"
    assert [line.split("：")[0] for line in lines[1:]] == [
        "第 2 行，电话", "第 2 行，类别", "第 3 行，商铺", "第 3 行，诉求", "第 3 行，描述"]
    assert "未知的值 '漏水'" in lines[2] and "'无此店'" in lines[3]
    english = [word for word in ("row", "nothing", "unknown", "not a", "required", "shop", "string", "field")
               if word in outcome.err.replace(str(file), "")]
    assert english == []
    assert counts(db_path) == (0, 0)


def test_successful_import_is_reported_in_chinese(capsys, staff, db_path, tmp_path):
    close_database()
    outcome = run_as(capsys, "op01", "--lang", "zh", "import", "complaints", _write_csv(tmp_path / "in.csv", [_row(0)]),
                  "--db", db_path)
    assert outcome.code == 0, outcome.err
    assert outcome.out == "已导入 1 条投诉（TS-20261127-0001）\n"


def test_an_imported_critical_complaint_goes_to_the_manager_at_once(capsys, staff, db_path, tmp_path):
    from aftersales.services.escalations.read import complaint_escalations

    close_database()
    rows = [_row(0), _row(1, severity="critical")]
    outcome = _import(capsys, db_path, _write_csv(tmp_path / "in.csv", rows))
    assert outcome.code == 0, outcome.err
    open_database(db_path)
    first, second = (c.id for c in Complaint.select().order_by(Complaint.id))
    assert complaint_escalations(first) == []
    assert [(v.level, v.trigger.value, v.raised_by) for v in complaint_escalations(second)] == [(2, "critical", "op01")]
