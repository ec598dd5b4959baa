"""The complaint queue: keyset pages over the database, filters, sort and full-text search."""

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any

from peewee import JOIN, Tuple
from pydantic import BaseModel, ConfigDict

from ...domain.enums import SEVERITY_RANK, Category, ComplaintStatus, Severity
from ...domain.schemas import QueueRow, StaffView
from ...store.fields import to_epoch
from ...store.models import Complaint, Customer, Shop, Staff
from ...store.server_search import small_reads
from ..escalations.read import escalation_marks
from ..staff.lookup import code_is
from ..unit import unit_of_work
from . import server_search
from .search import is_sqlite, narrow, read_term

PAGE = 50


class QueueSort(StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"
    SEVERITY = "severity"
    DUE = "due"


class QueueFilter(BaseModel):
    """What the operator narrowed the queue to; empty means everything."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    status: ComplaintStatus | None = None
    shop_code: str | None = None
    category: Category | None = None
    severity: Severity | None = None
    assignee_code: str | None = None
    mine: bool = False
    overdue: bool = False
    search: str = ""
    # The complaints behind a quality signal or a term (at most a few hundred), and what they stand for.
    ids: tuple[int, ...] = ()
    about: str = ""


class QueuePage(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    rows: list[QueueRow]
    cursor: tuple[int, ...] | None  # keys of the last row, to ask for the next page
    more: bool


def base_query() -> Any:
    return (
        Complaint.select(
            Complaint.id, Complaint.number, Complaint.created_at, Complaint.category, Complaint.severity,
            Complaint.status, Complaint.ack_due_at, Complaint.resolve_due_at, Complaint.reply_due_at,
            Complaint.hold_since, Complaint.hold_until,
            Shop.name.alias("shop_name"), Customer.name.alias("customer_name"), Customer.phone.alias("phone"),
            Staff.code.alias("assignee_code"),
        )
        .join(Shop, on=(Complaint.shop == Shop.id))
        .switch(Complaint)
        .join(Customer, on=(Complaint.customer == Customer.id))
        .switch(Complaint)
        .join(Staff, JOIN.LEFT_OUTER, on=(Complaint.assignee == Staff.id))
    )


def queue_rows(query: Any) -> list[QueueRow]:
    found = list(query.dicts())
    marks = escalation_marks([r["id"] for r in found])
    return [
        QueueRow(
            id=r["id"], number=r["number"], created_at=r["created_at"], shop_name=r["shop_name"],
            customer_name=r["customer_name"], phone=r["phone"], category=Category(r["category"]),
            severity=Severity(r["severity"]), status=ComplaintStatus(r["status"]),
            assignee_code=r["assignee_code"], ack_due_at=r["ack_due_at"],
            resolve_due_at=r["resolve_due_at"], reply_due_at=r["reply_due_at"],
            hold_since=r["hold_since"], hold_until=r["hold_until"],
            escalation_level=marks.get(r["id"], (0, False))[0], instructed=marks.get(r["id"], (0, False))[1],
        )
        for r in found
    ]


def _filtered(query: Any, filt: QueueFilter, actor: StaffView, now: datetime) -> Any:
    if filt.status is not None:
        query = query.where(Complaint.status == filt.status.value)
    if filt.shop_code:
        query = query.where(Complaint.shop == Shop.select(Shop.id).where(Shop.code == filt.shop_code))
    if filt.category is not None:
        query = query.where(Complaint.category == filt.category.value)
    if filt.severity is not None:
        query = query.where(Complaint.severity == filt.severity.value)
    if filt.mine:
        query = query.where(Complaint.assignee == actor.id)
    elif filt.assignee_code:
        query = query.where(Complaint.assignee == Staff.select(Staff.id).where(code_is(filt.assignee_code)))
    if filt.overdue:
        query = query.where(Complaint.open_due_at < to_epoch(now))
    if filt.ids:
        query = query.where(Complaint.id.in_(list(filt.ids)))
    return query


def _scope(filt: QueueFilter, actor: StaffView, now: datetime) -> Callable[[Any], Any] | None:
    """The filters of `filt` but its search, to apply to a query over complaints; None when there are none."""
    if filt.model_copy(update={"search": ""}) == QueueFilter():
        return None
    return lambda query: _filtered(query, filt, actor, now)


def _keys(sort: QueueSort) -> list[Any]:
    if sort is QueueSort.SEVERITY:
        return [Complaint.severity_rank, Complaint.created_at, Complaint.id]
    if sort is QueueSort.DUE:
        return [Complaint.resolve_due_at, Complaint.id]
    return [Complaint.created_at, Complaint.id]


def effective_sort(filt: QueueFilter, sort: QueueSort) -> QueueSort:
    """The order a page really has: search results come newest first (walking the text index),
    overdue complaints most overdue first (read straight from the open-deadline index; any other
    order would sort tens of thousands of rows)."""
    if filt.search.strip():
        return QueueSort.NEWEST
    return QueueSort.DUE if filt.overdue else sort


def _descending(sort: QueueSort) -> bool:
    return sort in (QueueSort.NEWEST, QueueSort.SEVERITY)


@unit_of_work
def queue_page(
    actor: StaffView,
    filt: QueueFilter,
    sort: QueueSort = QueueSort.NEWEST,
    after: tuple[int, ...] | None = None,
    *,
    now: datetime,
    limit: int = PAGE,
    from_end: bool = False,
) -> QueuePage:
    """One page of the queue after `after` (or the first page; the last one with `from_end`)."""
    sort = effective_sort(filt, sort)
    keys = _keys(sort)
    descending = _descending(sort)
    query = _filtered(base_query(), filt, actor, now)
    if filt.search.strip():
        term = read_term(filt.search)
        if term.kind == "word" and not is_sqlite():
            # PostgreSQL: the ids through the indexes first (see server_search), then their rows.
            ids = server_search.word_ids(_scope(filt, actor, now), term.value, after[0] if after else None,
                                         not from_end, limit + 1)
            query, key, after = query.where(Complaint.id.in_(ids)), Complaint.id, None
        else:
            query, key = narrow(query, term)
        keys, descending = [key], True
    if from_end:
        descending = not descending
    if after is not None:
        bound = Tuple(*keys)
        cursor = Tuple(*after)
        query = query.where(bound < cursor if descending else bound > cursor)
    query = query.order_by(*[k.desc() if descending else k.asc() for k in keys]).limit(limit + 1)
    rows = queue_rows(query)
    more = len(rows) > limit
    rows = rows[:limit]
    if from_end:
        rows.reverse()
    last = rows[-1] if rows and not from_end else None
    return QueuePage(rows=rows, cursor=cursor_of(last, sort, bool(filt.search.strip())) if last else None,
                     more=more)


def cursor_of(row: QueueRow, sort: QueueSort, searching: bool = False) -> tuple[int, ...]:
    """Keyset position of `row`, to fetch the page that follows it."""
    if searching:
        return (row.id,)
    if sort is QueueSort.SEVERITY:
        return (SEVERITY_RANK[row.severity], to_epoch(row.created_at), row.id)
    if sort is QueueSort.DUE:
        return (to_epoch(row.resolve_due_at), row.id)
    return (to_epoch(row.created_at), row.id)


@unit_of_work
def queue_count(actor: StaffView, filt: QueueFilter, now: datetime, cap: int = 100_000) -> int:
    """How many complaints match, counted up to `cap` so a huge queue stays cheap."""
    query = _filtered(Complaint.select(Complaint.id), filt, actor, now)
    if filt.search.strip():
        term = read_term(filt.search)
        if term.kind == "word" and not is_sqlite():
            query = server_search.word_query(_scope(filt, actor, now), term.value)
        else:
            query, _ = narrow(query.switch(Complaint).join(Customer, on=(Complaint.customer == Customer.id)), term)
    sql, params = query.limit(cap).sql()
    with small_reads(f"SELECT COUNT(*) FROM ({sql}) AS capped", params) as found:
        return int(found[0]) if found else 0
