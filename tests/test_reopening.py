"""A desk that looks at its own file again keeps every save it acknowledges, whatever other desks open
and close: a second look never drops the locks SQLite holds on the file."""

import subprocess
import sys
from pathlib import Path

import pytest

from aftersales.services.complaints.actions import add_note
from aftersales.store.db import close_database, open_database
from aftersales.store.header import held_by_this_process
from aftersales.store.target import precheck_file

from .factories import new_complaint

ROOT = Path(__file__).resolve().parent.parent
NOTES = 5


def _in_another_process(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _another_desk_opens_and_closes(path: Path) -> None:
    _in_another_process(
        "import sqlite3\n"
        f"conn = sqlite3.connect({str(path)!r})\n"
        "conn.execute('SELECT count(*) FROM complaint').fetchone()\n"
        "conn.close()\n"
    )


def _notes_stored(path: Path) -> int:
    """Notes in the file as a desk starting now finds them."""
    return int(_in_another_process(
        "import sqlite3\n"
        f"conn = sqlite3.connect({str(path)!r})\n"
        "print(conn.execute(\"SELECT count(*) FROM event WHERE kind = 'note'\").fetchone()[0])\n"
    ))


@pytest.mark.parametrize("second_look", [open_database, precheck_file], ids=["open_again", "precheck_again"])
def test_saves_outlive_another_desk_closing_after_this_one_looked_at_its_file_again(
    desk, staff, db_path, second_look
):
    complaint = new_complaint(desk, staff["op01"])  # the file is open in this process from here on
    second_look(db_path)
    _another_desk_opens_and_closes(db_path)
    for n in range(NOTES):
        add_note(desk, staff["op01"], complaint.id, {"text": f"第{n}条备注"})
    assert _notes_stored(db_path) == NOTES
    close_database()
    assert _notes_stored(db_path) == NOTES


def test_the_header_check_knows_when_this_process_holds_the_file(db_path):
    assert held_by_this_process(db_path)
    close_database()
    assert not held_by_this_process(db_path)
    assert precheck_file(db_path)
    assert not held_by_this_process(db_path)
