"""Two sessions on one complaint: the second save over a stale version is refused."""

import pytest

from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.errors import ConflictError
from aftersales.services.complaints import actions as act
from aftersales.services.complaints.read import get_complaint

from .factories import new_complaint


def test_second_save_of_a_stale_complaint_gets_the_conflict(desk, staff):
    created = new_complaint(desk, staff["op01"])
    first_view = get_complaint(created.id)  # session one loads it
    second_view = get_complaint(created.id)  # session two loads it
    act.assign(desk, staff["lead01"], first_view.id, "op02", first_view.version)
    with pytest.raises(ConflictError, match=created.number):
        act.assign(desk, staff["mgr01"], second_view.id, "op01", second_view.version)
    stored = get_complaint(created.id)
    assert stored.assignee is not None and stored.assignee.code == "op02"
    assert stored.version == first_view.version + 1


def test_stale_status_change_is_refused_and_nothing_changes(desk, staff):
    c = new_complaint(desk, staff["op01"])
    act.acknowledge(desk, staff["op01"], c.id, c.version)
    with pytest.raises(ConflictError):
        act.withdraw(desk, staff["op02"], c.id, {"reason": "客户撤诉"}, c.version)
    assert get_complaint(c.id).status is ComplaintStatus.ACKNOWLEDGED


def test_stale_view_hears_conflict_even_when_the_move_became_illegal(desk, staff):
    c = new_complaint(desk, staff["op01"])
    c = act.acknowledge(desk, staff["op01"], c.id, c.version)
    c = act.change_status(desk, staff["op01"], c.id, ComplaintStatus.INVESTIGATING, c.version)
    act.withdraw(desk, staff["op02"], c.id, {"reason": "客户撤诉"}, c.version)  # the other desk closes it
    with pytest.raises(ConflictError):
        act.change_status(desk, staff["op01"], c.id, ComplaintStatus.AWAITING_DELIVERY, c.version)
    with pytest.raises(ConflictError):
        act.resolve(desk, staff["op01"], c.id, {"decision": "换货", "remedy": "replace"}, c.version)
    assert get_complaint(c.id).status is ComplaintStatus.CLOSED
