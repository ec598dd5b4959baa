"""Opening a database reads its schema version without a lock: reading never waits on another desk's write."""

import time

from aftersales.store.db import close_database, open_database
from aftersales.store.models import Complaint

from .cli_helpers import run
from .factories import new_complaint
from .other_desk import writing

# Far below the 10 s busy timeout a lock wait would show.
PROMPT = 2.0


def _timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def test_a_desk_opens_while_another_desk_is_writing(db_target, staff, desk):
    new_complaint(desk, staff["op01"])
    close_database()
    with writing(db_target):
        db, seconds = _timed(lambda: open_database(db_target))
        assert Complaint.select().count() == 1
        close_database()
    assert seconds < PROMPT


def test_check_runs_while_another_desk_is_writing(capsys, db_target, staff, desk):
    new_complaint(desk, staff["op01"])
    close_database()
    with writing(db_target):
        outcome, seconds = _timed(lambda: run(capsys, "check", "--db", db_target))
    assert outcome.code == 0, outcome.err
    assert "audit chain: 1 event intact" in outcome.out
    assert seconds < PROMPT


def test_export_runs_while_another_desk_is_writing(capsys, db_target, staff, desk, tmp_path):
    new_complaint(desk, staff["op01"])
    close_database()
    out = tmp_path / "all.csv"
    with writing(db_target):
        outcome, seconds = _timed(lambda: run(capsys, "export", "complaints", "--db", db_target, "--out", out))
    assert outcome.code == 0, outcome.err
    assert outcome.out.strip() == f"exported 1 complaint to {out}"
    assert seconds < PROMPT
