"""Penalty details on both engines: a ladder rule refuses an amount; one open dismissal review per person."""

from datetime import date

import pytest

from aftersales import i18n
from aftersales.domain.errors import InvalidInput
from aftersales.domain.penalties.enums import DismissalReview
from aftersales.domain.penalties.workflow import AlreadyDecided, ReviewPlace, one_open_review
from aftersales.domain.schemas import StaffView
from aftersales.services.audit import verify_chain
from aftersales.services.penalties.decide import (
    appeal_violation,
    confirm_violation,
    decide_appeal,
    decide_review,
)
from aftersales.services.penalties.read import confirm_consequence, ledger, own_subject, to_confirm
from aftersales.store.migrations import v016_one_open_review
from aftersales.store.models import Event, PenaltyEntry, Violation, database

from .penalty_factories import desk_at, propose, proposed_and_confirmed, stored
from .test_penalty_concurrency import _race

Staff = dict[str, StaffView]
R = DismissalReview


def reviews(ids: list[int]) -> list[tuple[str, int | None]]:
    return [(stored(i).review, stored(i).review_of_id) for i in ids]


def confirmed(staff: Staff, count: int, first_month: int = 1) -> list[int]:
    """`count` ladder violations of op02 this year, one a month from `first_month`, each confirmed."""
    return [proposed_and_confirmed(desk_at(), staff, day=date(2026, first_month + n, 5)) for n in range(count)]


def overturn(violation_id: int, staff: Staff) -> None:
    appeal_violation(desk_at(), staff["op02"], violation_id, {"reason": "当天系统故障，不是我的责任"})
    decide_appeal(desk_at(), staff["mgr01"], violation_id, {"overturn": True, "note": "核实属实"})


# --- a ladder rule refuses an amount ---------------------------------------------------------------------

def test_confirming_a_ladder_violation_with_an_amount_is_refused_under_the_amount(staff: Staff) -> None:
    violation_id = propose(desk_at(), staff["op01"])
    with pytest.raises(InvalidInput) as refused:
        confirm_violation(desk_at(), staff["mgr01"], violation_id, {"amount_fen": 38000})
    assert refused.value.fields["amount_fen"].key == "penalties.validation.amount_by_ladder"
    assert stored(violation_id).status == "proposed" and stored(violation_id).tier is None
    assert PenaltyEntry.select().count() == 0
    assert "discretionary rule" in i18n.field_texts(refused.value.fields)["amount_fen"]
    i18n.set_language("zh_CN")
    assert "酌情" in i18n.field_texts(refused.value.fields)["amount_fen"]
    confirm_violation(desk_at(), staff["mgr01"], violation_id, {})
    assert (stored(violation_id).tier, stored(violation_id).amount_fen) == (1, 5000)


def test_a_discretionary_violation_still_needs_its_amount(staff: Staff) -> None:
    loss = propose(desk_at(), staff["op01"], rule="loss_by_rule_breach", loss="未核实地址导致二次送货，运费损失 380 元")
    with pytest.raises(InvalidInput) as missing:
        confirm_violation(desk_at(), staff["mgr01"], loss, {})
    assert missing.value.fields["amount_fen"].key == "penalties.validation.amount_missing"


# --- one open dismissal review per person -----------------------------------------------------------------

def test_a_fourth_violation_joins_the_review_the_third_opened(staff: Staff) -> None:
    ids = confirmed(staff, 3)
    shown = confirm_consequence(desk_at(), staff["lead01"], propose(desk_at(), staff["op01"], day=date(2026, 6, 5)))
    assert (shown.tier, shown.opens_review, shown.joins_review) == (4, False, ids[2])
    confirm_violation(desk_at(), staff["lead01"], shown.violation_id)
    ids.append(shown.violation_id)
    assert reviews(ids) == [("none", None), ("none", None), ("open", None), ("joined", ids[2])]
    assert Violation.select().where(Violation.review == "open").count() == 1
    assert ledger(desk_at(), staff["op02"], own_subject(staff["op02"])).open_review
    assert [(item.violation.id, item.waiting) for item in to_confirm(desk_at(), staff["mgr01"])] == [(ids[2], "review")]
    assert ledger(desk_at(), staff["op02"], own_subject(staff["op02"])).violations[-1].review_of == ids[2]


def test_the_managers_decision_on_the_review_covers_every_violation_that_joined_it(staff: Staff) -> None:
    ids = confirmed(staff, 5)
    assert reviews(ids)[2:] == [("open", None), ("joined", ids[2]), ("joined", ids[2])]
    decide_review(desk_at(), staff["mgr01"], ids[4], {"dismiss": False, "note": "留用察看三个月"})
    assert reviews(ids)[2:] == [("retained", None), ("retained", ids[2]), ("retained", ids[2])]
    assert {stored(i).review_note for i in ids[2:]} == {"留用察看三个月"}
    decided = Event.select().where(Event.kind == "dismissal_decided").order_by(Event.id)
    assert [event.field for event in decided] == [f"violation:{i}" for i in ids[2:]]
    with pytest.raises(AlreadyDecided):
        decide_review(desk_at(), staff["mgr01"], ids[3], {"dismiss": True, "note": "辞退"})
    sixth = proposed_and_confirmed(desk_at(), staff, day=date(2026, 7, 5))
    assert reviews([sixth]) == [("open", None)]  # a decided review is over: the next reaching one opens anew
    assert verify_chain().first_broken is None


