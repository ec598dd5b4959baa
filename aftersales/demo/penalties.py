"""The demo's penalty ledger: a year of violations in every state, played through the ladder's own rules.

Each step (propose, confirm, waive, appeal, decide, finalise a month) is played in time order with the
domain's tier arithmetic, giving the rows and the audit events the services would have written. The
events go into the demo's chain day by day with the complaints' own; the rows are inserted at the end,
when each violation can be linked to a complaint of its subject from those days.
"""

import random
import sqlite3
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from ..domain.enums import EventKind
from ..domain.errors import DeskError
from ..domain.penalties.enums import (
    STANDING,
    AppealDecision,
    DismissalReview,
    EntryKind,
    RuleKind,
    SubjectKind,
    ViolationStatus,
)
from ..domain.penalties.ladder import Standing, in_order, retier
from ..domain.penalties.months import month_of, next_month
from ..domain.penalties.policy import PenaltyPolicy
from ..domain.penalties.workflow import ReviewPlace, check_step, one_open_review
from ..domain.penalties.workflow import Step as WorkflowStep
from .chain import DemoEvent
from .penalty_script import EVIDENCE, Step, script

V = ViolationStatus
# What the demo's finalisation of a month is stamped with: 08:30 on the 1st, before the desk opens.
FINALISE_AT = time(8, 30)


@dataclass
class DemoViolation:
    id: int
    kind: SubjectKind
    staff_id: int | None
    shop_id: int | None
    rule: str
    rule_kind: RuleKind
    incident: date
    evidence: str
    loss: str
    proposed_by: int
    proposed_at: int
    status: ViolationStatus = V.PROPOSED
    decided_by: int | None = None
    decided_at: int | None = None
    decision_note: str = ""
    tier: int | None = None
    amount: int = 0
    appeal: tuple[int, int, str] | None = None  # by, at, reason
    appeal_decision: tuple[AppealDecision, int, int, str] | None = None  # decision, by, at, note
    review: DismissalReview = DismissalReview.NONE
    review_decision: tuple[int, int, str] | None = None  # by, at, note
    review_of: int | None = None  # the violation holding the review this one joined
    version: int = 1
    complaint_id: int | None = None

    @property
    def subject(self) -> tuple[SubjectKind, int | None, int | None]:
        return self.kind, self.staff_id, self.shop_id


@dataclass
class DemoEntry:
    violation_id: int
    month: str
    kind: EntryKind
    amount: int
    tier_from: int | None
    tier_to: int | None
    note: str
    at: int
    by: int | None
    deducted: bool = False


