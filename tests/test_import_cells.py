"""Import details: a zero byte is named by row and column; the import note follows the desk's language."""

from pathlib import Path

from aftersales import i18n
from aftersales.domain.enums import EventKind
from aftersales.domain.event_notes import read_import_note
from aftersales.services.complaints.read import timeline
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Complaint, Event
from aftersales.ui.widgets.timeline import note_text

from .cli_helpers import counts, run_as

HEADER = "phone,customer_name,shop,category,remedy,description\n"
ROW = "1391234{n:04d},客户{n},S001,product_quality,repair,第{n}把餐椅椅腿松动\n"


def _file(path: Path, body: bytes) -> Path:
    path.write_bytes(HEADER.encode() + body)
    return path


def test_a_zero_byte_in_one_cell_is_refused_as_that_row_and_column(capsys, staff, db_path, tmp_path):
    close_database()
    damaged = ROW.format(n=1).replace("餐椅", "餐\x00椅")
    body = (ROW.format(n=0) + damaged + ROW.format(n=2)).encode()
    outcome = run_as(capsys, "op01", "import", "complaints", _file(tmp_path / "in.csv", body), "--db", db_path)
    assert outcome.code == 1
    assert outcome.err.splitlines()[1:] == ["row 3, description: contains a zero byte (0x00): the file is damaged here"]
    assert counts(db_path) == (0, 0)


def test_a_zero_byte_is_reported_in_chinese_too(capsys, staff, db_path, tmp_path):
    close_database()
    body = ROW.format(n=0).replace("客户0", "客\x00户").encode()
    outcome = run_as(capsys, "op01", "--lang", "zh", "import", "complaints", _file(tmp_path / "in.csv", body),
                     "--db", db_path)
    assert "第 2 行，customer_name：含有零字节（0x00）" in outcome.err


def test_a_binary_file_is_still_not_a_spreadsheet(capsys, staff, db_path, tmp_path):
    close_database()
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    outcome = run_as(capsys, "op01", "import", "complaints", path, "--db", db_path)
    assert outcome.err == f"{path}: not a CSV or XLSX file\n"


def test_the_import_note_is_shown_in_the_desk_language(capsys, staff, db_path, tmp_path):
    close_database()
    body = ROW.format(n=0).encode()
    outcome = run_as(capsys, "op01", "import", "complaints", _file(tmp_path / "进货.csv", body), "--db", db_path)
    assert outcome.code == 0, outcome.err
    open_database(db_path)
    complaint = Complaint.get()
    event = [e for e in timeline(complaint.id) if e.kind is EventKind.IMPORTED][0]
    assert note_text(event) == "from 进货.csv, row 2 (command line)"
    i18n.set_language("zh_CN")
    assert note_text(event) == "来自 进货.csv 第 2 行（命令行）"
    stored = Event.get(Event.kind == EventKind.IMPORTED.value).note
    assert read_import_note(stored) == ("进货.csv", 2) and ", row" not in stored
