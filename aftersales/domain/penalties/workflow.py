"""The violation workflow: which step is possible from which status, and who may take it (four-eyes)."""

from enum import StrEnum

from ..errors import DeskError, PermissionDenied
from .enums import DismissalReview, ViolationStatus

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


def review_after(current: DismissalReview, opens: bool) -> DismissalReview:
    """The dismissal review once a violation's tier does (or no longer does) reach the dismissal tier.

    A decided review stays decided; an open one is withdrawn when the violation drops below the tier.
    """
    if opens and current in (DismissalReview.NONE, DismissalReview.WITHDRAWN):
        return DismissalReview.OPEN
    if not opens and current is DismissalReview.OPEN:
        return DismissalReview.WITHDRAWN
    return current
