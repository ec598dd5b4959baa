"""Reading the ledger: one subject's violations, the supervisors' lists, and a decision's consequence."""

from collections import defaultdict
from typing import Any

from ...domain.errors import NotFound, PermissionDenied
from ...domain.penalties.enums import STANDING, DismissalReview, RuleKind, SubjectKind, ViolationStatus
from ...domain.penalties.ladder import Retier, counts_towards
from ...domain.penalties.schemas import (
    Consequence,
    LedgerView,
    PendingItem,
    RetierView,
    SubjectRef,
    SubjectSummary,
    ViolationView,
)
from ...domain.penalties.workflow import AlreadyDecided, four_eyes
from ...domain.permissions import Action, allowed
from ...domain.schemas import StaffView
from ...store.converters.penalties import violation_views
from ...store.models import Shop, Violation
from ..context import Desk
from ..guard import require
from ..staff.lookup import staff_row
from ..unit import unit_of_work
from .ledger import charged, load, local_today, open_month, open_review_of, plan, view_of

V = ViolationStatus
_KIND_ORDER = {SubjectKind.STAFF: 0, SubjectKind.SHOP: 1, SubjectKind.DEPARTMENT: 2}


def own_subject(actor: StaffView) -> SubjectRef:
    return SubjectRef(kind=SubjectKind.STAFF, code=actor.code, name=actor.name)


def get_violation(violation_id: int) -> ViolationView:
    return view_of(violation_id)


def _subject_condition(subject: SubjectRef) -> Any:
    if subject.kind is SubjectKind.STAFF:
        person = staff_row(subject.code)
        if person is None:
            raise NotFound(what=subject.code)
        return Violation.subject_staff == person.id
    if subject.kind is SubjectKind.SHOP:
        shop = Shop.get_or_none(Shop.code == subject.code)
        if shop is None:
            raise NotFound(what=subject.code)
        return Violation.subject_shop == shop.id
    return Violation.subject_kind == SubjectKind.DEPARTMENT.value


def in_window(view: ViolationView, desk: Desk) -> bool:
    """Whether a violation lies in the counting window that holds today."""
    today = local_today(desk)
    return view.incident_date <= today and counts_towards(view.incident_date, today, desk.penalties.window)


@unit_of_work
def ledger(desk: Desk, actor: StaffView, subject: SubjectRef) -> LedgerView:
    """A subject's violations in ladder order; an operator may read only their own."""
    mine = subject.kind is SubjectKind.STAFF and subject.code == actor.code
    if not mine:
        require(desk, actor, Action.VIEW_PENALTIES)
    rows = Violation.select().where(_subject_condition(subject)).order_by(
        Violation.incident_date, Violation.decided_at, Violation.id
    )
    views = violation_views(rows)
    if views:
        subject = views[0].subject
    standing = [v for v in views if v.status in STANDING and in_window(v, desk)]
    entries = [entry for view in views for entry in view.entries]
    return LedgerView(
        subject=subject,
        window=desk.penalties.window,
        today=local_today(desk),
        violations=tuple(views),
        window_count=sum(1 for v in standing if v.rule_kind is RuleKind.LADDER),
        window_fen=sum(v.amount_fen for v in standing),
        charged_fen=sum(entry.amount_fen for entry in entries),
        deducted_fen=sum(entry.amount_fen for entry in entries if entry.deducted),
        open_review=any(v.review is DismissalReview.OPEN for v in views),
    )


@unit_of_work
def people(desk: Desk, actor: StaffView) -> list[SubjectSummary]:
    """Everyone (and every shop) with a violation: the window's count and amount, what waits, review flags."""
    require(desk, actor, Action.VIEW_PENALTIES)
    grouped: dict[tuple[SubjectKind, str], list[ViolationView]] = defaultdict(list)
    for view in violation_views(Violation.select().order_by(Violation.id)):
        grouped[(view.subject.kind, view.subject.code)].append(view)
    out = []
    for _subject, views in sorted(grouped.items(), key=lambda item: (_KIND_ORDER[item[0][0]], item[0][1])):
        standing = [v for v in views if v.status in STANDING and in_window(v, desk)]
        out.append(SubjectSummary(
            subject=views[0].subject,
            window_count=sum(1 for v in standing if v.rule_kind is RuleKind.LADDER),
            window_fen=sum(v.amount_fen for v in standing),
            pending=sum(1 for v in views if v.status in (V.PROPOSED, V.APPEALED) or v.review is DismissalReview.OPEN),
            open_review=any(v.review is DismissalReview.OPEN for v in views),
        ))
    return out


