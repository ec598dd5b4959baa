"""Taking a complaint: customer by phone, shop, number, SLA deadlines, one event."""

from datetime import date, datetime, timedelta
from typing import Any

from ...domain.enums import SEVERITY_RANK, ComplaintStatus, EventKind
from ...domain.errors import FieldError, InvalidInput
from ...domain.numbering import complaint_number
from ...domain.permissions import Action
from ...domain.schemas import ComplaintInput, ComplaintView, StaffView
from ...domain.sla import deadlines
from ...store.bulk import insert_prepared, insert_records, prepare_records
from ...store.closed_months import refuse_closed_day
from ...store.converters import complaint_view
from ...store.db import write_transaction
from ...store.models import Complaint, Customer, NumberSequence, Shop
from ..audit import append_event
from ..context import Desk
from ..escalations.raising import escalate_at_intake
from ..guard import require
from ..unit import unit_of_work
from ..validation import validate


def next_number(received: datetime, desk: Desk) -> str:
    """Allocate the day's next number inside the caller's write transaction."""
    day = received.astimezone(desk.sla.zone).date()
    return complaint_number(day, reserve_numbers(day, 1))


def reserve_numbers(day: date, count: int) -> int:
    """Take the next `count` numbers of `day` inside the caller's write transaction (one statement,
    so the write lock is not held for three); returns the last one taken. A complaint received in a
    month already handed over is refused here, where every intake and import takes its number."""
    refuse_closed_day(day)
    db = NumberSequence._meta.database
    mark = db.obj.param
    found = db.execute_sql(
        f"INSERT INTO number_sequence (day, last) VALUES ({mark}, {mark}) "
        "ON CONFLICT (day) DO UPDATE SET last = number_sequence.last + excluded.last RETURNING last",
        (f"{day:%Y%m%d}", count),
    ).fetchone()
    return int(found[0])


def find_or_create_customer(phone: str, name: str, address: str, now: datetime) -> int:
    """The id of the first customer with `phone` (its address updated when one is given), else of
    a new customer; inside the caller's write transaction."""
    found = (Customer.select(Customer.id, Customer.address).where(Customer.phone == phone)
             .order_by(Customer.id).limit(1).tuples().first())
    if found is None:
        return insert_records(Customer, [{"name": name, "phone": phone, "address": address, "created_at": now}])[0]
    if address and address != found[1]:
        Customer.update(address=address).where(Customer.id == found[0]).execute()
    return int(found[0])


def shop_by_code(code: str) -> Shop:
    shop = Shop.get_or_none((Shop.code == code) & (Shop.active == True))  # noqa: E712
    if shop is None:
        raise InvalidInput({"shop_code": FieldError("validation.no_active_shop", code=code)})
    return shop


def complaint_fields(desk: Desk, valid: ComplaintInput, shop_id: int, now: datetime) -> dict[str, Any]:
    """A new complaint's columns but its number and customer (the SLA deadlines worked out): what
    intake and import both store."""
    received = valid.received_at or now
    ack_due, resolve_due = deadlines(received, valid.severity, desk.sla)
    return {
        "shop": shop_id,
        "product": valid.product,
        "contract_no": valid.contract_no,
        "receipt_no": valid.receipt_no,
        "category": valid.category.value,
        "severity": valid.severity.value,
        "severity_rank": SEVERITY_RANK[valid.severity],
        "channel": valid.channel.value,
        "remedy": valid.remedy.value,
        "description": valid.description,
        "major_incident": valid.major_incident,
        "major_reason": valid.major_reason.value if valid.major_reason else None,
        "status": ComplaintStatus.NEW.value,
        "ack_due_at": ack_due,
        "resolve_due_at": resolve_due,
        "created_at": received,
        "updated_at": now,
    }


@unit_of_work
def create_complaint(desk: Desk, actor: StaffView, data: ComplaintInput | dict[str, object]) -> ComplaintView:
    """Record a new complaint and return it with its number."""
    require(desk, actor, Action.INTAKE)
    valid = validate(ComplaintInput, data)
    now = desk.clock()
    fields = complaint_fields(desk, valid, shop_by_code(valid.shop_code).id, now)
    prepared = prepare_records(Complaint, ("number", "customer"), [fields])
    # Only the writes hold the write lock: the shop is looked up and the row converted before it,
    # the view read after COMMIT.
    with write_transaction("saving a new complaint"):
        customer_id = find_or_create_customer(valid.phone, valid.customer_name, valid.address, now)
        number = next_number(fields["created_at"], desk)
        complaint_id = insert_prepared(prepared, [(number, customer_id)])[0]
        append_event(now, actor, EventKind.CREATED, complaint_id=complaint_id, field="status", new=number)
        escalate_at_intake(complaint_id, valid.severity, valid.major_reason.value if valid.major_reason else None,
                           actor, now)
    return complaint_view(Complaint.get_by_id(complaint_id))


DUPLICATE_WINDOW = timedelta(days=14)


@unit_of_work
def recent_duplicates(phone: str, shop_code: str, now: datetime) -> list[str]:
    """Numbers of complaints from the same phone about the same shop within 14 days."""
    query = (
        Complaint.select(Complaint.number)
        .join(Customer, on=(Complaint.customer == Customer.id))
        .switch(Complaint)
        .join(Shop, on=(Complaint.shop == Shop.id))
        .where(
            (Customer.phone == phone)
            & (Shop.code == shop_code)
            & (Complaint.created_at >= now - DUPLICATE_WINDOW)
        )
        .order_by(Complaint.created_at.desc())
    )
    return [str(row.number) for row in query]
