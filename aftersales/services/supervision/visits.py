"""Recording a supervision visit to a shop, closing its rectification with a follow-up, and reading them."""

from datetime import date

from peewee import SQL, fn

from ...domain.enums import EventKind
from ...domain.errors import ConflictError, FieldError, InvalidInput, NotFound
from ...domain.permissions import Action
from ...domain.schemas import StaffView
from ...domain.supervision import FollowUpInput, RectificationState, VisitInput, VisitView, due_date_problem
from ...store.converters.supervision import visit_view, visit_views
from ...store.db import write_transaction
from ...store.models import Shop, SupervisionVisit
from ...store.versioned import VersionedRecord
from ..audit import append_event
from ..context import Desk
from ..guard import require
from ..unit import unit_of_work
from ..validation import validate

VISITS_SHOWN = 500
VISIT_RECORD = VersionedRecord(
    SupervisionVisit,
    missing=lambda visit_id: NotFound(what=f"#{visit_id}"),
    conflict=lambda row, _version: ConflictError(number=f"#{row.id}"),
)


def local_today(desk: Desk) -> date:
    return desk.clock().astimezone(desk.sla.zone).date()


@unit_of_work
def record_visit(desk: Desk, actor: StaffView, data: VisitInput | dict[str, object]) -> VisitView:
    """Record a visit; with a rectification and its due date, the shop owes a follow-up."""
    require(desk, actor, Action.RECORD_VISIT)
    valid = validate(VisitInput, data)
    today = local_today(desk)
    if valid.visited_on > today:
        raise InvalidInput({"visited_on": FieldError("visits.validation.future")})
    problem = due_date_problem(valid)
    if problem is not None:
        raise InvalidInput({problem[0]: FieldError(problem[1])})
    with write_transaction(f"recording a visit to {valid.shop_code}"):
        shop = Shop.get_or_none(Shop.code == valid.shop_code.upper())
        if shop is None:
            raise InvalidInput({"shop_code": FieldError("documents.validation.no_shop", code=valid.shop_code)})
        state = RectificationState.OPEN if valid.rectification else RectificationState.NONE
        row = SupervisionVisit.create(
            shop=shop.id, visited_on=valid.visited_on, findings=valid.findings, rectification=valid.rectification,
            due_on=valid.due_on, state=state.value, recorded_by=actor.id, recorded_at=desk.clock(),
        )
        due = f" → {valid.due_on.isoformat()}" if valid.due_on else ""
        append_event(desk.clock(), actor, EventKind.VISIT_RECORDED, field="visit", new=f"{shop.code} #{row.id}{due}",
                     note=valid.findings)
        return visit_view(row.id, today)


@unit_of_work
def close_rectification(
    desk: Desk, actor: StaffView, visit_id: int, data: FollowUpInput | dict[str, object], version: int | None
) -> VisitView:
    """A follow-up found the rectification done: the visit no longer waits."""
    require(desk, actor, Action.RECORD_VISIT)
    valid = validate(FollowUpInput, data)
    today = local_today(desk)
    if valid.followed_up_on > today:
        raise InvalidInput({"followed_up_on": FieldError("visits.validation.future")})
    with write_transaction(f"closing the rectification of visit #{visit_id}"):
        row = VISIT_RECORD.load(visit_id, version)
        if row.state != RectificationState.OPEN.value:
            raise InvalidInput({"note": FieldError("visits.validation.not_open")})
        if valid.followed_up_on < row.visited_on:
            raise InvalidInput({"followed_up_on": FieldError("visits.validation.before_visit")})
        VISIT_RECORD.save(row, row.version, {"state": RectificationState.CLOSED.value,
                                             "followed_up_on": valid.followed_up_on, "follow_up": valid.note,
                                             "closed_by": actor.id})
        append_event(desk.clock(), actor, EventKind.RECTIFICATION_CLOSED, field="visit",
                     old=RectificationState.OPEN.value, new=f"#{visit_id}", note=valid.note)
        return visit_view(visit_id, today)


@unit_of_work
def shop_visits(shop_code: str, today: date, limit: int = VISITS_SHOWN) -> list[VisitView]:
    """A shop's visits, newest first."""
    rows = (SupervisionVisit.select().join(Shop).where(Shop.code == shop_code.upper())
            .order_by(SupervisionVisit.visited_on.desc(), SupervisionVisit.id.desc()).limit(limit))
    return visit_views(list(rows), today)


def overdue_rectifications(today: date, limit: int = VISITS_SHOWN) -> list[VisitView]:
    """Open rectifications past their due date, the longest overdue first."""
    rows = (SupervisionVisit.select()
            .where((SupervisionVisit.state == RectificationState.OPEN.value) & (SupervisionVisit.due_on < today))
            .order_by(SupervisionVisit.due_on, SupervisionVisit.id).limit(limit))
    return visit_views(list(rows), today)


def overdue_by_shop(today: date) -> dict[int, int]:
    """Shop id → open rectifications past their due date (read from the state/due index)."""
    rows = (SupervisionVisit.select(SupervisionVisit.shop, fn.COUNT(SQL("*")))
            .where((SupervisionVisit.state == RectificationState.OPEN.value) & (SupervisionVisit.due_on < today))
            .group_by(SupervisionVisit.shop).tuples())
    return {int(shop_id): int(count) for shop_id, count in rows}


def overdue_count(today: date) -> int:
    """How many open rectifications are past their due date (the dashboard's figure)."""
    query = SupervisionVisit.select(fn.COUNT(SQL("*"))).where(
        (SupervisionVisit.state == RectificationState.OPEN.value) & (SupervisionVisit.due_on < today))
    return int(query.scalar() or 0)


@unit_of_work
def first_overdue_shop(today: date) -> str | None:
    """The code of the shop whose earliest recorded visit has a rectification overdue on `today`, if any."""
    late = (SupervisionVisit.select(SupervisionVisit.shop)
            .where((SupervisionVisit.state == RectificationState.OPEN.value) & (SupervisionVisit.due_on < today))
            .order_by(SupervisionVisit.id).first())
    return str(Shop.get_by_id(late.shop_id).code) if late else None
