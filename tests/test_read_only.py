"""A read-only database file opens for viewing: nothing is written, no side file is left behind."""

import os
import pwd
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from aftersales import i18n
from aftersales.domain.errors import AuthFailed, StorageError
from aftersales.services.complaints.read import get_complaint
from aftersales.services.staff import auth
from aftersales.store.db import close_database, open_database, opened_read_only
from aftersales.store.models import Complaint, Event

from .cli_helpers import digest, run, run_as
from .factories import complaint_data, new_complaint


def _side_files(path: Path) -> list[Path]:
    return [side for side in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")) if side.exists()]


@pytest.fixture
def read_only_desk(desk, staff, db_path) -> Path:
    """A desk file with one complaint, closed and marked read-only (chmod 444)."""
    new_complaint(desk, staff["op01"])
    close_database()
    assert _side_files(db_path) == []
    db_path.chmod(0o444)
    yield db_path
    close_database()
    db_path.chmod(0o644)


def test_a_read_only_file_is_viewed_without_writing_or_side_files(read_only_desk):
    before = digest(read_only_desk)
    open_database(read_only_desk)
    assert opened_read_only()
    assert get_complaint(1).number == "TS-20261127-0001"
    assert _side_files(read_only_desk) == []
    close_database()
    assert _side_files(read_only_desk) == [] and digest(read_only_desk) == before


def test_login_on_a_read_only_file_checks_the_pin_and_writes_nothing(read_only_desk, desk):
    before = digest(read_only_desk)
    open_database(read_only_desk)
    events = Event.select().count()
    assert auth.login(desk, "op01", "1111").code == "op01"
    with pytest.raises(AuthFailed):
        auth.login(desk, "op01", "9999")
    assert Event.select().count() == events
    close_database()
    assert digest(read_only_desk) == before


def test_writes_are_refused_before_they_start_naming_the_cause(read_only_desk, desk, staff):
    from aftersales.services.complaints.intake import create_complaint

    open_database(read_only_desk)
    with pytest.raises(StorageError) as refused:
        create_complaint(desk, staff["op01"], complaint_data(phone="13700001111"))
    assert refused.value.params["cause_code"] == "read_only"
    assert i18n.error_text(refused.value) == (
        "The database file is read-only while saving a new complaint; nothing was lost from the screen")
    assert Complaint.select().count() == 1


def test_after_chmod_644_the_same_file_takes_writes_again(read_only_desk, desk, staff):
    open_database(read_only_desk)
    close_database()
    read_only_desk.chmod(0o644)
    open_database(read_only_desk)
    assert not opened_read_only()
    new_complaint(desk, staff["op01"], phone="13700001111")
    assert Complaint.select().count() == 2


def test_check_export_and_backup_work_on_a_read_only_file(capsys, read_only_desk, tmp_path):
    assert run(capsys, "check", "--db", read_only_desk).code == 0
    assert run(capsys, "export", "complaints", "--db", read_only_desk, "--out", tmp_path / "x.csv").code == 0
    assert run(capsys, "backup", "--db", read_only_desk, "--out", tmp_path / "copy.db").code == 0
    assert _side_files(read_only_desk) == []


def test_a_write_from_the_command_line_is_refused_before_the_pin_is_asked(capsys, read_only_desk, tmp_path):
    (tmp_path / "in.csv").write_text("phone\n", encoding="utf-8")
    outcome = run(capsys, "import", "complaints", tmp_path / "in.csv", "--db", read_only_desk, "--user", "op01")
    assert (outcome.code, outcome.err) == (1, f"{read_only_desk}: read-only: changes are disabled\n")
    outcome = run_as(capsys, "admin", "staff", "deactivate", "op02", "--db", read_only_desk)
    assert outcome.err == f"{read_only_desk}: read-only: changes are disabled\n"


def test_side_files_left_read_only_by_an_older_version_are_made_writable(desk, staff, db_path):
    import sqlite3

    close_database()
    holder = sqlite3.connect(db_path)  # keeps -wal and -shm in place, as a crashed reader would leave them
    holder.execute("SELECT count(*) FROM complaint").fetchone()
    sides = _side_files(db_path)
    assert len(sides) == 2
    for side in sides:
        side.chmod(0o444)
    open_database(db_path)
    new_complaint(desk, staff["op01"])
    assert all(side.stat().st_mode & stat.S_IWUSR for side in sides)
    holder.close()


# ----- as an ordinary user: root ignores file modes, so the trap itself only shows without it -------------


def _nobody() -> int | None:
    try:
        return pwd.getpwnam("nobody").pw_uid
    except KeyError:
        return None


as_root = pytest.mark.skipif(os.geteuid() != 0 or _nobody() is None, reason="needs root to act as nobody")


def _as_nobody(work: Callable[[], str]) -> str:
    """Run `work` in a child process that became `nobody`; returns what it returned (or its error)."""
    close_database()
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        os.close(reader)
        try:
            os.setgid(65534)
            os.setuid(_nobody() or 65534)
            result = work()
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
            result = f"{type(exc).__name__}: {exc}"
        os.write(writer, result.encode())
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        answer = pipe.read().decode()
    os.waitpid(child, 0)
    return answer


@pytest.fixture
def shared_folder(desk) -> Iterator[Path]:
    """A desk file owned by nobody in a folder anyone may write, as on a shared drive."""
    folder = Path(tempfile.mkdtemp(prefix="aftersales-ro-", dir="/tmp"))
    folder.chmod(0o777)
    path = folder / "desk.db"
    close_database()
    open_database(path, create=True)
    from .factories import seed_shops, seed_staff

    people = seed_staff()
    seed_shops()
    new_complaint(desk, people["op01"])
    close_database()
    os.chown(path, _nobody() or 65534, 65534)
    yield path
    for leftover in folder.iterdir():
        leftover.unlink()
    folder.rmdir()


@as_root
def test_an_ordinary_user_opening_a_444_file_leaves_nothing_that_blocks_a_later_writable_open(shared_folder, desk):
    shared_folder.chmod(0o444)

    def view() -> str:
        open_database(shared_folder)
        number = get_complaint(1).number
        close_database()
        return number

    assert _as_nobody(view) == "TS-20261127-0001"
    assert _side_files(shared_folder) == []
    shared_folder.chmod(0o644)

    def write() -> str:
        open_database(shared_folder)
        op = auth.login(desk, "op01", "1111")
        return new_complaint(desk, op, phone="13700001111").number

    assert _as_nobody(write) == "TS-20261127-0002"
