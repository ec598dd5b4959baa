"""Re-tiering through the services: adjustments in the next open month, nothing deducted rewritten."""

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aftersales.domain.penalties.enums import STANDING, ViolationStatus
from aftersales.domain.penalties.ladder import Standing, step_amount, tiers
from aftersales.domain.penalties.months import MonthRefused
from aftersales.domain.penalties.policy import PenaltyPolicy
from aftersales.domain.schemas import StaffView
from aftersales.services.penalties.decide import (
    appeal_violation,
    confirm_violation,
    decide_appeal,
    waive_violation,
)
from aftersales.services.penalties.payroll import finalise_month
from aftersales.store.models import PayrollMonth, PenaltyEntry, Violation

from .penalty_factories import day_at, desk_at, ledger_sum, propose, proposed_and_confirmed, stored

Staff = dict[str, StaffView]
OCTOBER = day_at(date(2026, 10, 20))


def month_entries(month: str) -> list[tuple[int, str, int, bool]]:
    query = PenaltyEntry.select().where(PenaltyEntry.month == month).order_by(PenaltyEntry.id)
    return [(e.violation_id, e.kind, e.amount_fen, e.deducted) for e in query]


def overturn(violation_id: int, staff: Staff, moment: datetime) -> None:
    appeal_violation(desk_at(moment), staff["op02"], violation_id, {"reason": "当天系统故障，不是我的责任"})
    decide_appeal(desk_at(moment), staff["mgr01"], violation_id, {"overturn": True, "note": "核实属实"})


def test_overturning_the_first_after_the_third_was_deducted_refunds_in_the_next_open_month(staff: Staff) -> None:
    first, second, third = (proposed_and_confirmed(desk_at(OCTOBER), staff, day=date(2026, m, 3)) for m in (2, 5, 8))
    finalise_month(desk_at(OCTOBER), staff["lead01"], "2026-10")
    october = month_entries("2026-10")
    assert october == [(first, "charge", 5000, True), (second, "charge", 10000, True), (third, "charge", 20000, True)]
    assert stored(third).status == "deducted" and stored(third).review == "open"

    overturn(first, staff, day_at(date(2026, 11, 27)))

    assert month_entries("2026-10") == october  # nothing deducted is rewritten
    assert month_entries("2026-11") == [
        (first, "adjustment", -5000, False),   # the 1st refunded
        (second, "adjustment", -5000, False),  # the 2nd is now the 1st: 100 → 50
        (third, "adjustment", -10000, False),  # the 3rd is now the 2nd: 200 → 100
    ]
    assert [(stored(i).status, stored(i).tier, stored(i).amount_fen) for i in (first, second, third)] == [
        ("overturned", 1, 0), ("deducted", 1, 5000), ("deducted", 2, 10000)]
    assert stored(third).review == "withdrawn"
    assert ledger_sum(staff["op02"].id) == 5000 + 10000
    finalise_month(desk_at(), staff["lead01"], "2026-11")
    deducted = PenaltyEntry.select().join(Violation).where(Violation.subject_staff == staff["op02"].id)
    assert sum(e.amount_fen for e in deducted if e.deducted) == 15000


def test_a_change_after_the_month_was_finalised_goes_to_the_month_after(staff: Staff) -> None:
    first = proposed_and_confirmed(desk_at(), staff, day=date(2026, 3, 1))
    second = proposed_and_confirmed(desk_at(), staff, day=date(2026, 6, 1))
    finalise_month(desk_at(), staff["lead01"], "2026-11")
    overturn(first, staff, day_at(date(2026, 11, 28)))
    assert month_entries("2026-12") == [(first, "adjustment", -5000, False), (second, "adjustment", -5000, False)]
    assert [e[3] for e in month_entries("2026-11")] == [True, True]
    with pytest.raises(MonthRefused) as twice:
        finalise_month(desk_at(), staff["mgr01"], "2026-11")
    assert twice.value.key == "penalties.error.month_final"
    assert PayrollMonth.select().count() == 1


