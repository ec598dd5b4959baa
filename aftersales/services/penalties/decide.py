"""Deciding violations: confirm or waive a proposal, appeal, decide an appeal, decide a dismissal review.

Four-eyes: whoever decides is neither the violation's subject nor its proposer (nor, for an appeal, the
one who lodged it). Two desks deciding the same question at once: the first decides, the second hears
"already decided".
"""

from typing import NoReturn

from ...domain.enums import EventKind
from ...domain.errors import ConflictError, PermissionDenied
from ...domain.penalties.enums import AppealDecision, DismissalReview, EntryKind, RuleKind, ViolationStatus
from ...domain.penalties.schemas import (
    AppealDecisionInput,
    ConfirmInput,
    ReasonInput,
    ReviewDecisionInput,
    ViolationView,
)
from ...domain.penalties.workflow import AlreadyDecided, Step, check_amount, check_step, four_eyes
from ...domain.permissions import Action, allowed
from ...domain.schemas import StaffView
from ...store.db import write_transaction
from ...store.models import PenaltyEntry, Violation
from ..context import Desk
from ..guard import deny, require
from ..unit import unit_of_work
from ..validation import validate
from .ledger import VIOLATION_RECORD, add_entry, charged, event, load, open_month, serialise, settle, view_of

V = ViolationStatus


class ConsequenceChanged(ConflictError):
    """The decision would now do something else than what was shown (another desk decided meanwhile)."""

    key = "penalties.error.consequence_changed"


def _refuse(desk: Desk, actor: StaffView, action: Action, refusal: PermissionDenied) -> NoReturn:
    deny(desk, actor, action, None, refusal)


def _four_eyes(desk: Desk, actor: StaffView, row: Violation) -> None:
    try:
        four_eyes(actor.id, row.subject_staff_id, row.proposed_by_id)
    except PermissionDenied as refusal:
        _refuse(desk, actor, Action.DECIDE_VIOLATION, refusal)


def _move(row: Violation, expected: ViolationStatus, **changes: object) -> None:
    """Store `changes` only if the violation is still `expected`; otherwise someone decided first."""
    VIOLATION_RECORD.save(row, row.version, changes, still=Violation.status == expected.value)


def _review_not_open(row: Violation, _version: int) -> AlreadyDecided:
    return AlreadyDecided(key="penalties.error.review_not_open", id=row.id)


def _decided_again(violation_id: int, step: Step) -> Violation:
    """The stored violation, once the ledger's lock is held; refused when `step` no longer applies."""
    serialise()
    row = load(violation_id)
    check_step(row.id, V(row.status), step, appealed_before=row.appealed_at is not None)
    return row


@unit_of_work
def confirm_violation(
    desk: Desk, actor: StaffView, violation_id: int, data: ConfirmInput | dict[str, object] | None = None,
    shown_tier: int | None = None,
) -> ViolationView:
    """Confirm a proposal: a ladder rule costs its tier's amount, a discretionary one what the manager decides.

    `shown_tier`: the tier the confirmer was shown; if another decision moved it since, nothing is stored.
    """
    require(desk, actor, Action.DECIDE_VIOLATION)
    valid = validate(ConfirmInput, data or {})
    row = load(violation_id)
    _four_eyes(desk, actor, row)
    discretionary = row.rule_kind == RuleKind.DISCRETIONARY.value
    if discretionary:
        require(desk, actor, Action.DECIDE_AMOUNT)
    check_amount(RuleKind(row.rule_kind), valid.amount_fen)
    now = desk.clock()
    with write_transaction(f"confirming violation #{violation_id}"):
        row = _decided_again(violation_id, Step.CONFIRM)
        month = open_month(desk)
        _move(row, V.PROPOSED, status=V.CONFIRMED.value, decided_by=actor.id, decided_at=now,
              decision_note=valid.note)
        if discretionary:
            amount = int(valid.amount_fen or 0)
            Violation.update(amount_fen=amount).where(Violation.id == row.id).execute()
            add_entry(desk, actor, row.id, month, EntryKind.CHARGE, amount)
        else:
            settle(desk, actor, row, month, f"#{row.id} confirmed")
        stored = load(row.id)
        if shown_tier is not None and not discretionary and stored.tier != shown_tier:
            raise ConsequenceChanged(id=row.id, tier=stored.tier, shown=shown_tier)
        review = {DismissalReview.OPEN.value: " · dismissal review opened",
                  DismissalReview.JOINED.value: f" · joins the dismissal review of #{stored.review_of_id}"}.get(stored.review, "")
        event(desk, actor, EventKind.VIOLATION_CONFIRMED, row.id, V.PROPOSED.value, V.CONFIRMED.value,
              f"tier {stored.tier or '-'} · {stored.amount_fen} fen · {month}{review}")
        return view_of(row.id)


@unit_of_work
def waive_violation(desk: Desk, actor: StaffView, violation_id: int, data: ReasonInput | dict[str, object]) -> ViolationView:
    """Decide a proposal costs nothing, and say why; it never counts towards a tier."""
    require(desk, actor, Action.DECIDE_VIOLATION)
    valid = validate(ReasonInput, data)
    _four_eyes(desk, actor, load(violation_id))
    with write_transaction(f"waiving violation #{violation_id}"):
        row = _decided_again(violation_id, Step.WAIVE)
        _move(row, V.PROPOSED, status=V.WAIVED.value, decided_by=actor.id, decided_at=desk.clock(),
              decision_note=valid.reason)
        event(desk, actor, EventKind.VIOLATION_WAIVED, row.id, V.PROPOSED.value, V.WAIVED.value, valid.reason)
        return view_of(row.id)


