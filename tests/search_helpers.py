"""What search tests compare: the queue's search, page after page, against a plain substring scan."""

from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from typing import Any

import pytest
from playhouse.shortcuts import model_to_dict

from aftersales.domain.schemas import StaffView
from aftersales.services.complaints import server_search
from aftersales.services.complaints.queue import QueueFilter, queue_count, queue_page
from aftersales.services.complaints.search import plain_match, read_term
from aftersales.store.models import Complaint, Customer

from .factories import NOW

_numbers = count(1)


def plain_ids(term: str) -> list[int]:
    """The complaints a plain substring scan of product, description and customer name finds, newest first."""
    query = (Complaint.select(Complaint.id).join(Customer, on=(Complaint.customer == Customer.id))
             .where(plain_match(term.strip())).order_by(Complaint.id.desc()))
    return [row[0] for row in query.tuples()]


def searched_ids(actor: StaffView, term: str, limit: int = 3) -> list[int]:
    """Every complaint the search box finds for `term`, read page after page."""
    seen: list[int] = []
    after = None
    while True:
        page = queue_page(actor, QueueFilter(search=term), after=after, now=NOW, limit=limit)
        seen += [row.id for row in page.rows]
        if not page.more:
            return seen
        assert page.cursor is not None
        after = page.cursor


def assert_found_as_scanned(actor: StaffView, terms: list[str], limit: int = 3) -> None:
    """Each word term's pages, last page and count equal the plain scan's."""
    for term in terms:
        assert read_term(term).kind == "word", term
        expected = plain_ids(term)
        assert searched_ids(actor, term, limit) == expected, term
        last = queue_page(actor, QueueFilter(search=term), now=NOW, limit=limit, from_end=True)
        assert [row.id for row in last.rows] == expected[-limit:], term
        assert queue_count(actor, QueueFilter(search=term), NOW) == len(expected), term


def bare_complaint(customer_id: int, product: str, description: str) -> int:
    """A complaint row written straight to the table (no audit event, so a test may delete it), like
    the first one stored but for its number, customer and text."""
    model = Complaint.select().order_by(Complaint.id).first()
    assert model is not None, "a complaint made through intake comes first"
    data = model_to_dict(model, recurse=False)
    for computed in ("id", "open_due_at"):
        data.pop(computed, None)
    data.update(number=f"TS-20261127-9{next(_numbers):05d}", customer=customer_id, product=product,
                description=description)
    return int(Complaint.insert(**data).execute())


@contextmanager
def window(engine: str, size: int | None) -> Iterator[None]:
    """PostgreSQL's plainly tested window, and its trigram probe, set to `size` complaints (small: the
    bucketed keys are read too; None: left as they are)."""
    if engine != "postgresql" or size is None:
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(server_search, "WINDOW", size)
        patch.setattr(server_search, "PROBE", size)
        yield


@contextmanager
def small_buckets() -> Iterator[dict[str, StaffView]]:
    """A new PostgreSQL schema whose keys put every two complaint ids in a bucket of their own, so that a
    few complaints span many buckets; with the demo staff and shops. Left empty afterwards."""
    from aftersales.store import server_search as store_search
    from aftersales.store.db import open_database

    from .engines import PG_URL, drop_schema
    from .factories import seed_shops, seed_staff

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_search, "BUCKET_BITS", 1)
        drop_schema()
        try:
            open_database(PG_URL, create=True)
            people = seed_staff()
            seed_shops()
            yield people
        finally:
            drop_schema()


def customer(name: str, phone: str) -> Any:
    return Customer.create(name=name, phone=phone, address="", created_at=NOW)
