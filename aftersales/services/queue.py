"""The complaint queue: keyset pages over the database, filters, sort and full-text search."""

import re
from datetime import datetime
from enum import StrEnum
from typing import Any

from peewee import JOIN, SQL, SqliteDatabase, Tuple
from pydantic import BaseModel, ConfigDict

from ..domain.enums import OPEN_STATUSES, SEVERITY_RANK, Category, ComplaintStatus, Severity
from ..domain.schemas import QueueRow, StaffView
from ..store.fields import to_epoch
from ..store.models import Complaint, Customer, Shop, Staff

PAGE = 50
_NUMBER = re.compile(r"^TS-\d{8}-\d{4,}$", re.IGNORECASE)
_DIGITS = re.compile(r"^\d{4,11}$")


class QueueSort(StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"
    SEVERITY = "severity"
    DUE = "due"


class QueueFilter(BaseModel):
    """What the operator narrowed the queue to; empty means everything."""

    model_config = ConfigDict(frozen=True)

    status: ComplaintStatus | None = None
    shop_code: str | None = None
    category: Category | None = None
    severity: Severity | None = None
    assignee_code: str | None = None
    mine: bool = False
    overdue: bool = False
    search: str = ""


class QueuePage(BaseModel):
    model_config = ConfigDict(frozen=True)

    rows: list[QueueRow]
    cursor: tuple[int, ...] | None  # keys of the last row, to ask for the next page
    more: bool


def base_query() -> Any:
    return (
        Complaint.select(
            Complaint.id, Complaint.number, Complaint.created_at, Complaint.category, Complaint.severity,
            Complaint.status, Complaint.ack_due_at, Complaint.resolve_due_at,
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
    return [
        QueueRow(
            id=r["id"], number=r["number"], created_at=r["created_at"], shop_name=r["shop_name"],
            customer_name=r["customer_name"], phone=r["phone"], category=Category(r["category"]),
            severity=Severity(r["severity"]), status=ComplaintStatus(r["status"]),
            assignee_code=r["assignee_code"], ack_due_at=r["ack_due_at"],
            resolve_due_at=r["resolve_due_at"],
        )
        for r in query.dicts()
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
        query = query.where(Complaint.assignee == Staff.select(Staff.id).where(Staff.code == filt.assignee_code))
    if filt.overdue:
        # A resolved complaint waits for its call-back, not for the desk: it is not overdue.
        open_states = [s.value for s in OPEN_STATUSES if s is not ComplaintStatus.RESOLVED]
        query = query.where((Complaint.resolve_due_at < to_epoch(now)) & Complaint.status.in_(open_states))
    return query


def _search(query: Any, text: str) -> Any:
    text = text.strip()
    if _NUMBER.match(text):
        return query.where(Complaint.number == text.upper())
    if _DIGITS.match(text):
        return query.where(Customer.phone.endswith(text) if len(text) < 11 else Customer.phone == text)
    if not isinstance(Complaint._meta.database.obj, SqliteDatabase):
        # PostgreSQL: no FTS5 table; a substring match over the same three texts.
        return query.where(
            Complaint.product.contains(text) | Complaint.description.contains(text) | Customer.name.contains(text)
        )
    if len(text) >= 3:
        phrase = '"' + text.replace('"', '""') + '"'
        ids = SQL("(SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH ?)", [phrase])
    else:
        like = "%" + text.replace("%", "").replace("_", "") + "%"
        ids = SQL(
            "(SELECT rowid FROM complaint_fts WHERE product LIKE ? OR description LIKE ? OR customer_name LIKE ?)",
            [like, like, like],
        )
    return query.where(Complaint.id.in_(ids))


def _keys(sort: QueueSort) -> list[Any]:
    if sort is QueueSort.SEVERITY:
        return [Complaint.severity_rank, Complaint.created_at, Complaint.id]
    if sort is QueueSort.DUE:
        return [Complaint.resolve_due_at, Complaint.id]
    return [Complaint.created_at, Complaint.id]


def _descending(sort: QueueSort) -> bool:
    return sort in (QueueSort.NEWEST, QueueSort.SEVERITY)


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
    keys = _keys(sort)
    if filt.search.strip():
        keys = [Complaint.id]
        descending = True
    else:
        descending = _descending(sort)
    if from_end:
        descending = not descending
    query = _filtered(base_query(), filt, actor, now)
    if filt.search.strip():
        query = _search(query, filt.search)
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


def queue_count(actor: StaffView, filt: QueueFilter, now: datetime, cap: int = 100_000) -> int:
    """How many complaints match, counted up to `cap` so a huge queue stays cheap."""
    query = _filtered(Complaint.select(Complaint.id), filt, actor, now)
    if filt.search.strip():
        query = _search(query.switch(Complaint).join(Customer, on=(Complaint.customer == Customer.id)), filt.search)
    sql, params = query.limit(cap).sql()
    return int(Complaint._meta.database.execute_sql(f"SELECT COUNT(*) FROM ({sql}) AS capped", params).fetchone()[0])
