"""`aftersales check` proves a database intact and names the first altered event; backups are live copies."""

import sqlite3
from pathlib import Path

from aftersales.services.complaints import actions as act
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Complaint, Event

from .cli_helpers import assert_one_line_naming, counts, digest, run
from .factories import new_complaint

ASCII_NOTE = "call back after the weekend, marker-xyzzy"
CHINESE_NOTE = "客户要求周末后回电确认"


def _desk_with_notes(desk, staff) -> dict[str, int]:
    """Complaints with notes before and after the ones a test will damage; returns note → event id."""
    op = staff["op01"]
    first = new_complaint(desk, op)
    act.add_note(desk, op, first.id, {"text": "已联系商铺"})
    ids = {}
    for text in (ASCII_NOTE, CHINESE_NOTE):
        act.add_note(desk, op, first.id, {"text": text})
        ids[text] = Event.get(Event.note == text).id
    second = new_complaint(desk, op, phone="13900001111")
    act.acknowledge(desk, op, second.id, second.version)
    return ids


def _rewrite(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert data.count(old) == 1
    path.write_bytes(data.replace(old, new))


def test_healthy_database_passes_check(capsys, desk, staff, db_path):
    _desk_with_notes(desk, staff)
    events = Event.select().count()
    close_database()
    outcome = run(capsys, "check", "--db", db_path)
    assert outcome.code == 0, outcome.err
    assert f"audit chain: {events} events intact" in outcome.out
    assert "integrity: ok" in outcome.out and "foreign keys: ok" in outcome.out
    assert outcome.err == ""


def test_a_single_event_is_counted_in_the_singular(capsys, desk, staff, db_path):
    new_complaint(desk, staff["op01"])
    assert Event.select().count() == 1
    close_database()
    outcome = run(capsys, "check", "--db", db_path)
    assert outcome.code == 0, outcome.err
    assert "audit chain: 1 event intact" in outcome.out


def test_one_flipped_letter_in_an_event_names_that_event(capsys, desk, staff, db_path):
    ids = _desk_with_notes(desk, staff)
    close_database()
    _rewrite(db_path, ASCII_NOTE.encode(), ASCII_NOTE.replace("marker", "marken").encode())
    outcome = run(capsys, "check", "--db", db_path)
    assert outcome.code == 1
    assert outcome.err.strip() == f"event {ids[ASCII_NOTE]}: content was altered"


def test_flipped_byte_that_breaks_utf8_names_that_event_without_a_traceback(capsys, desk, staff, db_path):
    ids = _desk_with_notes(desk, staff)
    close_database()
    encoded = CHINESE_NOTE.encode("utf-8")
    broken = encoded[:4] + b"A" + encoded[5:]  # a continuation byte becomes an ASCII letter
    _rewrite(db_path, encoded, broken)
    outcome = run(capsys, "check", "--db", db_path)
    assert outcome.code == 1
    assert outcome.err.strip().startswith(f"event {ids[CHINESE_NOTE]}: content was altered")
    assert "Traceback" not in outcome.out + outcome.err


def test_reference_to_a_missing_row_fails_check(capsys, desk, staff, db_path):
    new_complaint(desk, staff["op01"])
    close_database()
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA foreign_keys = OFF")
    raw.execute("UPDATE complaint SET shop_id = 999")
    raw.commit()
    raw.close()
    outcome = run(capsys, "check", "--db", db_path)
    assert outcome.code == 1
    assert "foreign keys: 1 broken reference: complaint row 1 → missing shop" in outcome.err


def test_check_speaks_chinese_with_lang_zh(capsys, desk, staff, db_path):
    new_complaint(desk, staff["op01"])
    close_database()
    outcome = run(capsys, "--lang", "zh", "check", "--db", db_path)
    assert outcome.code == 0
    assert "审计链：1 条事件完好" in outcome.out


def test_backup_copies_what_is_still_in_the_write_ahead_log(capsys, desk, staff, db_path, tmp_path):
    # The desk stays open: its latest writes live in the -wal file, which a plain file copy would miss.
    close_database()
    open_database(db_path)
    for n in range(5):
        new_complaint(desk, staff["op01"], phone=f"1390000{n:04d}")
    assert db_path.with_name(db_path.name + "-wal").stat().st_size > 0
    out = tmp_path / "backup.db"
    outcome = run(capsys, "backup", "--db", db_path, "--out", out)
    assert outcome.code == 0, outcome.err
    assert counts(out) == (5, 5)
    assert run(capsys, "check", "--db", out).code == 0
    assert not out.with_name(out.name + "-wal").exists()


def test_backup_refuses_an_existing_file_and_leaves_it_alone(capsys, staff, db_path, tmp_path):
    close_database()
    out = tmp_path / "keep.db"
    out.write_text("precious", encoding="utf-8")
    before = digest(out)
    outcome = run(capsys, "backup", "--db", db_path, "--out", out)
    assert_one_line_naming(outcome, out)
    assert "already exists" in outcome.err
    assert digest(out) == before


def test_backup_into_a_missing_folder_is_one_line(capsys, staff, db_path, tmp_path):
    close_database()
    out = tmp_path / "no" / "such" / "copy.db"
    outcome = run(capsys, "backup", "--db", db_path, "--out", out)
    assert_one_line_naming(outcome, out)
    assert not out.parent.exists()


def test_backup_keeps_every_complaint_field(capsys, desk, staff, db_path, tmp_path):
    made = new_complaint(desk, staff["op01"], product="实木餐桌", description="桌面开裂，要求换货处理")
    close_database()
    out = tmp_path / "copy.db"
    assert run(capsys, "backup", "--db", db_path, "--out", out).code == 0
    open_database(out)
    row = Complaint.get(Complaint.number == made.number)
    assert (row.product, row.description) == ("实木餐桌", "桌面开裂，要求换货处理")
