"""A full disk on the command line: each command names the file it could not write and says what it keeps.

Export and backup meet a real refusal from the kernel: they run in a child whose files may not
grow past a limit (RLIMIT_FSIZE), which fails the write that crosses it as a full disk fails the
next block.
"""

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from aftersales.store.db import close_database

from .cli_helpers import counts, run_as
from .factories import new_complaint

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="file size limits as on Linux")

SCRIPT = Path(sys.executable).with_name("aftersales")


def _run_with_little_room(limit: int, *argv: object) -> subprocess.CompletedProcess[str]:
    """`aftersales ARGV` in a child that cannot write any file past `limit` bytes."""

    def little_room() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "LANG": "C.UTF-8"}
    return subprocess.run([str(SCRIPT), *map(str, argv)], capture_output=True, text=True, timeout=120,
                          preexec_fn=little_room, env=env)


@pytest.fixture
def full_desk(desk, staff, db_path) -> Path:
    """A desk file of 300 complaints (a few hundred kilobytes), closed."""
    for n in range(300):
        new_complaint(desk, staff["op01"], phone=f"1390000{n:04d}", description=f"第{n}号：沙发腿断裂，要求上门维修" * 4)
    close_database()
    return db_path


def test_export_to_a_full_disk_names_the_file_and_leaves_none(full_desk, tmp_path):
    out = tmp_path / "export.csv"
    done = _run_with_little_room(64 * 1024, "export", "complaints", "--db", full_desk, "--out", out)
    assert done.returncode == 1
    assert done.stderr.startswith(f"{out}: cannot write the export (File too large)"), done.stderr
    assert done.stderr.count("\n") == 1 and not out.exists()


def test_backup_to_a_full_disk_names_out_not_the_database(full_desk, tmp_path):
    out = tmp_path / "copy.db"
    done = _run_with_little_room(64 * 1024, "backup", "--db", full_desk, "--out", out)
    assert done.returncode == 1
    assert done.stderr.startswith(f"{out}: cannot write the copy ("), done.stderr
    assert str(full_desk) not in done.stderr and done.stderr.count("\n") == 1
    assert not out.exists()


def test_an_import_that_fills_the_disk_says_nothing_of_it_was_saved(capsys, full_desk, tmp_path, monkeypatch):
    from aftersales.store import db

    rows = ["phone,customer_name,shop,category,remedy,description"]
    rows += [f"1381234{n:04d},客户{n},S001,product_quality,repair,{'餐椅椅腿松动，要求更换' * 30}" for n in range(300)]
    file = tmp_path / "in.csv"
    file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    pages = full_desk.stat().st_size // 4096
    # SQLite's own page limit stands in for the disk: it fails the write as a full disk does.
    monkeypatch.setitem(db.PRAGMAS, "max_page_count", pages + 4)
    outcome = run_as(capsys, "op01", "import", "complaints", file, "--db", full_desk)
    assert outcome.code == 1
    assert outcome.err == (
        "Disk full while importing in.csv: nothing of it was saved; "
        "the database keeps everything stored before this command\n"
    )
    monkeypatch.delitem(db.PRAGMAS, "max_page_count")
    assert counts(full_desk) == (300, 300)


def test_the_desk_keeps_its_own_wording_for_a_full_disk():
    from aftersales import i18n
    from aftersales.domain.errors import StorageError

    refusal = StorageError(cause="disk full", cause_code="disk_full", what="saving")
    assert i18n.error_text(refusal).endswith("nothing was lost from the screen")
    assert "nothing of it was saved" in i18n.error_text(refusal, key="cli.storage")