def test_overturning_the_violation_holding_the_review_hands_it_to_the_next_one(staff: Staff) -> None:
    ids = confirmed(staff, 5)
    overturn(ids[2], staff)
    assert [stored(i).tier for i in ids] == [1, 2, 3, 3, 4]
    assert reviews(ids) == [("none", None), ("none", None), ("withdrawn", None), ("open", None), ("joined", ids[3])]


def test_overturning_an_earlier_one_withdraws_the_review_below_the_tier_and_the_next_one_holds_it(staff: Staff) -> None:
    ids = confirmed(staff, 4)
    overturn(ids[0], staff)
    assert [stored(i).tier for i in ids[1:]] == [1, 2, 3]
    assert reviews(ids) == [("none", None), ("none", None), ("withdrawn", None), ("open", None)]
    overturn(ids[3], staff)
    assert reviews(ids)[2:] == [("withdrawn", None), ("withdrawn", None)]
    assert not ledger(desk_at(), staff["op02"], own_subject(staff["op02"])).open_review


def test_overturning_a_violation_that_joined_leaves_the_review_to_its_holder(staff: Staff) -> None:
    ids = confirmed(staff, 5)
    overturn(ids[3], staff)
    assert reviews(ids)[2:] == [("open", None), ("withdrawn", None), ("joined", ids[2])]


def test_a_late_confirmation_moving_an_earlier_one_to_the_tier_joins_the_review_that_stays_open(staff: Staff) -> None:
    ids = confirmed(staff, 3, first_month=3)
    late = proposed_and_confirmed(desk_at(), staff, day=date(2026, 1, 5))
    assert [stored(i).tier for i in [late, *ids]] == [1, 2, 3, 4]
    assert reviews([late, *ids]) == [("none", None), ("none", None), ("joined", ids[2]), ("open", None)]
    fifth = proposed_and_confirmed(desk_at(), staff, day=date(2026, 8, 5))
    assert reviews([fifth]) == [("joined", ids[2])]


def test_two_desks_confirming_a_persons_third_and_fourth_at_once_open_one_review(
    db_target: str, staff: Staff
) -> None:
    confirmed(staff, 2)
    third, fourth = (propose(desk_at(), staff["op01"], day=date(2026, 6 + n, 5)) for n in range(2))
    assert _race(db_target, [third], [fourth]) == [["confirmed"], ["confirmed"]]
    holder = Violation.get(Violation.review == "open")
    joined = Violation.get(Violation.review == "joined")
    assert {holder.id, joined.id} == {third, fourth} and joined.review_of_id == holder.id
    assert verify_chain().first_broken is None


def test_the_upgrade_makes_a_persons_later_open_reviews_join_the_first(staff: Staff) -> None:
    ids = confirmed(staff, 4)
    Violation.update(review="open", review_of=None).where(Violation.id == ids[3]).execute()  # as before schema 17
    v016_one_open_review.migrate(database.obj)
    assert reviews(ids)[2:] == [("open", None), ("joined", ids[2])]
    v016_one_open_review.migrate(database.obj)  # idempotent
    assert reviews(ids)[2:] == [("open", None), ("joined", ids[2])]


# --- the rule itself, without a database ------------------------------------------------------------------

def place(violation_id: int, review: DismissalReview, reaches: bool, review_of: int | None = None) -> ReviewPlace:
    return ReviewPlace(violation_id, review, review_of, reaches)


def test_one_open_review_keeps_its_holder_and_lets_later_ones_join() -> None:
    assert one_open_review([place(1, R.NONE, False), place(2, R.NONE, True), place(3, R.NONE, True)]) == {
        2: (R.OPEN, None), 3: (R.JOINED, 2)}
    assert one_open_review([place(1, R.NONE, True), place(2, R.OPEN, True)]) == {1: (R.JOINED, 2)}
    assert one_open_review([place(1, R.OPEN, False), place(2, R.JOINED, True, 1), place(3, R.JOINED, True, 1)]) == {
        1: (R.WITHDRAWN, None), 2: (R.OPEN, None), 3: (R.JOINED, 2)}
    assert one_open_review([place(1, R.RETAINED, True), place(2, R.RETAINED, True, 1), place(3, R.NONE, True)]) == {
        3: (R.OPEN, None)}
    assert one_open_review([place(1, R.DISMISSED, False)]) == {}


