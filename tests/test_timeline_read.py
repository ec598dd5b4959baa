"""The timeline as read for the desk: every event with its actor's name beside the code, and a change of
assignee with the names of both."""

from aftersales.domain.enums import EventKind
from aftersales.services.complaints import actions
from aftersales.services.complaints.read import timeline

from .delivery_helpers import investigating


def test_events_carry_the_actors_name_and_an_assignment_both_names(desk, staff):
    complaint = investigating(desk, staff["op01"])
    actions.assign(desk, staff["lead01"], complaint.id, "op02", complaint.version)
    events = timeline(complaint.id)
    assert all(e.actor_name == staff[e.actor_code].name for e in events if e.actor_code)
    moved = [e for e in events if e.kind is EventKind.ASSIGNED][-1]
    assert (moved.old, moved.old_name, moved.new, moved.new_name) == (
        "op01", staff["op01"].name, "op02", staff["op02"].name)
    assert moved.actor_name == staff["lead01"].name
