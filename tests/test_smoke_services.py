"""The intake → resolve path through the services."""

from aftersales.domain.enums import ComplaintStatus
from aftersales.services.complaints import actions

from .factories import new_complaint


def test_complaint_goes_from_intake_to_resolved(desk, staff):
    op = staff["op01"]
    c = new_complaint(desk, op)
    assert c.number == "TS-20261127-0001"
    c = actions.acknowledge(desk, op, c.id, c.version)
    c = actions.change_status(desk, op, c.id, ComplaintStatus.INVESTIGATING, c.version)
    c = actions.resolve(desk, op, c.id, {"decision": "上门维修", "remedy": "repair"}, c.version)
    assert c.status is ComplaintStatus.RESOLVED
    assert c.assignee is not None and c.assignee.code == "op01"
