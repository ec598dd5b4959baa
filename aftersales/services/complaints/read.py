"""Reading one complaint, its timeline and a customer's history."""

from peewee import JOIN

from ...domain.enums import ComplaintStatus
from ...domain.errors import NotFound
from ...domain.schemas import ComplaintView, EventView, QueueRow, ShopView
from ...store.converters import complaint_view, event_view, shop_view
from ...store.models import Complaint, Customer, Event, Shop, Staff
from ..unit import unit_of_work
from .queue import base_query, queue_rows


@unit_of_work
def get_complaint(complaint_id: int) -> ComplaintView:
    row = Complaint.get_or_none(Complaint.id == complaint_id)
    if row is None:
        raise NotFound(what=str(complaint_id))
    return complaint_view(row)


@unit_of_work
def find_complaint(number: str) -> ComplaintView:
    row = Complaint.get_or_none(Complaint.number == number.strip().upper())
    if row is None:
        raise NotFound(what=number)
    return complaint_view(row)


@unit_of_work
def timeline(complaint_id: int) -> list[EventView]:
    """Every event of a complaint, oldest first, each with its actor's code and name (and on a change of
    assignee, the names of both)."""
    query = (
        Event.select(Event, Staff.code.alias("actor_code"), Staff.name.alias("actor_name"))
        .join(Staff, JOIN.LEFT_OUTER, on=(Event.actor == Staff.id))
        .where(Event.complaint == complaint_id)
        .order_by(Event.id)
        .objects()
    )
    events = [event_view(row, row.actor_code, row.actor_name) for row in query]
    codes = {code for e in events if e.field == "assignee" for code in (e.old, e.new) if code}
    if not codes:
        return events
    names = dict(Staff.select(Staff.code, Staff.name).where(Staff.code.in_(sorted(codes))).tuples())
    return [e.model_copy(update={"old_name": names.get(e.old, ""), "new_name": names.get(e.new, "")})
            if e.field == "assignee" else e for e in events]


@unit_of_work
def customer_history(phone: str, limit: int = 10) -> list[QueueRow]:
    """A caller's latest complaints, newest first, for the intake form."""
    customers = Customer.select(Customer.id).where(Customer.phone == phone)
    query = base_query().where(Complaint.customer.in_(customers)).order_by(Complaint.created_at.desc()).limit(limit)
    return queue_rows(query)


@unit_of_work
def customer_name(phone: str) -> str | None:
    row = Customer.select(Customer.name).where(Customer.phone == phone).order_by(Customer.id.desc()).first()
    return str(row.name) if row else None


@unit_of_work
def list_shops(text: str = "", limit: int = 200) -> list[ShopView]:
    """Active shops whose code or name contains `text`, by code."""
    query = Shop.select().where(Shop.active == True)  # noqa: E712
    if text:
        query = query.where(Shop.code.contains(text) | Shop.name.contains(text))
    return [shop_view(row) for row in query.order_by(Shop.code).limit(limit)]


@unit_of_work
def longest_open_timeline(among: int = 50) -> int | None:
    """Of the `among` newest complaints being worked on (neither new nor closed), the one with the most
    events, else the first complaint; None on an empty desk (the README's pictures open it)."""
    working = [s.value for s in ComplaintStatus if s not in (ComplaintStatus.NEW, ComplaintStatus.CLOSED)]
    candidates = (Complaint.select(Complaint.id).where(Complaint.status.in_(working))
                  .order_by(Complaint.created_at.desc()).limit(among))
    best = max(candidates, key=lambda row: Event.select().where(Event.complaint == row.id).count(), default=None)
    if best is None:
        best = Complaint.select(Complaint.id).first()
    return int(best.id) if best else None
