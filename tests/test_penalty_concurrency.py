"""Two desks deciding at the same moment: a violation is confirmed once, and tiers never collide."""

import multiprocessing
from typing import Any

from aftersales.domain.schemas import StaffView
from aftersales.services.audit import verify_chain
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Event, PenaltyEntry, Violation

from .penalty_factories import desk_at, propose

ROUNDS = 4


def _confirming_desk(target: str, decider: str, violation_ids: list[int], barrier: Any) -> list[str]:
    """One desk process: for each violation, wait for the other desk, then both press confirm."""
    from aftersales.domain.penalties.workflow import AlreadyDecided
    from aftersales.services.penalties.decide import confirm_violation
    from aftersales.store.converters import staff_view
    from aftersales.store.models import Staff

    open_database(target)
    actor = staff_view(Staff.get(Staff.code == decider))
    outcomes = []
    for violation_id in violation_ids:
        barrier.wait()
        try:
            confirm_violation(desk_at(), actor, violation_id)
            outcomes.append("confirmed")
        except AlreadyDecided as exc:
            outcomes.append(exc.key)
    close_database()
    return outcomes


def _race(target: str, lead_ids: list[int], manager_ids: list[int]) -> list[list[str]]:
    """lead01 and mgr01, in two processes, confirm their lists side by side, one pair at a time."""
    close_database()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager, ctx.Pool(2) as pool:
        barrier = manager.Barrier(2)
        results = pool.starmap(
            _confirming_desk, [(target, "lead01", lead_ids, barrier), (target, "mgr01", manager_ids, barrier)]
        )
    open_database(target)
    return results


def test_two_desks_confirming_the_same_violation_at_once_confirm_it_once(
    db_target: str, staff: dict[str, StaffView]
) -> None:
    ids = [propose(desk_at(), staff["op01"], "op02") for _ in range(ROUNDS)]
    results = _race(db_target, ids, ids)
    for index, violation_id in enumerate(ids):
        assert sorted(outcome[index] for outcome in results) == ["confirmed", "penalties.error.already_decided"]
        assert PenaltyEntry.select().where(PenaltyEntry.violation == violation_id).count() == 1
        confirmed = Event.select().where((Event.kind == "violation_confirmed") & (Event.field == f"violation:{violation_id}"))
        assert confirmed.count() == 1
    assert [(row.tier, row.amount_fen) for row in Violation.select().order_by(Violation.id)] == [
        (1, 5000), (2, 10000), (3, 20000), (4, 20000)]
    assert verify_chain().first_broken is None


def test_two_desks_confirming_two_violations_of_one_person_at_once_give_them_different_tiers(
    db_target: str, staff: dict[str, StaffView]
) -> None:
    ids = [propose(desk_at(), staff["op01"], "op02") for _ in range(2 * ROUNDS)]
    results = _race(db_target, ids[0::2], ids[1::2])
    assert results == [["confirmed"] * ROUNDS] * 2
    tiers = sorted(row.tier for row in Violation.select())
    assert tiers == list(range(1, 2 * ROUNDS + 1))
    total = sum(e.amount_fen for e in PenaltyEntry.select())
    assert total == 5000 + 10000 + 20000 * (2 * ROUNDS - 2)
