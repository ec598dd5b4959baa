"""Reading call-backs: one with its attempts, a complaint's, and the list of calls due today."""

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from peewee import JOIN, SQL, fn

from ...domain.callbacks import (
    CallbackOutcome,
    CallbackPurpose,
    CallbackStatus,
    CallbackView,
    DueRow,
    may_give_up,
)
from ...domain.deliveries import REMEDY_OF_KIND, DeliveryKind, DeliveryStatus, delivery_number
from ...domain.enums import ComplaintStatus, Remedy
from ...domain.errors import NotFound
from ...domain.schemas import StaffView
from ...store.converters import attempt_view
from ...store.fields import to_epoch
from ...store.models import Callback, CallbackAttempt, Complaint, Customer, DeliveryOrder, Staff
from ..unit import unit_of_work

# Written into the SQL as a literal, so SQLite uses the partial indexes of pending call-backs.
_IS_PENDING = Callback.status == SQL(f"'{CallbackStatus.PENDING.value}'")
DUE_LIMIT = 200


def _attempts(callback_ids: list[int]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = {cid: [] for cid in callback_ids}
    query = (
        CallbackAttempt.select(CallbackAttempt, Staff.code.alias("actor_code"))
        .join(Staff, JOIN.LEFT_OUTER, on=(CallbackAttempt.actor == Staff.id))
        .where(CallbackAttempt.callback.in_(callback_ids))
        .order_by(CallbackAttempt.at, CallbackAttempt.id)
        .objects()
    )
    for row in query:
        out[row.callback_id].append(attempt_view(row, row.actor_code))
    return out


def _views(query: Any, zone: ZoneInfo) -> list[CallbackView]:
    rows = list(query.objects())
    attempts = _attempts([row.id for row in rows])
    out = []
    for row in rows:
        tried = attempts[row.id]
        out.append(CallbackView(
            id=row.id, complaint_id=row.complaint_id, complaint_number=row.complaint_number,
            complaint_status=row.complaint_status,
            delivery_order_id=row.delivery_order_id,
            delivery_number=delivery_number(row.delivery_order_id) if row.delivery_order_id else None,
            purpose=CallbackPurpose(row.purpose), confirm_payment=row.confirm_payment, payment_fen=row.payment_fen,
            due_at=row.due_at, status=CallbackStatus(row.status),
            outcome=CallbackOutcome(row.outcome) if row.outcome else None, satisfaction=row.satisfaction,
            assignee_code=row.assignee_code, customer_name=row.customer_name, phone=row.phone,
            resolution=row.resolution, solves_as=_solves_as(row), attempts=tried,
            may_give_up=may_give_up(((a.at, a.outcome) for a in tried), zone),
            version=row.version, created_at=row.created_at, finished_at=row.finished_at,
        ))
    return out


def _solves_as(row: Any) -> Remedy | None:
    """The remedy a "solved" answer would record: only on a completed delivery's call-back while the
    complaint is under investigation with nothing else on the road."""
    if (row.purpose != CallbackPurpose.CONFIRM_DELIVERY.value or row.delivery_status != DeliveryStatus.COMPLETED.value
            or row.complaint_status != ComplaintStatus.INVESTIGATING.value or row.delivery_kind is None):
        return None
    return REMEDY_OF_KIND.get(DeliveryKind(row.delivery_kind))


def _with_complaint() -> Any:
    return (
        Callback.select(
            Callback, Complaint.number.alias("complaint_number"), Complaint.status.alias("complaint_status"),
            Complaint.resolution.alias("resolution"), Customer.name.alias("customer_name"),
            Customer.phone.alias("phone"), Staff.code.alias("assignee_code"),
            DeliveryOrder.kind.alias("delivery_kind"), DeliveryOrder.status.alias("delivery_status"),
        )
        .join(Complaint, on=(Callback.complaint == Complaint.id))
        .join(Customer, on=(Complaint.customer == Customer.id))
        .switch(Callback)
        .join(Staff, JOIN.LEFT_OUTER, on=(Callback.assignee == Staff.id))
        .switch(Callback)
        .join(DeliveryOrder, JOIN.LEFT_OUTER, on=(Callback.delivery_order == DeliveryOrder.id))
    )


@unit_of_work
def get_callback(callback_id: int, zone: ZoneInfo) -> CallbackView:
    """One call-back with its attempts and the customer's full phone (the caller dials it)."""
    found = _views(_with_complaint().where(Callback.id == callback_id), zone)
    if not found:
        raise NotFound(what=str(callback_id))
    return found[0]


@unit_of_work
def complaint_callbacks(complaint_id: int, zone: ZoneInfo) -> list[CallbackView]:
    """Every call-back of a complaint, oldest first."""
    return _views(_with_complaint().where(Callback.complaint == complaint_id).order_by(Callback.id), zone)


@unit_of_work
def pending_callback(complaint_id: int, zone: ZoneInfo) -> CallbackView | None:
    """The complaint's call-back to make next: its resolution call first, else the earliest due."""
    pending = [cb for cb in complaint_callbacks(complaint_id, zone) if cb.status is CallbackStatus.PENDING]
    pending.sort(key=lambda cb: (cb.purpose is not CallbackPurpose.CONFIRM_RESOLUTION, cb.due_at, cb.id))
    return pending[0] if pending else None


def end_of_day(now: datetime, zone: ZoneInfo) -> datetime:
    """Local midnight after `now`: what is due before it is due today."""
    return datetime.combine(now.astimezone(zone).date() + timedelta(days=1), time(0, 0), zone)


@unit_of_work
def due_callbacks(
    actor: StaffView, now: datetime, zone: ZoneInfo, *, everyone: bool = False, limit: int = DUE_LIMIT
) -> list[DueRow]:
    """Pending call-backs due today or earlier, overdue first: the actor's own, or everyone's.

    Reads the partial index of pending call-backs and stops at `limit`, so a desk with a long backlog
    still answers at once.
    """
    where = _IS_PENDING & (Callback.due_at < to_epoch(end_of_day(now, zone)))
    if not everyone:
        where &= Callback.assignee == actor.id
    query = (
        Callback.select(
            Callback.id, Callback.complaint, Complaint.number, Customer.name, Customer.phone, Callback.purpose,
            Callback.confirm_payment, Callback.due_at, Callback.attempts, Staff.code,
        )
        .join(Complaint, on=(Callback.complaint == Complaint.id))
        .join(Customer, on=(Complaint.customer == Customer.id))
        .switch(Callback)
        .join(Staff, JOIN.LEFT_OUTER, on=(Callback.assignee == Staff.id))
        .where(where)
        .order_by(Callback.due_at, Callback.id)
        .limit(limit)
        .tuples()
    )
    return [
        DueRow(
            id=cid, complaint_id=complaint_id, complaint_number=number, customer_name=name, phone=phone,
            purpose=CallbackPurpose(purpose), confirm_payment=bool(payment),
            due_at=due_at, attempts=tried, assignee_code=code,
        )
        for cid, complaint_id, number, name, phone, purpose, payment, due_at, tried, code in query
    ]


@unit_of_work
def due_counts(actor: StaffView, now: datetime, zone: ZoneInfo) -> tuple[int, int]:
    """(the actor's call-backs due today or earlier, of those already overdue)."""
    base = _IS_PENDING & (Callback.assignee == actor.id)
    today = Callback.select(fn.COUNT(Callback.id)).where(base & (Callback.due_at < to_epoch(end_of_day(now, zone))))
    overdue = Callback.select(fn.COUNT(Callback.id)).where(base & (Callback.due_at < to_epoch(now)))
    return int(today.scalar() or 0), int(overdue.scalar() or 0)
