"""Range arithmetic: which stored ranges a move splits, and which numbers refuse it.

The desk stores a kind's numbers as disjoint segments, each wholly in one state (and with one shop).
A move over [first, last] replaces the segments it touches by their untouched ends and one new
segment for the moved numbers; numbers that may not make the move are named, never half-moved.
"""

from dataclasses import dataclass
from datetime import datetime

from .enums import DocumentMove, NumberState


@dataclass(frozen=True)
class Segment:
    """Numbers first..last (inclusive), all in `state`; `shop_id` is the shop that holds or held them."""

    first: int
    last: int
    state: NumberState
    shop_id: int | None
    since: datetime

    @property
    def size(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True)
class Clash:
    """Numbers first..last that refuse a move: `state` None means never received."""

    first: int
    last: int
    state: NumberState | None
    shop_id: int | None


RESULT: dict[DocumentMove, NumberState] = {
    DocumentMove.RECEIVE: NumberState.IN_STOCK,
    DocumentMove.ISSUE: NumberState.ISSUED,
    DocumentMove.RETURN: NumberState.RETURNED,
    DocumentMove.USE: NumberState.USED,
    DocumentMove.VOID: NumberState.VOIDED,
    DocumentMove.LOSE: NumberState.LOST,
}
# Numbers at the desk (never issued, or handed back) may be issued, voided or lost there.
AT_DESK = frozenset({NumberState.IN_STOCK, NumberState.RETURNED})


def may_move(segment: Segment, move: DocumentMove, shop_id: int | None) -> bool:
    """True when every number of `segment` may make `move` (reported by shop `shop_id`, None: the desk)."""
    if move is DocumentMove.RECEIVE:
        return False
    if move is DocumentMove.ISSUE:
        return segment.state in AT_DESK
    if move in (DocumentMove.RETURN, DocumentMove.USE):
        return segment.state is NumberState.ISSUED and segment.shop_id == shop_id
    # Voided or lost: by the shop that holds them, or by the desk for numbers it holds.
    if shop_id is None:
        return segment.state in AT_DESK
    return segment.state is NumberState.ISSUED and segment.shop_id == shop_id


def clashes(touched: list[Segment], first: int, last: int, move: DocumentMove, shop_id: int | None) -> list[Clash]:
    """The parts of first..last that refuse `move`, in number order; empty when the move may go ahead.

    `touched` are the stored segments overlapping first..last. Receiving refuses every number
    already known; any other move refuses numbers never received.
    """
    if first > last:
        raise ValueError("a range runs from its first number to its last")
    out: list[Clash] = []
    cursor = first
    for segment in sorted(touched, key=lambda s: s.first):
        start, end = max(segment.first, first), min(segment.last, last)
        if start > end:
            continue
        if cursor < start and move is not DocumentMove.RECEIVE:
            out.append(Clash(cursor, start - 1, None, None))
        if move is DocumentMove.RECEIVE or not may_move(segment, move, shop_id):
            out.append(Clash(start, end, segment.state, segment.shop_id))
        cursor = end + 1
    if cursor <= last and move is not DocumentMove.RECEIVE:
        out.append(Clash(cursor, last, None, None))
    return out


def moved(
    touched: list[Segment], first: int, last: int, move: DocumentMove, shop_id: int | None, at: datetime
) -> list[Segment]:
    """What replaces `touched` once first..last made `move`: their ends outside the range, kept as they
    were, and one segment for the moved numbers. Call only when `clashes` found none."""
    out: list[Segment] = []
    for segment in touched:
        if segment.first < first:
            out.append(Segment(segment.first, first - 1, segment.state, segment.shop_id, segment.since))
        if segment.last > last:
            out.append(Segment(last + 1, segment.last, segment.state, segment.shop_id, segment.since))
    holder = shop_id
    if move in (DocumentMove.VOID, DocumentMove.LOSE) and shop_id is None:
        holder = None
    out.append(Segment(first, last, RESULT[move], holder, at))
    return sorted(out, key=lambda s: s.first)
