"""Writing an import's complaints in one short transaction: everything that can be worked out is
worked out before (SLA deadlines, columns, customers to look up), then a few bulk statements write
customers, numbers, complaints, their search entries and their audit events, all or nothing."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ...domain.enums import EventKind
from ...domain.event_notes import import_note
from ...domain.numbering import complaint_number
from ...domain.schemas import ComplaintInput, StaffView
from ...store.bulk import PreparedRows, insert_prepared, insert_records, prepare_records, select_where_in
from ...store.fts import indexed_together
from ...store.models import Complaint, Customer
from ...store.report_summary import summed_together
from .. import audit
from ..complaints.intake import complaint_fields, reserve_numbers
from ..context import Desk
from ..escalations.raising import escalate_at_intake


@dataclass(frozen=True)
class PreparedRow:
    """One validated row of the file and the day its complaint is received on."""

    line: int
    data: ComplaintInput
    day: date


@dataclass(frozen=True)
class PreparedImport:
    """An import's rows, with their complaints' columns (but number and customer) converted already."""

    rows: list[PreparedRow]
    complaints: PreparedRows


def prepare(desk: Desk, rows: Sequence[tuple[int, ComplaintInput]], shop_ids: dict[str, int],
            now: datetime) -> PreparedImport:
    """Work out every row's columns (SLA deadlines included) before the write lock is taken."""
    prepared, records = [], []
    for line, data in rows:
        fields = complaint_fields(desk, data, shop_ids[data.shop_code], now)
        prepared.append(PreparedRow(line, data, fields["created_at"].astimezone(desk.sla.zone).date()))
        records.append(fields)
    return PreparedImport(prepared, prepare_records(Complaint, ("number", "customer"), records))


def write_rows(actor: StaffView, prepared: PreparedImport, now: datetime, source: str) -> list[str]:
    """Store the rows inside the caller's write transaction, as intake would one by one (same
    customers, numbers in file order, an IMPORTED event each); returns their numbers."""
    rows = prepared.rows
    customers = _customers(rows, now)
    numbers = _numbers(rows)
    with indexed_together() as indexed, summed_together() as summed:
        late = [(number, customers[row.data.phone]) for row, number in zip(rows, numbers, strict=True)]
        ids = insert_prepared(prepared.complaints, late)
        indexed.extend(ids)
        summed.extend(ids)
    audit.append_events([
        audit.EventDraft(now, actor.id, EventKind.IMPORTED, complaint_id=complaint_id, field="status", new=number,
                         note=import_note(source, row.line))
        for row, complaint_id, number in zip(rows, ids, numbers, strict=True)
    ])
    # As at intake: a critical complaint or a major incident goes to the manager at once.
    for row, complaint_id in zip(rows, ids, strict=True):
        major = row.data.major_reason.value if row.data.major_reason else None
        escalate_at_intake(complaint_id, row.data.severity, major, actor, now)
    return numbers


def _customers(rows: Sequence[PreparedRow], now: datetime) -> dict[str, int]:
    """Customer id per phone: the first customer with that phone, else a new one (named as in the
    phone's first row); an address given in the file replaces the stored one, the last given wins."""
    first: dict[str, ComplaintInput] = {}
    address: dict[str, str] = {}
    for row in rows:
        first.setdefault(row.data.phone, row.data)
        if row.data.address:
            address[row.data.phone] = row.data.address
    found: dict[str, tuple[int, str]] = {}
    for customer_id, phone, stored in select_where_in("customer", ("id", "phone", "address"), "phone", list(first)):
        found.setdefault(str(phone), (int(customer_id), str(stored)))
    for phone, (customer_id, stored) in found.items():
        if phone in address and address[phone] != stored:
            Customer.update(address=address[phone]).where(Customer.id == customer_id).execute()
    new = [phone for phone in first if phone not in found]
    ids = insert_records(Customer, [
        {"name": first[phone].customer_name, "phone": phone, "address": address.get(phone, ""), "created_at": now}
        for phone in new
    ])
    out = {phone: customer_id for phone, (customer_id, _) in found.items()}
    out.update(zip(new, ids, strict=True))
    return out


def _numbers(rows: Sequence[PreparedRow]) -> list[str]:
    """Each row's number: its day's next ones, in file order (one statement per day)."""
    wanted: dict[date, int] = {}
    for row in rows:
        wanted[row.day] = wanted.get(row.day, 0) + 1
    following = {day: reserve_numbers(day, count) - count + 1 for day, count in wanted.items()}
    numbers = []
    for row in rows:
        numbers.append(complaint_number(row.day, following[row.day]))
        following[row.day] += 1
    return numbers
