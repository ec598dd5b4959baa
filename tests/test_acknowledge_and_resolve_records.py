"""What acknowledging and resolving leave behind: an assignment event, and both remedies."""

from aftersales.domain.enums import ComplaintStatus, EventKind, Remedy
from aftersales.services.complaints import actions as act
from aftersales.services.complaints.read import get_complaint, timeline

from .factories import new_complaint


def test_acknowledging_an_unassigned_complaint_records_who_took_it(desk, staff):
    op = staff["op01"]
    c = act.acknowledge(desk, op, new_complaint(desk, op).id, 1)
    events = [(e.kind, e.field, e.old, e.new, e.actor_code) for e in timeline(c.id)]
    assert events[-2:] == [
        (EventKind.ACKNOWLEDGED, "status", "new", "acknowledged", "op01"),
        (EventKind.ASSIGNED, "assignee", "", "op01", "op01"),
    ]
    assert c.assignee is not None and c.assignee.code == "op01"


def test_acknowledging_an_assigned_complaint_writes_no_assignment(desk, staff):
    op, lead = staff["op01"], staff["lead01"]
    c = new_complaint(desk, op)
    c = act.assign(desk, lead, c.id, "op02", c.version)
    c = act.acknowledge(desk, op, c.id, c.version)
    kinds = [e.kind for e in timeline(c.id)]
    assert kinds == [EventKind.CREATED, EventKind.ASSIGNED, EventKind.ACKNOWLEDGED]
    assert c.assignee is not None and c.assignee.code == "op02"


def test_staff_codes_are_found_whatever_their_case_when_assigning(desk, staff):
    c = new_complaint(desk, staff["op01"])
    c = act.assign(desk, staff["lead01"], c.id, "OP02", c.version)
    assert c.assignee is not None and c.assignee.code == "op02"
    mine = new_complaint(desk, staff["op01"], phone="13900001111")
    assert act.assign(desk, staff["op01"], mine.id, "OP01", mine.version).assignee.code == "op01"


def test_resolving_keeps_the_customers_request_beside_the_decision(desk, staff):
    op = staff["op01"]
    c = act.acknowledge(desk, op, new_complaint(desk, op, remedy="repair").id, 1)
    c = act.change_status(desk, op, c.id, ComplaintStatus.INVESTIGATING, c.version)
    c = act.resolve(desk, op, c.id, {"decision": "同意换货", "remedy": "replace"}, c.version)
    stored = get_complaint(c.id)
    assert (stored.remedy, stored.remedy_decided) == (Remedy.REPAIR, Remedy.REPLACE)
    assert (c.remedy, c.remedy_decided) == (Remedy.REPAIR, Remedy.REPLACE)


def test_an_open_complaint_has_no_decided_remedy(desk, staff):
    assert new_complaint(desk, staff["op01"]).remedy_decided is None
