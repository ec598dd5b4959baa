"""Several desks on one file: IMMEDIATE transactions lose nothing and never surface 'locked'."""

import multiprocessing
from pathlib import Path

from aftersales.services.audit import verify_chain
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Complaint, Event

from .factories import new_complaint

PROCESSES = 8
CALLS = 200


def _desk_worker(path: str, worker: int) -> tuple[int, list[str]]:
    """One desk process: alternately takes complaints and writes notes on the last one."""
    from aftersales.domain.clock import fixed_clock
    from aftersales.services.complaints import actions as complaint_actions
    from aftersales.services.context import Desk
    from aftersales.store.converters import staff_view
    from aftersales.store.models import Staff

    from .factories import NOW

    open_database(path)
    desk = Desk(clock=fixed_clock(NOW))
    actor = staff_view(Staff.get(Staff.code == "op01"))
    errors: list[str] = []
    done = 0
    last_id = None
    for call in range(CALLS):
        try:
            if call % 2 == 0 or last_id is None:
                last_id = new_complaint(desk, actor, phone=f"139{worker:04d}{call:04d}").id
            else:
                complaint_actions.add_note(desk, actor, last_id, {"text": f"desk {worker} call {call}"})
            done += 1
        except Exception as exc:  # any failure is what the test counts
            errors.append(f"{type(exc).__name__}: {exc}")
    close_database()
    return done, errors


def test_eight_desks_writing_at_once_lose_nothing(db_path: Path, staff):
    close_database()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(PROCESSES) as pool:
        results = pool.starmap(_desk_worker, [(str(db_path), w) for w in range(PROCESSES)])
    open_database(db_path)
    errors = [e for _, errs in results for e in errs]
    assert not [e for e in errors if "locked" in e.lower()]
    assert errors == []
    assert sum(done for done, _ in results) == PROCESSES * CALLS
    assert Complaint.select().count() == PROCESSES * CALLS // 2
    notes = Event.select().where(Event.kind == "note").count()
    assert notes == PROCESSES * CALLS // 2
    numbers = [c.number for c in Complaint.select(Complaint.number)]
    assert len(set(numbers)) == len(numbers)
    db = Complaint._meta.database
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert verify_chain().first_broken is None
