"""The violation workflow: which step is possible from which status, and who may take it (four-eyes)."""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..errors import DeskError, FieldError, InvalidInput, PermissionDenied
from .enums import DismissalReview, RuleKind, ViolationStatus

V = ViolationStatus


class Step(StrEnum):
    CONFIRM = "confirm"
    WAIVE = "waive"
    APPEAL = "appeal"
    UPHOLD = "uphold"
    OVERTURN = "overturn"
    DEDUCT = "deduct"


# (status, step) → status after. Upholding returns an appeal to confirmed; the service makes it
# "deducted" again when its money was already deducted.
MOVES: dict[tuple[ViolationStatus, Step], ViolationStatus] = {
    (V.PROPOSED, Step.CONFIRM): V.CONFIRMED,
    (V.PROPOSED, Step.WAIVE): V.WAIVED,
    (V.CONFIRMED, Step.APPEAL): V.APPEALED,
    (V.DEDUCTED, Step.APPEAL): V.APPEALED,
    (V.APPEALED, Step.UPHOLD): V.CONFIRMED,
    (V.APPEALED, Step.OVERTURN): V.OVERTURNED,
    (V.CONFIRMED, Step.DEDUCT): V.DEDUCTED,
}

# Steps that settle an open question: taken twice (two desks at once), the second hears "already decided".
DECISIONS = {Step.CONFIRM: V.PROPOSED, Step.WAIVE: V.PROPOSED, Step.UPHOLD: V.APPEALED, Step.OVERTURN: V.APPEALED}


class AlreadyDecided(DeskError):
    """Someone settled this violation (or its appeal) first."""

    key = "penalties.error.already_decided"


class StepRefused(DeskError):
    """The step is not possible from the violation's status."""

    key = "penalties.error.step_refused"


def check_step(violation_id: int, status: ViolationStatus, step: Step, appealed_before: bool = False) -> ViolationStatus:
    """The status `step` leads to from `status`; refuses what the workflow does not allow."""
    if step is Step.APPEAL and appealed_before:
        raise StepRefused("penalties.error.appealed_once", id=violation_id)
    after = MOVES.get((status, step))
    if after is not None:
        return after
    if step in DECISIONS:
        raise AlreadyDecided(id=violation_id, status=status.value)
    raise StepRefused(id=violation_id, step=step.value, status=status.value)


def four_eyes(decider_id: int, subject_staff_id: int | None, proposer_id: int | None) -> None:
    """A violation is decided by someone who is neither its subject nor its proposer."""
    if decider_id == subject_staff_id:
        raise PermissionDenied("penalties.error.own_violation")
    if decider_id == proposer_id:
        raise PermissionDenied("penalties.error.own_proposal")


def check_amount(kind: RuleKind, amount_fen: int | None) -> None:
    """An amount is decided for a discretionary rule, and only for one: a ladder rule costs its tier's."""
    if kind is RuleKind.DISCRETIONARY and amount_fen is None:
        raise InvalidInput({"amount_fen": FieldError("penalties.validation.amount_missing")})
    if kind is RuleKind.LADDER and amount_fen is not None:
        raise InvalidInput({"amount_fen": FieldError("penalties.validation.amount_by_ladder")})


R = DismissalReview
DECIDED_REVIEWS = frozenset({R.DISMISSED, R.RETAINED})


@dataclass(frozen=True)
class ReviewPlace:
    """A standing ladder violation of one staff member as the dismissal review sees it."""

    id: int
    review: DismissalReview
    review_of: int | None
    reaches: bool  # its tier reaches the dismissal tier


def one_open_review(items: Sequence[ReviewPlace]) -> dict[int, tuple[DismissalReview, int | None]]:
    """The (review, review_of) of each of `items` (in ladder order) whose place changes.

    One open review per person: the first violation that reaches the dismissal tier opens it (one that
    already holds it keeps it) and every later one joins it, naming its holder. A decided review stays
    decided, with the violations it covered; a violation that drops below the tier leaves the review.
    """
    holder = next((item.id for item in items if item.reaches and item.review is R.OPEN), None)
    changes: dict[int, tuple[DismissalReview, int | None]] = {}
    for item in items:
        want: tuple[DismissalReview, int | None] = (item.review, item.review_of)
        if not item.reaches:
            if item.review in (R.OPEN, R.JOINED):
                want = (R.WITHDRAWN, None)
        elif item.review not in DECIDED_REVIEWS:
            holder = item.id if holder is None else holder
            want = (R.OPEN, None) if holder == item.id else (R.JOINED, holder)
        if want != (item.review, item.review_of):
            changes[item.id] = want
    return changes


def review_after(current: DismissalReview, opens: bool) -> DismissalReview:
    """The dismissal review once a violation's tier does (or no longer does) reach the dismissal tier.

    A decided review stays decided; an open one is withdrawn when the violation drops below the tier.
    """
    if opens and current in (DismissalReview.NONE, DismissalReview.WITHDRAWN):
        return DismissalReview.OPEN
    if not opens and current is DismissalReview.OPEN:
        return DismissalReview.WITHDRAWN
    return current
