"""Every kind of search reads through indexes: no statement the queue runs for a page or a count walks
the complaint, customer or (PostgreSQL) search text table, on either engine (SQLite's EXPLAIN QUERY PLAN; PostgreSQL's EXPLAIN,
with enough complaints and fresh statistics for its planner to choose as it would on a real desk)."""

from itertools import cycle, islice

import pytest
from playhouse.shortcuts import model_to_dict

from aftersales.services.complaints.queue import QueueFilter, queue_count, queue_page
from aftersales.store.models import Complaint, Customer, database
from aftersales.store.server import is_server

from .factories import NOW, new_complaint
from .query_plans import plan_lines, statements
from .search_helpers import window

# One of each class the search box serves.
TERMS = {
    "one character, common": "沙",
    "one character, absent": "鲲",
    "two characters, common": "沙发",
    "two characters, rare": "漏水",
    "two characters, absent": "鲲鹏",
    "customer name": "王芳",
    "two Latin letters": "ab",
    "three characters or more": "桌面开裂",
    "absent phrase": "不存在的词",
    "English word": "refund",
    "a run pg_trgm cannot cut": "a b",
    "whole phone": "13800000007",
    "phone tail": "0007",
    "longer phone tail": "0000 0007",
    "complaint number": "TS-20261127-0001",
}
COMPLAINTS = 3000
TABLES = ("complaint", "customer", "complaint_text")
TEXTS = ["真皮沙发表面开裂，要求换货 refund", "餐桌桌面开裂", "吸顶灯闪烁 please refund", "床垫有异味，要求退货"]


def _many_complaints(desk, op) -> None:
    new_complaint(desk, op, phone="13800000000", customer_name="王芳", description="马桶漏水，要求维修")
    model = model_to_dict(Complaint.get(), recurse=False)
    for computed in ("id", "open_due_at"):
        model.pop(computed)
    people = Customer.insert_many([
        {"name": f"客户{n}", "phone": f"138{n:08d}", "address": "", "created_at": NOW} for n in range(1, COMPLAINTS)
    ]).execute()
    del people
    ids = [row[0] for row in Customer.select(Customer.id).tuples()]
    rows = [
        {**model, "number": f"TS-20261126-{n:04d}", "customer": customer, "description": text}
        for n, (customer, text) in enumerate(islice(zip(cycle(ids), cycle(TEXTS)), COMPLAINTS), 1)
    ]
    with database.obj.atomic():
        for start in range(0, len(rows), 500):
            Complaint.insert_many(rows[start:start + 500]).execute()
    database.obj.execute_sql("ANALYZE")


def _walks(detail: str) -> bool:
    """A plan step that reads a whole table (or a whole index of one)."""
    if not is_server(database.obj):
        return detail.startswith("SCAN") and "VIRTUAL TABLE" not in detail and not detail.startswith("SCAN capped")
    step = detail.strip().removeprefix("->").strip()
    return step.startswith("Seq Scan")


def _index_walks(lines: list[str]) -> list[str]:
    """PostgreSQL index scans of a searched table with no condition: a walk of all of it."""
    found = []
    for at, line in enumerate(lines):
        step = line.strip().removeprefix("->").strip()
        if step.startswith(("Index Scan", "Index Only Scan")) and any(f" on {table} " in step for table in TABLES):
            following = lines[at + 1].strip() if at + 1 < len(lines) else ""
            if not following.startswith("Index Cond"):
                found.append(line)
    return found


@pytest.mark.parametrize("size", [2, None], ids=["tiny-window", "window"])
def test_no_search_walks_the_complaint_or_customer_table(desk, staff, engine, size) -> None:
    if size is not None and engine != "postgresql":
        pytest.skip("the window is PostgreSQL's")
    op = staff["op01"]
    _many_complaints(desk, op)
    problems = []
    with window(engine, size):
        for kind, term in TERMS.items():
            with statements() as seen:
                first = queue_page(op, QueueFilter(search=term), now=NOW, limit=20)
                if first.cursor is not None:
                    queue_page(op, QueueFilter(search=term), after=first.cursor, now=NOW, limit=20)
                queue_count(op, QueueFilter(search=term), NOW)
            for sql, params in seen:
                lines = plan_lines(sql, params)
                walks = [line for line in lines if _walks(line)] + (_index_walks(lines) if is_server(database.obj) else [])
                problems += [f"{kind} ({term}): {line.strip()}  <-  {sql[:160]}" for line in walks]
    assert problems == [], "\n".join(problems)