def test_a_late_confirmation_takes_its_place_and_charges_the_later_ones_the_difference(staff: Staff) -> None:
    may = proposed_and_confirmed(desk_at(OCTOBER), staff, day=date(2026, 5, 1))
    august = proposed_and_confirmed(desk_at(OCTOBER), staff, day=date(2026, 8, 1))
    finalise_month(desk_at(OCTOBER), staff["lead01"], "2026-10")
    february = proposed_and_confirmed(desk_at(), staff, day=date(2026, 2, 1))
    assert month_entries("2026-11") == [
        (february, "charge", 5000, False), (may, "adjustment", 5000, False), (august, "adjustment", 10000, False)]
    assert [stored(i).tier for i in (february, may, august)] == [1, 2, 3]
    assert stored(august).review == "open"
    assert ledger_sum(staff["op02"].id) == 5000 + 10000 + 20000


def test_a_violation_of_last_year_neither_counts_nor_moves_this_years(staff: Staff) -> None:
    this_year = proposed_and_confirmed(desk_at(), staff, day=date(2026, 1, 5))
    last_year = proposed_and_confirmed(desk_at(), staff, day=date(2025, 12, 30))
    assert (stored(last_year).tier, stored(this_year).tier) == (1, 1)
    rolling = desk_at(policy=PenaltyPolicy(window="rolling_12_months"))
    later = propose(rolling, staff["op01"], day=date(2026, 2, 1))
    confirm_violation(rolling, staff["lead01"], later)
    assert stored(later).tier == 3


# ----- any sequence of decisions ---------------------------------------------------------------

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("confirm"), st.dates(date(2025, 6, 1), date(2026, 12, 31))),
        st.tuples(st.just("waive"), st.dates(date(2025, 6, 1), date(2026, 12, 31))),
        st.tuples(st.sampled_from(["overturn", "uphold"]), st.integers(0, 20)),
        st.tuples(st.just("finalise"), st.just(None)),
    ),
    min_size=1,
    max_size=14,
)


def _standing_rows() -> list[Violation]:
    return list(Violation.select().where(Violation.status.in_([s.value for s in STANDING])).order_by(Violation.id))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_for_any_sequence_the_ledger_sums_to_the_tiers_that_stand(staff: Staff, ops: list[tuple[str, object]]) -> None:
    for table in (PenaltyEntry, PayrollMonth, Violation):
        table.delete().execute()
    month = date(2026, 11, 1)
    moment = day_at(date(2026, 11, 20))
    deducted_before: dict[int, int] = {}
    for op, arg in ops:
        desk = desk_at(moment)
        if op in ("confirm", "waive"):
            day = min(arg, moment.astimezone(desk.sla.zone).date())  # type: ignore[type-var]
            violation_id = propose(desk, staff["op01"], day=day)
            if op == "confirm":
                confirm_violation(desk, staff["lead01"], violation_id)
            else:
                waive_violation(desk, staff["lead01"], violation_id, {"reason": "情有可原"})
        elif op in ("overturn", "uphold"):
            rows = [r for r in _standing_rows() if r.appealed_at is None]
            if rows:
                target = rows[int(arg) % len(rows)].id  # type: ignore[call-overload]
                appeal_violation(desk, staff["op02"], target, {"reason": "申诉理由"})
                decide_appeal(desk, staff["mgr01"], target, {"overturn": op == "overturn", "note": "决定"})
        else:
            finalise_month(desk, staff["lead01"], f"{month:%Y-%m}")
            deducted_before = {e.id: e.amount_fen for e in PenaltyEntry.select().where(PenaltyEntry.deducted == True)}  # noqa: E712
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
            moment = day_at(month.replace(day=10))
        now_deducted = {e.id: e.amount_fen for e in PenaltyEntry.select().where(PenaltyEntry.id.in_(list(deducted_before)))}
        assert now_deducted == deducted_before  # deducted entries are never rewritten
    standing = _standing_rows()
    fresh = tiers([Standing(r.id, r.incident_date, r.decided_at) for r in standing], PenaltyPolicy().window)
    expected = sum(step_amount(PenaltyPolicy().staff_ladder_fen, tier) for tier in fresh.values())
    assert ledger_sum(staff["op02"].id) == expected
    assert {r.id: r.tier for r in standing} == fresh
    for row in Violation.select():
        money = sum(e.amount_fen for e in PenaltyEntry.select().where(PenaltyEntry.violation == row.id))
        assert money == (row.amount_fen if ViolationStatus(row.status) in STANDING else 0)


def test_the_clock_of_these_tests_is_inside_the_payroll_year() -> None:
    assert desk_at().clock() == datetime(2026, 11, 27, 2, 0, tzinfo=UTC)
