"""Helpers for command-line tests: running `main`, file digests, closed desk databases on disk."""

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from aftersales.cli import main
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Complaint, Event

from .factories import DEMO_STAFF, seed_shops, seed_staff

PINS = {code: pin for code, _name, _role, pin in DEMO_STAFF}


@dataclass(frozen=True)
class Outcome:
    """What a user sees after one command: exit status and the two output streams."""

    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Outcome:
    """Run `aftersales ARGV` in this process and capture what it printed."""
    capsys.readouterr()
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)


def run_as(capsys: pytest.CaptureFixture[str], code: str, *argv: str, pin: str | None = None) -> Outcome:
    """Run `aftersales ARGV --user CODE` as a script would: the PIN (the demo one by default) in AFTERSALES_PIN."""
    before = os.environ.get("AFTERSALES_PIN")
    os.environ["AFTERSALES_PIN"] = PINS[code] if pin is None else pin
    try:
        return run(capsys, *argv, "--user", code)
    finally:
        if before is None:
            del os.environ["AFTERSALES_PIN"]
        else:
            os.environ["AFTERSALES_PIN"] = before


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def empty_desk(path: Path) -> None:
    """A new database file with the demo staff and shops, closed."""
    open_database(path, create=True)
    seed_staff()
    seed_shops()
    close_database()


def counts(path: Path) -> tuple[int, int]:
    """Complaints and their events stored in the database file at `path` (logins are not counted)."""
    open_database(path)
    try:
        return Complaint.select().count(), Event.select().where(Event.complaint.is_null(False)).count()
    finally:
        close_database()


def assert_one_line_naming(outcome: Outcome, path: Path) -> None:
    """A refusal a user can read: non-zero exit, one stderr line naming the file, no traceback."""
    assert outcome.code != 0
    lines = outcome.err.strip().splitlines()
    assert len(lines) == 1, outcome.err
    assert str(path) in lines[0]
    assert "Traceback" not in outcome.err + outcome.out
