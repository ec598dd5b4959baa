"""Range arithmetic of the sales documents: every number stays in exactly one state, refusals name numbers."""

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aftersales.domain.documents.enums import DocumentKind, DocumentMove, NumberState
from aftersales.domain.documents.numbers import parse_number, written, written_range
from aftersales.domain.documents.ranges import RESULT, Clash, Segment, clashes, moved

AT = datetime(2026, 3, 1, tzinfo=UTC)
LATER = datetime(2026, 3, 2, tzinfo=UTC)
M = DocumentMove
S = NumberState


def stock(first: int, last: int) -> Segment:
    return Segment(first, last, S.IN_STOCK, None, AT)


def issued(first: int, last: int, shop: int) -> Segment:
    return Segment(first, last, S.ISSUED, shop, AT)


@pytest.mark.parametrize(
    ("stored", "first", "last", "move", "shop", "refused"),
    [
        # Receiving: anything already known clashes, nothing else does.
        ([], 1, 100, M.RECEIVE, None, []),
        ([stock(1, 100)], 50, 150, M.RECEIVE, None, [Clash(50, 100, S.IN_STOCK, None)]),
        ([stock(1, 10), issued(11, 20, 2)], 5, 15, M.RECEIVE, None,
         [Clash(5, 10, S.IN_STOCK, None), Clash(11, 15, S.ISSUED, 2)]),
        # Issuing: only numbers at the desk.
        ([stock(1, 100)], 10, 20, M.ISSUE, 1, []),
        ([stock(1, 100)], 90, 120, M.ISSUE, 1, [Clash(101, 120, None, None)]),
        ([stock(1, 10), issued(11, 20, 2), stock(21, 30)], 1, 30, M.ISSUE, 1, [Clash(11, 20, S.ISSUED, 2)]),
        ([Segment(1, 10, S.RETURNED, 2, AT)], 1, 10, M.ISSUE, 1, []),
        # Returning or using: only numbers issued to that shop.
        ([issued(1, 10, 1)], 3, 4, M.RETURN, 1, []),
        ([issued(1, 10, 1)], 3, 4, M.RETURN, 2, [Clash(3, 4, S.ISSUED, 1)]),
        ([stock(1, 10)], 3, 4, M.RETURN, 1, [Clash(3, 4, S.IN_STOCK, None)]),
        ([issued(1, 10, 1)], 8, 12, M.USE, 1, [Clash(11, 12, None, None)]),
        # Voiding or losing: a shop's own issued numbers, or the desk's stock.
        ([issued(1, 10, 1)], 1, 10, M.VOID, 1, []),
        ([issued(1, 10, 1)], 1, 10, M.VOID, None, [Clash(1, 10, S.ISSUED, 1)]),
        ([stock(1, 10)], 2, 3, M.LOSE, None, []),
        ([Segment(1, 10, S.USED, 1, AT)], 2, 3, M.LOSE, 1, [Clash(2, 3, S.USED, 1)]),
        # A gap between two stored ranges is named.
        ([stock(1, 10), stock(21, 30)], 1, 30, M.ISSUE, 1, [Clash(11, 20, None, None)]),
    ],
)
def test_a_move_clashes_exactly_where_numbers_may_not_make_it(stored, first, last, move, shop, refused):
    assert clashes(stored, first, last, move, shop) == refused


def test_a_move_splits_a_range_into_its_untouched_ends_and_the_moved_part():
    after = moved([stock(1, 100)], 40, 59, M.ISSUE, 7, LATER)
    assert after == [stock(1, 39), Segment(40, 59, S.ISSUED, 7, LATER), stock(60, 100)]


def test_a_move_over_several_ranges_leaves_one_range_for_the_moved_numbers():
    before = [issued(1, 10, 1), Segment(11, 20, S.RETURNED, 1, AT), stock(21, 30)]
    after = moved(before[1:], 15, 25, M.ISSUE, 2, LATER)
    assert after == [Segment(11, 14, S.RETURNED, 1, AT), Segment(15, 25, S.ISSUED, 2, LATER), stock(26, 30)]


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("HT20261100001", (DocumentKind.CONTRACT, 20261100001)), ("xs0001234", (DocumentKind.RECEIPT, 1234)),
     ("JQ-00000042", (DocumentKind.PRICE_TAG, 42)), ("1234", (None, 1234)), ("AB123", None), ("HT", None), ("", None)],
)
def test_written_numbers_name_their_kind_by_prefix(text, parsed):
    assert parse_number(text) == parsed


def test_numbers_are_written_with_the_kinds_prefix_and_width():
    assert written(DocumentKind.RECEIPT, 1234) == "XS0001234"
    assert written_range(DocumentKind.PRICE_TAG, 1, 3) == "JQ00000001–JQ00000003"


# --- property: any sequence of moves keeps every number in exactly one state -------------------------

UNIVERSE = 60
moves_strategy = st.lists(
    st.tuples(st.sampled_from(list(DocumentMove)), st.integers(0, UNIVERSE - 1), st.integers(0, 20),
              st.sampled_from([None, 1, 2])),
    max_size=25,
)


def _state_of(segments: list[Segment]) -> dict[int, tuple[NumberState, int | None]]:
    out: dict[int, tuple[NumberState, int | None]] = {}
    for segment in segments:
        for number in range(segment.first, segment.last + 1):
            assert number not in out, f"{number} is in two ranges"
            out[number] = (segment.state, segment.shop_id)
    return out


def _allowed(before: tuple[NumberState, int | None] | None, move: DocumentMove, shop: int | None) -> bool:
    if move is M.RECEIVE:
        return before is None
    if before is None:
        return False
    state, holder = before
    if move is M.ISSUE:
        return state in (S.IN_STOCK, S.RETURNED) and shop is not None
    if move in (M.RETURN, M.USE):
        return state is S.ISSUED and holder == shop and shop is not None
    if shop is None:
        return state in (S.IN_STOCK, S.RETURNED)
    return state is S.ISSUED and holder == shop


@settings(max_examples=300, deadline=None)
@given(moves_strategy)
def test_moves_never_leave_a_number_in_two_states_or_none(steps):
    segments: list[Segment] = []
    received: set[int] = set()
    for move, first, length, shop in steps:
        last = min(first + length, UNIVERSE - 1)
        if move in (M.ISSUE, M.RETURN, M.USE) and shop is None:
            continue  # the service refuses these before any arithmetic
        touched = [s for s in segments if s.last >= first and s.first <= last]
        before = _state_of(segments)
        found = clashes(touched, first, last, move, shop)
        expected_ok = all(_allowed(before.get(n), move, shop) for n in range(first, last + 1))
        assert (not found) == expected_ok
        refused = {n for c in found for n in range(c.first, c.last + 1)}
        assert refused == {n for n in range(first, last + 1) if not _allowed(before.get(n), move, shop)}
        if found:
            continue
        segments = [s for s in segments if s not in touched] + moved(touched, first, last, move, shop, LATER)
        if move is M.RECEIVE:
            received |= set(range(first, last + 1))
        after = _state_of(segments)
        # Every number ever received has exactly one state; none other has any.
        assert set(after) == received
        assert {after[n][0] for n in range(first, last + 1)} == {RESULT[move]}
        assert sum(s.size for s in segments) == len(received)
