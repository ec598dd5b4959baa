"""The ledger's bookkeeping inside a write transaction: loading, subjects, months, entries, re-tiering.

Every penalty write runs one at a time (a tier reads the subject's other violations, and a month may be
finalising): SQLite's IMMEDIATE transaction already holds the write lock, PostgreSQL takes an advisory one.
"""

from datetime import date, datetime
from typing import Any

from peewee import PostgresqlDatabase

from ...domain.enums import EventKind
from ...domain.errors import NotFound
from ...domain.penalties.enums import STANDING, DismissalReview, EntryKind, RuleKind, SubjectKind
from ...domain.penalties.ladder import Retier, Standing, in_order, retier
from ...domain.penalties.months import first_open_month, month_of
from ...domain.penalties.schemas import ViolationView
from ...domain.penalties.workflow import AlreadyDecided, ReviewPlace, one_open_review
from ...domain.schemas import StaffView
from ...store.converters.penalties import violation_views
from ...store.models import PayrollMonth, PenaltyEntry, Violation, database
from ...store.versioned import VersionedRecord
from ..audit import append_event
from ..context import Desk

PENALTY_LOCK = 4190418


def serialise() -> None:
    """Take the penalty ledger's lock for the rest of the transaction (PostgreSQL; SQLite holds it already)."""
    on_postgres = isinstance(database.obj, PostgresqlDatabase)
    if on_postgres:
        database.obj.execute_sql("SELECT pg_advisory_xact_lock(%s)", (PENALTY_LOCK,))


def _already_decided(row: Violation, _version: int) -> AlreadyDecided:
    return AlreadyDecided(id=row.id, status=row.status)


# A decision is saved over the violation as read once the ledger's lock is held, and only while it still
# waits for that decision: whoever came second hears "already decided".
VIOLATION_RECORD = VersionedRecord(
    Violation,
    missing=lambda violation_id: NotFound(what=f"#{violation_id}"),
    conflict=_already_decided,
)


def load(violation_id: int) -> Violation:
    row: Violation = VIOLATION_RECORD.load(violation_id)
    return row


def view_of(violation_id: int) -> ViolationView:
    return violation_views([load(violation_id)])[0]


def local_today(desk: Desk) -> date:
    return desk.clock().astimezone(desk.sla.zone).date()


def finalised_months() -> set[str]:
    return {row.month for row in PayrollMonth.select(PayrollMonth.month)}


def open_month(desk: Desk) -> str:
    """The payroll month a change made now goes to: this month, or the next one not finalised yet."""
    return first_open_month(month_of(desk.clock(), desk.sla.zone), finalised_months())


def same_subject(row: Violation) -> Any:
    """A condition selecting the violations held against `row`'s subject."""
    kind = SubjectKind(row.subject_kind)
    if kind is SubjectKind.STAFF:
        return Violation.subject_staff == row.subject_staff_id
    if kind is SubjectKind.SHOP:
        return Violation.subject_shop == row.subject_shop_id
    return Violation.subject_kind == SubjectKind.DEPARTMENT.value


def standing_ladder(row: Violation) -> list[Violation]:
    """The subject's ladder violations that count now."""
    return list(
        Violation.select().where(
            same_subject(row)
            & (Violation.rule_kind == RuleKind.LADDER.value)
            & Violation.status.in_([status.value for status in STANDING])
        )
    )


def open_review_of(row: Violation) -> int | None:
    """The violation holding the open dismissal review of `row`'s subject, if there is one."""
    holder = Violation.get_or_none(same_subject(row) & (Violation.review == DismissalReview.OPEN.value)
                                   & Violation.status.in_([status.value for status in STANDING]))
    return int(holder.id) if holder is not None else None


def standing_items(rows: list[Violation]) -> list[Standing]:
    return [Standing(r.id, r.incident_date, r.decided_at, r.tier or 0, r.amount_fen) for r in rows]


def plan(desk: Desk, row: Violation, *, adding: datetime | None = None) -> list[Retier]:
    """The tier moves of `row`'s subject if `row` were confirmed at `adding` (without it: taken out)."""
    items = [item for item in standing_items(standing_ladder(row)) if item.id != row.id]
    if adding is not None:
        items.append(Standing(row.id, row.incident_date, adding))
    kind = SubjectKind(row.subject_kind)
    return retier(items, desk.penalties.ladder(kind), desk.penalties.window)


def add_entry(
    desk: Desk, actor: StaffView | None, violation_id: int, month: str, kind: EntryKind, amount_fen: int,
    tier_from: int | None = None, tier_to: int | None = None, note: str = "",
) -> None:
    PenaltyEntry.create(
        violation=violation_id, month=month, kind=kind.value, amount_fen=amount_fen, tier_from=tier_from,
        tier_to=tier_to, note=note, created_at=desk.clock(), created_by=actor.id if actor else None,
    )


def charged(violation_id: int) -> int:
    """What a violation's entries add up to."""
    total = PenaltyEntry.select(PenaltyEntry.amount_fen).where(PenaltyEntry.violation == violation_id)
    return sum(entry.amount_fen for entry in total)


def has_open_entries(violation_id: int) -> bool:
    return bool(
        PenaltyEntry.select()
        .where((PenaltyEntry.violation == violation_id) & (PenaltyEntry.deducted == False))  # noqa: E712
        .exists()
    )


def event(desk: Desk, actor: StaffView | None, kind: EventKind, violation_id: int, old: str, new: str,
          note: str = "") -> None:
    """The audit event of a step on violation `violation_id` (never on the complaint's timeline)."""
    append_event(desk.clock(), actor, kind, field=f"violation:{violation_id}", old=old, new=new, note=note)


def settle(desk: Desk, actor: StaffView | None, row: Violation, month: str, cause: str) -> list[Retier]:
    """Give every standing ladder violation of `row`'s subject its tier now, adding the money it moves.

    A violation tiered for the first time gets its charge; one whose tier moved gets an adjustment of
    the difference in `month` (nothing already entered is changed). Then the dismissal review follows
    the tiers: one open review per person, which later violations join.
    """
    kind = SubjectKind(row.subject_kind)
    rows = {item.id: item for item in standing_ladder(row)}
    moves = retier(standing_items(list(rows.values())), desk.penalties.ladder(kind), desk.penalties.window)
    tiers = {item.id: item.tier or 0 for item in rows.values()} | {move.id: move.new_tier for move in moves}
    places = one_open_review([
        ReviewPlace(item.id, DismissalReview(item.review), item.review_of_id,
                    desk.penalties.opens_review(kind, tiers[item.id]))
        for item in (rows[standing.id] for standing in in_order(standing_items(list(rows.values()))))
    ])
    for move in moves:
        Violation.update(tier=move.new_tier, amount_fen=move.new_amount, version=Violation.version + 1).where(
            Violation.id == move.id).execute()
        first = move.old_tier == 0
        if first or move.delta:
            add_entry(desk, actor, move.id, month, EntryKind.CHARGE if first else EntryKind.ADJUSTMENT, move.delta,
                      None if first else move.old_tier, move.new_tier, "" if first else cause)
        if not first:
            event(desk, actor, EventKind.VIOLATION_RETIERED, move.id, str(move.old_tier), str(move.new_tier),
                  f"{move.delta:+d} fen in {month} ({cause})")
    for violation_id, (review, holder) in places.items():
        Violation.update(review=review.value, review_of=holder, version=Violation.version + 1).where(
            Violation.id == violation_id).execute()
    return moves

