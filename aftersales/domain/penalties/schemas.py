"""Validated inputs of the penalty ledger and the read-only views its services return."""

from datetime import date, datetime

from pydantic import Field

from ..schemas import CleanStr, Input, View
from .enums import (
    AppealDecision,
    CountingWindow,
    DismissalReview,
    EntryKind,
    RuleKind,
    SubjectKind,
    ViolationStatus,
)
from .policy import MAX_FEN


class ViolationInput(Input):
    """What a proposer records: against whom, which rule, when, and the evidence."""

    subject_kind: SubjectKind
    subject_code: CleanStr = Field(default="", max_length=20)  # staff or shop code; empty for the department
    rule_code: CleanStr = Field(min_length=1, max_length=40)
    incident_date: date
    complaint_number: CleanStr = Field(default="", max_length=24)
    evidence: CleanStr = Field(min_length=2, max_length=2000)
    loss: CleanStr = Field(default="", max_length=1000)  # a discretionary rule's loss, described


class ConfirmInput(Input):
    """A confirmation: the amount a manager decides for a discretionary rule, and an optional note."""

    amount_fen: int | None = Field(default=None, ge=1, le=MAX_FEN)
    note: CleanStr = Field(default="", max_length=1000)


class ReasonInput(Input):
    """Why a violation is waived, or appealed."""

    reason: CleanStr = Field(min_length=2, max_length=1000)


class AppealDecisionInput(Input):
    overturn: bool
    note: CleanStr = Field(min_length=2, max_length=1000)


class ReviewDecisionInput(Input):
    """A manager's decision on a dismissal review."""

    dismiss: bool
    note: CleanStr = Field(min_length=2, max_length=1000)


class SubjectRef(View):
    """Who a ledger belongs to: a staff or shop code, or the department (empty code)."""

    kind: SubjectKind
    code: str = ""
    name: str = ""


class EntryView(View):
    id: int
    violation_id: int
    month: str
    kind: EntryKind
    amount_fen: int
    tier_from: int | None
    tier_to: int | None
    note: str
    deducted: bool
    created_at: datetime


class ViolationView(View):
    """One violation with its ledger entries, as the ledger and the dialogs show it."""

    id: int
    subject: SubjectRef
    subject_staff_id: int | None
    rule_code: str
    rule_kind: RuleKind
    incident_date: date
    complaint_id: int | None
    complaint_number: str | None
    evidence: str
    loss: str
    status: ViolationStatus
    proposer_id: int
    proposed_by: str
    proposed_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str
    tier: int | None
    amount_fen: int
    appeal_reason: str
    appellant_id: int | None
    appeal_decision: AppealDecision | None
    appeal_note: str
    review: DismissalReview
    review_note: str
    version: int
    review_of: int | None = None  # the violation holding the review this one joined
    entries: tuple[EntryView, ...] = ()

    @property
    def charged_fen(self) -> int:
        """What its ledger entries add up to (deducted or still to deduct)."""
        return sum(entry.amount_fen for entry in self.entries)


class LedgerView(View):
    """A subject's violations (ladder order) and the figures of the counting window that holds today."""

    subject: SubjectRef
    window: CountingWindow
    today: date
    violations: tuple[ViolationView, ...]
    window_count: int
    window_fen: int
    charged_fen: int
    deducted_fen: int
    open_review: bool


class SubjectSummary(View):
    """One line of the supervisors' list of people (and shops) with violations."""

    subject: SubjectRef
    window_count: int
    window_fen: int
    pending: int
    open_review: bool


class PendingItem(View):
    """Something waiting for a supervisor: a proposal, an appeal or a dismissal review."""

    violation: ViolationView
    waiting: str  # "proposal", "appeal" or "review"
    can_decide: bool


class RetierView(View):
    violation_id: int
    incident_date: date
    old_tier: int
    new_tier: int
    delta_fen: int


class Consequence(View):
    """What a decision would do, spelt out before it is taken."""

    violation_id: int
    subject: SubjectRef
    window: CountingWindow
    incident_date: date
    tier: int | None
    amount_fen: int
    opens_review: bool
    month: str
    others: tuple[RetierView, ...] = ()
    joins_review: int | None = None  # the violation holding the open review this one would join


class PayrollLine(View):
    """One entry of a payroll month: a charge (tier_to is its tier) or an adjustment (tier_from → tier_to)."""

    violation_id: int
    rule_code: str
    incident_date: date
    tier_from: int | None
    tier_to: int | None
    kind: EntryKind
    amount_fen: int
    note: str
    deducted: bool


class PayrollPerson(View):
    subject: SubjectRef
    lines: tuple[PayrollLine, ...]
    total_fen: int


class PayrollReport(View):
    """A payroll month: per person its deductions and adjustments, with totals."""

    month: str
    final: bool
    finalised_at: datetime | None
    finalised_by: str | None
    people: tuple[PayrollPerson, ...]
    total_fen: int