@dataclass
class PenaltyBook:
    """The ledger being played forward: violations, entries, finalised months and the events of each step."""

    zone: ZoneInfo
    policy: PenaltyPolicy = field(default_factory=PenaltyPolicy)
    violations: dict[int, DemoViolation] = field(default_factory=dict)
    entries: list[DemoEntry] = field(default_factory=list)
    finalised: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # month → at, by, count, total
    events: list[DemoEvent] = field(default_factory=list)

    def _event(self, at: int, by: int | None, kind: EventKind, vid: int, old: str, new: str, note: str) -> None:
        self.events.append((at, None, by, kind.value, f"violation:{vid}", old, new, note, False))

    def _month(self, at: int) -> str:
        month = month_of(datetime.fromtimestamp(at, self.zone), self.zone)
        while month in self.finalised:
            month = next_month(month)
        return month

    def _entry(self, v: DemoViolation, at: int, by: int | None, kind: EntryKind, amount: int,
               tier_from: int | None = None, tier_to: int | None = None, note: str = "") -> None:
        self.entries.append(DemoEntry(v.id, self._month(at), kind, amount, tier_from, tier_to, note, at, by))

    def propose(self, v: DemoViolation, code: str) -> None:
        self.violations[v.id] = v
        subject = code or v.kind.value
        self._event(v.proposed_at, v.proposed_by, EventKind.VIOLATION_PROPOSED, v.id, "", V.PROPOSED.value,
                    f"{subject} · {v.rule} · {v.incident.isoformat()} · {v.evidence}")

    def _settle(self, v: DemoViolation, at: int, by: int, cause: str) -> None:
        """As the services' `ledger.settle`: tiers for the subject now, money moved by entries."""
        rows = {o.id: o for o in self.violations.values()
                if o.subject == v.subject and o.rule_kind is RuleKind.LADDER and o.status in STANDING}
        items = [Standing(o.id, o.incident, datetime.fromtimestamp(o.decided_at or 0, self.zone), o.tier or 0,
                          o.amount) for o in rows.values()]
        for move in retier(items, self.policy.ladder(v.kind), self.policy.window):
            other = rows[move.id]
            other.tier, other.amount, other.version = move.new_tier, move.new_amount, other.version + 1
            if move.old_tier == 0:
                self._entry(other, at, by, EntryKind.CHARGE, move.delta, None, move.new_tier)
                continue
            if move.delta:
                self._entry(other, at, by, EntryKind.ADJUSTMENT, move.delta, move.old_tier, move.new_tier, cause)
            self._event(at, by, EventKind.VIOLATION_RETIERED, other.id, str(move.old_tier), str(move.new_tier),
                        f"{move.delta:+d} fen in {self._month(at)} ({cause})")
        places = [ReviewPlace(o.id, o.review, o.review_of, self.policy.opens_review(v.kind, o.tier or 0))
                  for o in (rows[item.id] for item in in_order(items))]
        for vid, (review, holder) in one_open_review(places).items():
            rows[vid].review, rows[vid].review_of, rows[vid].version = review, holder, rows[vid].version + 1

    def confirm(self, v: DemoViolation, at: int, by: int, amount: int = 0) -> None:
        v.status, v.decided_by, v.decided_at, v.version = V.CONFIRMED, by, at, v.version + 1
        if v.rule_kind is RuleKind.DISCRETIONARY:
            v.amount = amount
            self._entry(v, at, by, EntryKind.CHARGE, amount)
        else:
            self._settle(v, at, by, f"#{v.id} confirmed")
        opened = {DismissalReview.OPEN: " · dismissal review opened",
                  DismissalReview.JOINED: f" · joins the dismissal review of #{v.review_of}"}.get(v.review, "")
        self._event(at, by, EventKind.VIOLATION_CONFIRMED, v.id, V.PROPOSED.value, V.CONFIRMED.value,
                    f"tier {v.tier or '-'} · {v.amount} fen · {self._month(at)}{opened}")

    def waive(self, v: DemoViolation, at: int, by: int, reason: str) -> None:
        v.status, v.decided_by, v.decided_at, v.decision_note, v.version = V.WAIVED, by, at, reason, v.version + 1
        self._event(at, by, EventKind.VIOLATION_WAIVED, v.id, V.PROPOSED.value, V.WAIVED.value, reason)

    def appeal(self, v: DemoViolation, at: int, by: int, reason: str) -> None:
        before = v.status
        v.status, v.appeal, v.version = V.APPEALED, (by, at, reason), v.version + 1
        self._event(at, by, EventKind.VIOLATION_APPEALED, v.id, before.value, V.APPEALED.value, reason)

    def decide_appeal(self, v: DemoViolation, at: int, by: int, overturn: bool, note: str) -> None:
        v.version += 1
        if not overturn:
            deducted = any(e.deducted for e in self.entries if e.violation_id == v.id)
            v.status = V.DEDUCTED if deducted else V.CONFIRMED
            v.appeal_decision = (AppealDecision.UPHELD, by, at, note)
            self._event(at, by, EventKind.APPEAL_UPHELD, v.id, V.APPEALED.value, v.status.value, note)
            return
        refund = -sum(e.amount for e in self.entries if e.violation_id == v.id)
        v.status, v.amount = V.OVERTURNED, 0
        if v.review in (DismissalReview.OPEN, DismissalReview.JOINED):
            v.review, v.review_of = DismissalReview.WITHDRAWN, None
        v.appeal_decision = (AppealDecision.OVERTURNED, by, at, note)
        if refund:
            self._entry(v, at, by, EntryKind.ADJUSTMENT, refund, v.tier, None, f"#{v.id} overturned")
        if v.rule_kind is RuleKind.LADDER:
            self._settle(v, at, by, f"#{v.id} overturned")
        self._event(at, by, EventKind.APPEAL_OVERTURNED, v.id, V.APPEALED.value, V.OVERTURNED.value,
                    f"{refund:+d} fen in {self._month(at)} · {note}")

    def decide_review(self, v: DemoViolation, at: int, by: int, dismiss: bool, note: str) -> None:
        outcome = DismissalReview.DISMISSED if dismiss else DismissalReview.RETAINED
        v.review, v.review_decision, v.version = outcome, (by, at, note), v.version + 1
        self._event(at, by, EventKind.DISMISSAL_DECIDED, v.id, DismissalReview.OPEN.value, outcome.value, note)
        for other in self.violations.values():  # the decision covers every violation that joined the review
            if other.review is DismissalReview.JOINED and other.review_of == v.id:
                other.review, other.review_decision, other.version = outcome, (by, at, note), other.version + 1
                self._event(at, by, EventKind.DISMISSAL_DECIDED, other.id, DismissalReview.JOINED.value,
                            outcome.value, f"review of #{v.id} · {note}")

    def finalise(self, month: str, at: int, by: int) -> None:
        entries = [e for e in self.entries if e.month == month]
        for entry in entries:
            entry.deducted = True
        for vid in {e.violation_id for e in entries}:
            v = self.violations[vid]
            if v.status is V.CONFIRMED:
                v.status, v.version = V.DEDUCTED, v.version + 1
        total = sum(e.amount for e in entries)
        self.finalised[month] = (at, by, len(entries), total)
        self.events.append((at, None, by, EventKind.PAYROLL_FINALISED.value, "payroll", "", month,
                            f"{len(entries)} entries · {total} fen", False))


