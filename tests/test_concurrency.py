"""Several desks on one database: nothing lost, never 'locked', one unforked audit chain, short waits."""

import multiprocessing
import os
import time

import pytest
from peewee import fn

from aftersales.services.audit import verify_chain
from aftersales.services.maintenance import check_database
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Complaint, Event

from .factories import new_complaint

PROCESSES = 8
CALLS = 200
WAIT_TARGET = 0.1  # seconds: p99 of a save's wait for the write lock with 8 desks writing flat out
# Where the figures of the last run are written (p50, p99 and worst save per engine), for reports.
FIGURES_ENV = "AFTERSALES_TEST_FIGURES"


def _desk_worker(
    target: str, worker: int, start_at: float
) -> tuple[int, list[str], list[float], list[float], list[float]]:
    """One desk process: alternately takes complaints and writes notes on the last one; returns what
    it did, its errors, each save's time, and each write transaction's wait for the write lock and
    time holding it."""
    from aftersales.domain.clock import fixed_clock
    from aftersales.services.complaints import actions as complaint_actions
    from aftersales.services.context import Desk
    from aftersales.store import lock_clock
    from aftersales.store.converters import staff_view
    from aftersales.store.models import Staff

    from .factories import NOW

    open_database(target)
    desk = Desk(clock=fixed_clock(NOW))
    actor = staff_view(Staff.get(Staff.code == "op01"))
    errors: list[str] = []
    saves: list[float] = []
    done = 0
    last_id = None
    time.sleep(max(0.0, start_at - time.time()))  # every desk starts writing at the same moment
    lock_clock.start_recording()
    for call in range(CALLS):
        began = time.perf_counter()
        try:
            if call % 2 == 0 or last_id is None:
                last_id = new_complaint(desk, actor, phone=f"139{worker:04d}{call:04d}").id
            else:
                complaint_actions.add_note(desk, actor, last_id, {"text": f"desk {worker} call {call}"})
            done += 1
        except Exception as exc:  # any failure is what the test counts
            errors.append(f"{type(exc).__name__}: {exc}")
        saves.append(time.perf_counter() - began)
    close_database()
    return done, errors, saves, lock_clock.waits(), lock_clock.holds()


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@pytest.mark.timing
@pytest.mark.real_clock  # the desks start together by the wall clock, which is real in their processes
def test_eight_desks_writing_at_once_lose_nothing_and_keep_one_chain(db_target, staff, engine):
    close_database()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(PROCESSES) as pool:
        start_at = time.time() + 3.0  # after every process has imported and connected
        results = pool.starmap(_desk_worker, [(db_target, w, start_at) for w in range(PROCESSES)])
    open_database(db_target)
    errors = [e for _, errs, *_ in results for e in errs]
    assert not [e for e in errors if "locked" in e.lower()]
    assert errors == []
    assert sum(done for done, *_ in results) == PROCESSES * CALLS
    assert Complaint.select().count() == PROCESSES * CALLS // 2
    notes = Event.select().where(Event.kind == "note").count()
    assert notes == PROCESSES * CALLS // 2
    numbers = [c.number for c in Complaint.select(Complaint.number)]
    assert len(set(numbers)) == len(numbers)
    # No two events may seal the same predecessor (a fork), and `check` passes as a whole.
    forks = Event.select(Event.prev_hash).group_by(Event.prev_hash).having(fn.COUNT(Event.id) > 1).count()
    assert forks == 0
    report = check_database()
    assert report.ok, report
    assert report.events == PROCESSES * CALLS
    assert verify_chain().first_broken is None
    saves = [s for _, _, ss, _, _ in results for s in ss]
    waits = [w for _, _, _, ws, _ in results for w in ws]
    holds = [h for *_, hs in results for h in hs]
    assert len(waits) == len(holds) == PROCESSES * CALLS
    figures = {name: (_percentile(v, 0.5), _percentile(v, 0.99), max(v)) for name, v in
               (("lock wait", waits), ("lock held", holds), ("save", saves))}
    if os.environ.get(FIGURES_ENV):
        with open(os.environ[FIGURES_ENV], "a", encoding="utf-8") as out:
            for name, (p50, p99, worst) in figures.items():
                out.write(f"{engine}: {PROCESSES} writers x {CALLS} saves, {name} "
                          f"p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {worst * 1000:.1f} ms\n")
    p50, p99, worst = figures["lock wait"]
    # On this machine at rest the target governs. When other programs slow it down, every hold of
    # the lock grows and a fair queue's wait with it: a desk then waits at most one hold for each
    # desk ahead of it. Backing off (SQLite's own busy handler) waited 30-70 holds at p99.
    budget = max(WAIT_TARGET, (PROCESSES - 1) * figures["lock held"][1])
    assert p99 <= budget, (f"p99 lock wait {p99 * 1000:.0f} ms over {budget * 1000:.0f} ms "
                           f"(p50 {p50 * 1000:.0f} ms, worst {worst * 1000:.0f} ms)")
