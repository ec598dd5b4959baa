"""The same services on PostgreSQL (runs when AFTERSALES_TEST_PG names a scratch database)."""

import os
from collections.abc import Iterator

import pytest
from peewee import PeeweeException

from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.errors import ConflictError
from aftersales.services.audit import verify_chain
from aftersales.services.complaints import actions as act
from aftersales.services.complaints.queue import QueueFilter, queue_page
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Event

from .factories import new_complaint, seed_shops, seed_staff

URL = os.environ.get("AFTERSALES_TEST_PG", "")
pytestmark = pytest.mark.skipif(not URL, reason="AFTERSALES_TEST_PG is not set")


@pytest.fixture
def pg_staff() -> Iterator[dict]:
    from playhouse.db_url import connect

    scratch = connect(URL)
    scratch.execute_sql("DROP SCHEMA public CASCADE")
    scratch.execute_sql("CREATE SCHEMA public")
    scratch.close()
    open_database(URL)
    people = seed_staff()
    seed_shops()
    yield people
    close_database()


def test_complaint_life_on_postgres(desk, pg_staff):
    op = pg_staff["op01"]
    c = new_complaint(desk, op)
    c = act.acknowledge(desk, op, c.id, c.version)
    c = act.change_status(desk, op, c.id, ComplaintStatus.INVESTIGATING, c.version)
    with pytest.raises(ConflictError):
        act.change_status(desk, op, c.id, ComplaintStatus.AWAITING_CUSTOMER, c.version - 1)
    page = queue_page(op, QueueFilter(search="沙发"), now=desk.clock())
    assert [r.number for r in page.rows] == [c.number]
    assert verify_chain().first_broken is None


def test_events_are_append_only_on_postgres(desk, pg_staff):
    new_complaint(desk, pg_staff["op01"])
    with pytest.raises(PeeweeException, match="append-only"):
        Event.update(note="x").execute()
