"""The complaint life cycle: every legal move works, every illegal one is refused with a reason."""

import itertools

import pytest

from aftersales import i18n
from aftersales.domain.enums import OPEN_STATUSES, ComplaintStatus
from aftersales.domain.errors import TransitionRefused
from aftersales.domain.status_machine import Move, check_move, legal_moves, status_choices, way_to

S = ComplaintStatus

LEGAL = {
    (S.NEW, S.ACKNOWLEDGED, Move.ACKNOWLEDGE),
    (S.ACKNOWLEDGED, S.INVESTIGATING, Move.INVESTIGATE),
    (S.INVESTIGATING, S.AWAITING_DELIVERY, Move.AWAIT_DELIVERY),
    (S.INVESTIGATING, S.AWAITING_CUSTOMER, Move.AWAIT_CUSTOMER),
    (S.AWAITING_DELIVERY, S.INVESTIGATING, Move.RESUME),
    (S.AWAITING_CUSTOMER, S.INVESTIGATING, Move.RESUME),
    (S.INVESTIGATING, S.RESOLVED, Move.RESOLVE),
    (S.RESOLVED, S.CLOSED, Move.CLOSE_AFTER_CALLBACK),
    (S.RESOLVED, S.INVESTIGATING, Move.REOPEN),
} | {(s, S.CLOSED, m) for s in OPEN_STATUSES for m in (Move.WITHDRAW, Move.MERGE)}


@pytest.mark.parametrize(("current", "target", "move"), sorted(LEGAL))
def test_legal_move_is_accepted(current, target, move):
    check_move(current, target, move, callback_completed=True)


ILLEGAL = [
    (c, t, m)
    for c, t, m in itertools.product(S, S, Move)
    if (c, t, m) not in LEGAL
]


@pytest.mark.parametrize(("current", "target", "move"), ILLEGAL)
def test_illegal_move_is_refused_with_a_message(current, target, move):
    with pytest.raises(TransitionRefused) as refused:
        check_move(current, target, move, callback_completed=True)
    assert str(refused.value)
    assert current.value in str(refused.value)


def test_cannot_resolve_with_an_open_delivery_order():
    with pytest.raises(TransitionRefused) as refused:
        check_move(S.INVESTIGATING, S.RESOLVED, Move.RESOLVE, open_delivery_orders=1)
    assert "open delivery" in i18n.error_text(refused.value)


def test_cannot_close_without_a_completed_callback():
    with pytest.raises(TransitionRefused) as refused:
        check_move(S.RESOLVED, S.CLOSED, Move.CLOSE_AFTER_CALLBACK, callback_completed=False)
    assert "call-back" in i18n.error_text(refused.value)


def test_closed_complaint_has_no_way_out():
    assert legal_moves(S.CLOSED) == {}


def test_status_picker_offers_only_plain_moves():
    # Awaiting delivery comes and goes with delivery orders, never through the picker.
    assert status_choices(S.INVESTIGATING) == [S.AWAITING_CUSTOMER]
    assert status_choices(S.AWAITING_DELIVERY) == []
    assert status_choices(S.AWAITING_CUSTOMER) == [S.INVESTIGATING]
    assert status_choices(S.NEW) == []
    assert status_choices(S.RESOLVED) == []


def test_the_way_to_a_status_is_the_fewest_forward_moves() -> None:
    assert [step.move for step in way_to(S.NEW, {S.INVESTIGATING}) or []] == [Move.ACKNOWLEDGE, Move.INVESTIGATE]
    assert way_to(S.INVESTIGATING, {S.INVESTIGATING, S.AWAITING_DELIVERY}) == []
    waiting = way_to(S.AWAITING_DELIVERY, {S.RESOLVED}) or []
    assert [(step.move, step.by_order) for step in waiting] == [(Move.RESUME, True), (Move.RESOLVE, False)]
    # Nothing of the desk's own leads back from a resolution or out of a closed complaint.
    assert way_to(S.RESOLVED, {S.INVESTIGATING}) is None
    assert way_to(S.CLOSED, {S.NEW, S.INVESTIGATING}) is None
