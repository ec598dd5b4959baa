"""A complaint's life and the append-only trail, the same on SQLite and PostgreSQL."""

import pytest
from peewee import PeeweeException

from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.errors import ConflictError
from aftersales.services.audit import verify_chain
from aftersales.services.complaints import actions as act
from aftersales.services.complaints.queue import QueueFilter, queue_page
from aftersales.store.models import Event

from .factories import new_complaint


def test_complaint_life_is_the_same_on_both_engines(desk, staff):
    op = staff["op01"]
    c = new_complaint(desk, op)
    c = act.acknowledge(desk, op, c.id, c.version)
    c = act.change_status(desk, op, c.id, ComplaintStatus.INVESTIGATING, c.version)
    with pytest.raises(ConflictError):
        act.change_status(desk, op, c.id, ComplaintStatus.AWAITING_CUSTOMER, c.version - 1)
    page = queue_page(op, QueueFilter(search="沙发"), now=desk.clock())
    assert [r.number for r in page.rows] == [c.number]
    assert verify_chain().first_broken is None


def test_events_are_append_only_on_both_engines(desk, staff):
    new_complaint(desk, staff["op01"])
    with pytest.raises(PeeweeException, match="append-only"):
        Event.update(note="x").execute()