@unit_of_work
def appeal_violation(desk: Desk, actor: StaffView, violation_id: int, data: ReasonInput | dict[str, object]) -> ViolationView:
    """Appeal a confirmed (or deducted) violation once; an operator appeals only their own."""
    require(desk, actor, Action.APPEAL_VIOLATION)
    valid = validate(ReasonInput, data)
    row = load(violation_id)
    if not allowed(actor.role, Action.VIEW_PENALTIES) and row.subject_staff_id != actor.id:
        _refuse(desk, actor, Action.APPEAL_VIOLATION,
                PermissionDenied("penalties.error.appeal_own_only"))
    with write_transaction(f"appealing violation #{violation_id}"):
        row = _decided_again(violation_id, Step.APPEAL)
        _move(row, V(row.status), status=V.APPEALED.value, appeal_reason=valid.reason, appealed_by=actor.id,
              appealed_at=desk.clock())
        event(desk, actor, EventKind.VIOLATION_APPEALED, row.id, row.status, V.APPEALED.value, valid.reason)
        return view_of(row.id)


def _has_deducted(violation_id: int) -> bool:
    query = PenaltyEntry.select().where((PenaltyEntry.violation == violation_id) & (PenaltyEntry.deducted == True))  # noqa: E712
    return bool(query.exists())


@unit_of_work
def decide_appeal(
    desk: Desk, actor: StaffView, violation_id: int, data: AppealDecisionInput | dict[str, object]
) -> ViolationView:
    """Uphold the violation, or overturn it: its money is refunded and later ones are re-tiered."""
    require(desk, actor, Action.DECIDE_VIOLATION)
    valid = validate(AppealDecisionInput, data)
    row = load(violation_id)
    if row.rule_kind == RuleKind.DISCRETIONARY.value:
        require(desk, actor, Action.DECIDE_AMOUNT)
    if actor.id in (row.subject_staff_id, row.appealed_by_id):
        _refuse(desk, actor, Action.DECIDE_VIOLATION,
                PermissionDenied("penalties.error.own_appeal"))
    now = desk.clock()
    decision = {"appeal_note": valid.note, "appeal_decided_by": actor.id, "appeal_decided_at": now}
    with write_transaction(f"deciding the appeal of violation #{violation_id}"):
        row = _decided_again(violation_id, Step.OVERTURN if valid.overturn else Step.UPHOLD)
        month = open_month(desk)
        if not valid.overturn:
            after = V.DEDUCTED if _has_deducted(row.id) else V.CONFIRMED
            _move(row, V.APPEALED, status=after.value, appeal_decision=AppealDecision.UPHELD.value, **decision)
            event(desk, actor, EventKind.APPEAL_UPHELD, row.id, V.APPEALED.value, after.value, valid.note)
            return view_of(row.id)
        refund = -charged(row.id)
        leaves = row.review in (DismissalReview.OPEN.value, DismissalReview.JOINED.value)
        review = DismissalReview.WITHDRAWN.value if leaves else row.review
        _move(row, V.APPEALED, status=V.OVERTURNED.value, amount_fen=0, review=review,
              review_of=None if leaves else row.review_of_id,
              appeal_decision=AppealDecision.OVERTURNED.value, **decision)
        if refund:
            add_entry(desk, actor, row.id, month, EntryKind.ADJUSTMENT, refund, row.tier, None,
                      f"#{row.id} overturned")
        if row.rule_kind == RuleKind.LADDER.value:
            settle(desk, actor, row, month, f"#{row.id} overturned")
        event(desk, actor, EventKind.APPEAL_OVERTURNED, row.id, V.APPEALED.value, V.OVERTURNED.value,
              f"{refund:+d} fen in {month} · {valid.note}")
        return view_of(row.id)


@unit_of_work
def decide_review(
    desk: Desk, actor: StaffView, violation_id: int, data: ReviewDecisionInput | dict[str, object]
) -> ViolationView:
    """The manager's decision on an open dismissal review: dismiss, or keep the staff member on.

    Asked on a violation that joined the review, it decides that review; the decision covers every
    violation that joined it.
    """
    require(desk, actor, Action.DISMISSAL_DECISION)
    valid = validate(ReviewDecisionInput, data)
    if load(violation_id).subject_staff_id == actor.id:
        _refuse(desk, actor, Action.DISMISSAL_DECISION,
                PermissionDenied("penalties.error.own_violation"))
    with write_transaction(f"deciding the dismissal review of violation #{violation_id}"):
        serialise()
        asked = load(violation_id)
        joined = asked.review == DismissalReview.JOINED.value and asked.review_of_id is not None
        row = load(asked.review_of_id) if joined else asked
        outcome = DismissalReview.DISMISSED if valid.dismiss else DismissalReview.RETAINED
        decision = {"review": outcome.value, "review_note": valid.note, "review_decided_by": actor.id,
                    "review_decided_at": desk.clock()}
        VIOLATION_RECORD.save(row, row.version, decision, still=Violation.review == DismissalReview.OPEN.value,
                              conflict=_review_not_open)
        event(desk, actor, EventKind.DISMISSAL_DECIDED, row.id, DismissalReview.OPEN.value, outcome.value, valid.note)
        covered = Violation.select().where(
            (Violation.review_of == row.id) & (Violation.review == DismissalReview.JOINED.value)).order_by(Violation.id)
        for other in list(covered):
            Violation.update(version=Violation.version + 1, **decision).where(Violation.id == other.id).execute()
            event(desk, actor, EventKind.DISMISSAL_DECIDED, other.id, DismissalReview.JOINED.value, outcome.value,
                  f"review of #{row.id} · {valid.note}")
        return view_of(violation_id)