def play(today: date, now: int, zone: ZoneInfo, seed: int, staff_ids: dict[str, int],
         shop_ids: dict[str, int]) -> PenaltyBook:
    """The demo's year of penalties up to `now`; months before today's are finalised on their 1st."""
    rng = random.Random(f"penalties-{seed}")
    book = PenaltyBook(zone)
    steps: list[tuple[int, int, Step]] = []
    for order, step in enumerate(script(today)):
        at = int(datetime.combine(step.day, step.clock, zone).timestamp()) + rng.randrange(0, 1800)
        if at < now:
            steps.append((at, order, step))
    steps.sort(key=lambda item: (item[0], item[1]))
    # Violations are numbered in the order they were proposed, as the database would have numbered them.
    numbers = {step.violation: n for n, step in enumerate((s for _, _, s in steps if s.action == "propose"), 1)}
    steps = [(at, order, replace(step, violation=numbers.get(step.violation, 0))) for at, order, step in steps]
    month = month_of(datetime.fromtimestamp(steps[0][0], zone), zone) if steps else f"{today:%Y-%m}"
    finalisations = []
    while month < f"{today:%Y-%m}":
        first = date(int(month[:4]), int(month[5:]), 1)
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        finalisations.append((int(datetime.combine(following, FINALISE_AT, zone).timestamp()), month))
        month = next_month(month)
    lead = staff_ids["lead01"]
    pending = sorted([(at, -1, month) for at, month in finalisations] + [(at, order, s) for at, order, s in steps],
                     key=lambda item: (item[0], item[1]))
    for at, _order, what in pending:
        if isinstance(what, str):
            book.finalise(what, at, lead)
        else:
            _apply(book, what, at, rng, staff_ids, shop_ids)
    return book


def _apply(book: PenaltyBook, step: Step, at: int, rng: random.Random, staff_ids: dict[str, int],
           shop_ids: dict[str, int]) -> None:
    by = staff_ids[step.by]
    if step.action == "propose":
        rule = book.policy.rules[step.rule]
        kind = SubjectKind(step.kind)
        texts = EVIDENCE[step.rule]
        violation = DemoViolation(
            id=step.violation, kind=kind, staff_id=staff_ids.get(step.code) if kind is SubjectKind.STAFF else None,
            shop_id=shop_ids.get(step.code) if kind is SubjectKind.SHOP else None, rule=step.rule,
            rule_kind=rule.kind, incident=step.incident, evidence=texts[rng.randrange(len(texts))],
            loss=step.text if rule.kind is RuleKind.DISCRETIONARY else "", proposed_by=by, proposed_at=at,
        )
        book.propose(violation, step.code)
        return
    v = book.violations.get(step.violation)
    if v is None or not _possible(v, step.action):
        return  # a demo built early in its year has no room for every step
    if step.action == "confirm":
        book.confirm(v, at, by, step.amount)
    elif step.action == "waive":
        book.waive(v, at, by, step.text)
    elif step.action == "appeal":
        book.appeal(v, at, by, step.text)
    elif step.action in ("uphold", "overturn"):
        book.decide_appeal(v, at, by, step.action == "overturn", step.text)
    elif step.action in ("dismiss", "retain"):
        book.decide_review(v, at, by, step.action == "dismiss", step.text)


