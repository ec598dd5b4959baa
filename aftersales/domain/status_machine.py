"""The complaint life cycle (ISO 10002 stages) and the refusal of illegal moves."""

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from .enums import OPEN_STATUSES, ComplaintStatus
from .errors import TransitionRefused

S = ComplaintStatus


class Move(StrEnum):
    """A named way of moving a complaint from one status to another."""

    ACKNOWLEDGE = "acknowledge"
    INVESTIGATE = "investigate"
    AWAIT_DELIVERY = "await_delivery"
    AWAIT_CUSTOMER = "await_customer"
    RESUME = "resume"
    RESOLVE = "resolve"
    CLOSE_AFTER_CALLBACK = "close_after_callback"
    REOPEN = "reopen"
    WITHDRAW = "withdraw"
    MERGE = "merge"


_STEPS: dict[tuple[ComplaintStatus, ComplaintStatus], Move] = {
    (S.NEW, S.ACKNOWLEDGED): Move.ACKNOWLEDGE,
    (S.ACKNOWLEDGED, S.INVESTIGATING): Move.INVESTIGATE,
    (S.INVESTIGATING, S.AWAITING_DELIVERY): Move.AWAIT_DELIVERY,
    (S.INVESTIGATING, S.AWAITING_CUSTOMER): Move.AWAIT_CUSTOMER,
    (S.AWAITING_DELIVERY, S.INVESTIGATING): Move.RESUME,
    (S.AWAITING_CUSTOMER, S.INVESTIGATING): Move.RESUME,
    (S.INVESTIGATING, S.RESOLVED): Move.RESOLVE,
    (S.RESOLVED, S.CLOSED): Move.CLOSE_AFTER_CALLBACK,
    (S.RESOLVED, S.INVESTIGATING): Move.REOPEN,
}

# Moves the plain "change status" picker makes; the others have their own action and checks.
PLAIN_MOVES = frozenset({Move.INVESTIGATE, Move.AWAIT_DELIVERY, Move.AWAIT_CUSTOMER, Move.RESUME})
# Steps only delivery orders make: a complaint waits for delivery exactly while it has an open order,
# so dispatching the first order and settling the last one move it, never the picker.
ORDER_DRIVEN = frozenset({(S.INVESTIGATING, S.AWAITING_DELIVERY), (S.AWAITING_DELIVERY, S.INVESTIGATING)})


def legal_moves(current: ComplaintStatus) -> dict[ComplaintStatus, Move]:
    """Every status reachable from `current` in one step, with the move that reaches it."""
    moves = {to: move for (frm, to), move in _STEPS.items() if frm is current}
    if current in OPEN_STATUSES:
        moves.setdefault(S.CLOSED, Move.WITHDRAW)
    return moves


def status_choices(current: ComplaintStatus) -> list[ComplaintStatus]:
    """Statuses the plain status picker may offer: legal, not reserved to a dedicated action, not order-driven."""
    return [
        to for (frm, to), move in _STEPS.items()
        if frm is current and move in PLAIN_MOVES and (frm, to) not in ORDER_DRIVEN
    ]


def check_move(
    current: ComplaintStatus,
    target: ComplaintStatus,
    move: Move,
    *,
    callback_completed: bool = False,
    open_delivery_orders: int = 0,
) -> None:
    """Raise TransitionRefused unless `move` takes a complaint from `current` to `target` now."""
    if move in (Move.WITHDRAW, Move.MERGE):
        if current not in OPEN_STATUSES or target is not S.CLOSED:
            raise TransitionRefused("error.transition.closed", current=current.value)
        return
    expected = _STEPS.get((current, target))
    if expected is None or expected is not move:
        raise TransitionRefused(current=current.value, target=target.value)
    if move is Move.RESOLVE and open_delivery_orders:
        raise TransitionRefused("error.transition.open_delivery", count=open_delivery_orders)
    if move is Move.CLOSE_AFTER_CALLBACK and not callback_completed:
        raise TransitionRefused("error.transition.no_callback")


# The moves the desk makes on its own way forward: reopening and closing wait for the customer's call.
_FORWARD = frozenset({Move.ACKNOWLEDGE, Move.INVESTIGATE, Move.AWAIT_DELIVERY, Move.AWAIT_CUSTOMER, Move.RESUME,
                      Move.RESOLVE})


@dataclass(frozen=True)
class Step:
    """One move on the way to a status an action needs; `by_order` when a delivery order makes it."""

    move: Move
    source: ComplaintStatus
    target: ComplaintStatus

    @property
    def by_order(self) -> bool:
        return (self.source, self.target) in ORDER_DRIVEN


def way_to(current: ComplaintStatus, wanted: Collection[ComplaintStatus]) -> list[Step] | None:
    """The fewest forward moves from `current` to any status of `wanted`: [] when already there, None when
    no forward move leads there (a closed complaint, or one that would have to go back)."""
    if current in wanted:
        return []
    paths: dict[ComplaintStatus, list[Step]] = {current: []}
    frontier = [current]
    while frontier:
        following: list[ComplaintStatus] = []
        for status in frontier:
            for (source, target), move in _STEPS.items():
                if source is not status or move not in _FORWARD or target in paths:
                    continue
                paths[target] = [*paths[status], Step(move, source, target)]
                if target in wanted:
                    return paths[target]
                following.append(target)
        frontier = following
    return None
