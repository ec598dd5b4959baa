"""Files that are not usable desk databases are refused in one line and left byte for byte unchanged."""

import sqlite3
import time
from pathlib import Path

import pytest

from aftersales.store.db import close_database
from aftersales.ui.screens.shell.login import READY_TIMEOUT

from .cli_helpers import assert_one_line_naming, digest, run
from .factories import new_complaint

COMMANDS = {
    "check": ["check"],
    "export": ["export", "complaints", "--format", "csv", "--out", "{tmp}/out.csv"],
    "backup": ["backup", "--out", "{tmp}/copy.db"],
    "import": ["import", "complaints", "{tmp}/in.csv", "--user", "op01"],
    "desk": [],
}


def _refused_everywhere(capsys, path: Path, tmp_path: Path, why: str) -> None:
    """Every command given `path` as --db refuses it in one line, writes nothing and keeps its bytes."""
    before = digest(path)
    (tmp_path / "in.csv").write_text("phone\n", encoding="utf-8")
    for name, argv in COMMANDS.items():
        args = [part.format(tmp=tmp_path) for part in argv]
        started = time.monotonic()
        outcome = run(capsys, "--db", path, *args)
        # A refused desk closes at once: its login screen must not wait out READY_TIMEOUT (120 s) for a
        # database that will never open.
        assert time.monotonic() - started < READY_TIMEOUT / 4, name
        assert_one_line_naming(outcome, path)
        assert why in outcome.err, (name, outcome.err)
        assert digest(path) == before, name
    assert not (tmp_path / "out.csv").exists()
    assert not (tmp_path / "copy.db").exists()
    assert not path.with_name(path.name + "-wal").exists()
    assert not path.with_name(path.name + "-shm").exists()


@pytest.fixture
def real_desk(desk, staff, db_path: Path) -> Path:
    """A desk database holding a few complaints, closed so its bytes are all in the file."""
    for n in range(30):
        new_complaint(desk, staff["op01"], description=f"第{n}号投诉：沙发腿断裂，要求上门维修" * 8)
    close_database()
    return db_path


def test_text_file_is_refused_untouched(capsys, tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("客户名单\nphone,name\n13812345678,赵敏\n", encoding="utf-8")
    _refused_everywhere(capsys, path, tmp_path, "not a SQLite database")


def test_zero_filled_file_is_refused_untouched(capsys, tmp_path):
    path = tmp_path / "zeros.db"
    path.write_bytes(bytes(16384))
    _refused_everywhere(capsys, path, tmp_path, "not a SQLite database")


def test_empty_file_is_refused_untouched(capsys, tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    _refused_everywhere(capsys, path, tmp_path, "empty file")


@pytest.mark.parametrize("keep", ["half_the_pages", "odd_byte_count"])
def test_truncated_database_is_refused_untouched(capsys, tmp_path, real_desk, keep):
    data = real_desk.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    assert len(data) >= 8 * page  # a real database of several pages
    cut = (len(data) // page // 2) * page if keep == "half_the_pages" else len(data) // 2 + 123
    real_desk.write_bytes(data[:cut])
    _refused_everywhere(capsys, real_desk, tmp_path, "truncated")


def test_database_from_a_newer_version_is_refused_untouched(capsys, tmp_path, real_desk):
    raw = sqlite3.connect(real_desk)
    raw.execute("PRAGMA user_version = 99")
    raw.close()
    _refused_everywhere(capsys, real_desk, tmp_path, "newer aftersales")


def test_sqlite_file_of_another_program_is_refused_untouched(capsys, tmp_path):
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE t (x)")
    raw.commit()
    raw.close()
    _refused_everywhere(capsys, path, tmp_path, "not an aftersales one")


def test_missing_database_is_refused_and_not_created(capsys, tmp_path):
    path = tmp_path / "nowhere.db"
    outcome = run(capsys, "check", "--db", path)
    assert_one_line_naming(outcome, path)
    assert "no such database" in outcome.err
    assert not path.exists()


def test_folder_given_as_database_is_refused(capsys, tmp_path):
    outcome = run(capsys, "check", "--db", tmp_path)
    assert_one_line_naming(outcome, tmp_path)
    assert "folder" in outcome.err