_STEPS = {"confirm": WorkflowStep.CONFIRM, "waive": WorkflowStep.WAIVE, "appeal": WorkflowStep.APPEAL,
          "uphold": WorkflowStep.UPHOLD, "overturn": WorkflowStep.OVERTURN}


def _possible(v: DemoViolation, action: str) -> bool:
    if action in ("dismiss", "retain"):
        return v.review is DismissalReview.OPEN
    try:
        check_step(v.id, v.status, _STEPS[action], appealed_before=v.appeal is not None)
    except DeskError:
        return False
    return True


def write_rows(conn: sqlite3.Connection, book: PenaltyBook, window: tuple[int, int]) -> None:
    """Insert the book's rows, linking a violation to a complaint of its subject on its day when there is one."""
    start, end = window
    for v in book.violations.values():
        day = int(datetime.combine(v.incident, time(0, 0), book.zone).timestamp())
        if start <= day < end and v.kind is not SubjectKind.DEPARTMENT:
            column, value = ("assignee_id", v.staff_id) if v.kind is SubjectKind.STAFF else ("shop_id", v.shop_id)
            found = conn.execute(
                f"SELECT id FROM complaint WHERE {column} = ? AND created_at >= ? AND created_at < ? "
                "ORDER BY created_at, id LIMIT 1", (value, day - 3 * 86_400, day + 86_400)).fetchone()
            v.complaint_id = found[0] if found else None
    conn.execute("BEGIN")
    conn.executemany(INSERT_VIOLATION, [_violation_row(v) for v in book.violations.values()])
    conn.executemany(INSERT_ENTRY, [
        (e.violation_id, e.month, e.kind.value, e.amount, e.tier_from, e.tier_to, e.note, e.at, e.by, int(e.deducted))
        for e in book.entries])
    conn.executemany("INSERT INTO payroll_month (month, finalised_at, finalised_by_id, entries, total_fen) "
                     "VALUES (?, ?, ?, ?, ?)", [(m, *facts) for m, facts in book.finalised.items()])
    conn.execute("COMMIT")


VIOLATION_COLUMNS = (
    "id", "subject_kind", "subject_staff_id", "subject_shop_id", "rule_code", "rule_kind", "incident_date",
    "complaint_id", "evidence", "loss", "status", "proposed_by_id", "proposed_at", "decided_by_id", "decided_at",
    "decision_note", "tier", "amount_fen", "appeal_reason", "appealed_by_id", "appealed_at", "appeal_decision",
    "appeal_note", "appeal_decided_by_id", "appeal_decided_at", "review", "review_note", "review_decided_by_id",
    "review_decided_at", "review_of_id", "version",
)
INSERT_VIOLATION = (f"INSERT INTO violation ({', '.join(VIOLATION_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(VIOLATION_COLUMNS))})")
INSERT_ENTRY = ("INSERT INTO penalty_entry (violation_id, month, kind, amount_fen, tier_from, tier_to, note, "
                "created_at, created_by_id, deducted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _violation_row(v: DemoViolation) -> tuple[object, ...]:
    appeal_by, appeal_at, appeal_reason = v.appeal or (None, None, "")
    decision, decided_by, decided_at, decision_note = v.appeal_decision or (None, None, None, "")
    review_by, review_at, review_note = v.review_decision or (None, None, "")
    return (
        v.id, v.kind.value, v.staff_id, v.shop_id, v.rule, v.rule_kind.value, v.incident.isoformat(),
        v.complaint_id, v.evidence, v.loss, v.status.value, v.proposed_by, v.proposed_at, v.decided_by,
        v.decided_at, v.decision_note, v.tier, v.amount, appeal_reason, appeal_by, appeal_at,
        decision.value if decision else None, decision_note, decided_by, decided_at, v.review.value, review_note,
        review_by, review_at, v.review_of, v.version,
    )


def events_between(book: PenaltyBook, start: int, end: int) -> list[DemoEvent]:
    """The book's events from `start` up to (not including) `end`, in time order."""
    return sorted((e for e in book.events if start <= e[0] < end), key=lambda e: e[0])