def _can_decide(actor: StaffView, view: ViolationView, waiting: str) -> bool:
    if waiting == "review":
        return allowed(actor.role, Action.DISMISSAL_DECISION) and view.subject_staff_id != actor.id
    if view.rule_kind is RuleKind.DISCRETIONARY and not allowed(actor.role, Action.DECIDE_AMOUNT):
        return False
    if waiting == "appeal":
        return actor.id not in (view.subject_staff_id, view.appellant_id)
    try:
        four_eyes(actor.id, view.subject_staff_id, view.proposer_id)
    except PermissionDenied:
        return False
    return True


@unit_of_work
def to_confirm(desk: Desk, actor: StaffView) -> list[PendingItem]:
    """What waits for a lead or manager, oldest first: proposals, appeals, open dismissal reviews."""
    require(desk, actor, Action.DECIDE_VIOLATION)
    rows = Violation.select().where(
        Violation.status.in_([V.PROPOSED.value, V.APPEALED.value]) | (Violation.review == DismissalReview.OPEN.value)
    ).order_by(Violation.proposed_at, Violation.id)
    items = []
    for view in violation_views(rows):
        waiting = {V.PROPOSED: "proposal", V.APPEALED: "appeal"}.get(view.status, "review")
        items.append(PendingItem(violation=view, waiting=waiting, can_decide=_can_decide(actor, view, waiting)))
    return items


def _others(moves: list[Retier], skip: int, views: dict[int, Violation]) -> tuple[RetierView, ...]:
    return tuple(
        RetierView(violation_id=m.id, incident_date=views[m.id].incident_date, old_tier=m.old_tier,
                   new_tier=m.new_tier, delta_fen=m.delta)
        for m in moves if m.id != skip
    )


def _rows_by_id(moves: list[Retier]) -> dict[int, Violation]:
    ids = [m.id for m in moves]
    return {row.id: row for row in Violation.select().where(Violation.id.in_(ids))} if ids else {}


@unit_of_work
def confirm_consequence(desk: Desk, actor: StaffView, violation_id: int, amount_fen: int = 0) -> Consequence:
    """What confirming the proposal now would do: its tier and amount, a dismissal review, re-tiered others."""
    require(desk, actor, Action.DECIDE_VIOLATION)
    row = load(violation_id)
    if row.status != V.PROPOSED.value:
        raise AlreadyDecided(id=row.id, status=row.status)
    kind = SubjectKind(row.subject_kind)
    subject = view_of(row.id).subject
    common = {"violation_id": row.id, "subject": subject, "window": desk.penalties.window,
              "incident_date": row.incident_date, "month": open_month(desk)}
    if row.rule_kind == RuleKind.DISCRETIONARY.value:
        return Consequence(tier=None, amount_fen=amount_fen, opens_review=False, **common)
    moves = plan(desk, row, adding=desk.clock())
    mine = next(m for m in moves if m.id == row.id)
    reaches = desk.penalties.opens_review(kind, mine.new_tier)
    holder = open_review_of(row) if reaches else None
    return Consequence(tier=mine.new_tier, amount_fen=mine.new_amount, opens_review=reaches and holder is None,
                       joins_review=holder, others=_others(moves, row.id, _rows_by_id(moves)), **common)


@unit_of_work
def overturn_consequence(desk: Desk, actor: StaffView, violation_id: int) -> Consequence:
    """What overturning the appealed violation would do: the refund, and the later ones re-tiered."""
    require(desk, actor, Action.DECIDE_VIOLATION)
    row = load(violation_id)
    if row.status != V.APPEALED.value:
        raise AlreadyDecided(id=row.id, status=row.status)
    moves = plan(desk, row) if row.rule_kind == RuleKind.LADDER.value else []
    return Consequence(
        violation_id=row.id, subject=view_of(row.id).subject, window=desk.penalties.window,
        incident_date=row.incident_date, month=open_month(desk), tier=row.tier, amount_fen=-charged(row.id),
        opens_review=False, others=_others(moves, row.id, _rows_by_id(moves)),
    )

