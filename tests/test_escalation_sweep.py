"""The escalation sweep: each trigger on a crafted desk, never twice, not while the clock is paused."""

import json
import multiprocessing
import time
from datetime import datetime

import pytest

from aftersales.domain.enums import ComplaintStatus, EventKind, Severity
from aftersales.domain.errors import StorageError
from aftersales.domain.escalations.enums import EscalationTrigger, SweepRule
from aftersales.domain.schemas import ComplaintView, StaffView
from aftersales.services.complaints.actions import acknowledge, change_status
from aftersales.services.context import Desk
from aftersales.services.escalations.raising import insert_escalation
from aftersales.services.escalations.read import complaint_escalations
from aftersales.services.escalations.sweep import sweep
from aftersales.store.db import close_database, open_database, write_transaction
from aftersales.store.models import Escalation, Event

from .cli_helpers import run
from .factories import NOW, new_complaint

ZONE = Desk().sla.zone


def _at(d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 11, d, hh, mm, tzinfo=ZONE)


def _filed(desk: Desk, actor: StaffView, received: datetime, acknowledged: bool = True) -> int:
    return _filed_view(desk, actor, received, acknowledged).id


def _filed_view(desk: Desk, actor: StaffView, received: datetime, acknowledged: bool = True) -> ComplaintView:
    phone = f"139{received.day:02d}{received.hour:02d}{received.minute:02d}{int(acknowledged)}0"
    view = new_complaint(desk, actor, received_at=received.isoformat(), phone=phone)
    return acknowledge(desk, actor, view.id, view.version) if acknowledged else view


def _triggers(complaint_id: int) -> set[tuple[int, EscalationTrigger]]:
    return {(view.level, view.trigger) for view in complaint_escalations(complaint_id)}


def test_each_trigger_raises_its_level(staff: dict[str, StaffView], desk: Desk) -> None:
    op = staff["op01"]
    on_time = _filed(desk, op, _at(27, 9, 30), acknowledged=False)  # acknowledgement due 11:30
    ack_late = _filed(desk, op, _at(26, 10), acknowledged=False)  # due 26th 12:00
    # Resolution due 27th 09:30 (5 business days), 30 minutes overdue at NOW (10:00).
    resolve_late = _filed(desk, op, _at(22, 9, 30))
    # Resolution due the 24th: overdue by more than one more business day.
    long_late = _filed(desk, op, _at(19, 10))
    # Missed its acknowledgement and now its resolution: the second breach goes to the manager.
    twice = _filed(desk, op, _at(22, 9, 30), acknowledged=False)

    result = sweep(desk)

    assert _triggers(on_time) == set()
    assert _triggers(ack_late) == {(1, EscalationTrigger.ACK_OVERDUE)}
    assert _triggers(resolve_late) == {(1, EscalationTrigger.RESOLVE_OVERDUE)}
    assert _triggers(long_late) == {(1, EscalationTrigger.RESOLVE_OVERDUE), (2, EscalationTrigger.LONG_OVERDUE)}
    assert _triggers(twice) == {(1, EscalationTrigger.ACK_OVERDUE), (2, EscalationTrigger.SECOND_BREACH)}
    assert len(result.raised) == 6
    # Each one is on its complaint's timeline, raised by nobody (the sweep).
    events = list(Event.select().where(Event.kind == EventKind.ESCALATED.value))
    assert len(events) == 6 and all(event.actor_id is None for event in events)


def test_running_the_sweep_twice_raises_nothing_the_second_time(staff: dict[str, StaffView], desk: Desk) -> None:
    _filed(desk, staff["op01"], _at(19, 10), acknowledged=False)
    first = sweep(desk)
    second = sweep(desk)
    assert len(first.raised) == 3 and second.raised == []
    assert Escalation.select().count() == 3


def test_the_database_refuses_a_second_escalation_of_one_rule(staff: dict[str, StaffView], desk: Desk) -> None:
    complaint_id = _filed(desk, staff["op01"], _at(27, 9))
    with write_transaction("test"):
        assert insert_escalation(complaint_id, 1, EscalationTrigger.ACK_OVERDUE, SweepRule.ACK, "", None, NOW)
        assert insert_escalation(complaint_id, 1, EscalationTrigger.ACK_OVERDUE, SweepRule.ACK, "", None, NOW) is None
    # Not only a check in Python: a plain INSERT of the same (complaint, rule) fails in the database.
    with pytest.raises(StorageError) as refused, write_transaction("test"):
        Escalation.insert(complaint=complaint_id, level=1, trigger="ack_overdue", rule="ack", raised_at=NOW).execute()
    assert "unique" in str(refused.value).lower()


def test_a_paused_complaint_is_not_escalated_until_its_clock_runs_out(staff: dict[str, StaffView]) -> None:
    from aftersales.domain.clock import fixed_clock

    op = staff["op01"]
    early = Desk(clock=fixed_clock(_at(22, 10)))
    view = _filed_view(early, op, _at(22, 9, 30))  # resolution due 27th 09:30
    view = change_status(early, op, view.id, ComplaintStatus.INVESTIGATING, view.version)
    view = change_status(early, op, view.id, ComplaintStatus.AWAITING_CUSTOMER, view.version)
    assert view.hold_since == _at(22, 10)
    assert sweep(Desk(clock=fixed_clock(NOW))).raised == []
    # Work resumes on the 27th at 10:00: the pause (22nd 10:00 → 27th 10:00) held five business days
    # and moves the deadline as far; nothing is due.
    later = Desk(clock=fixed_clock(NOW))
    view = change_status(later, op, view.id, ComplaintStatus.INVESTIGATING, view.version)
    assert view.held_seconds == 5 * 720 * 60 and view.hold_since is None
    assert view.resolve_due_at == datetime(2026, 12, 2, 9, 30, tzinfo=ZONE)
    assert sweep(later).raised == []


def test_a_major_incident_goes_to_the_manager_at_intake(staff: dict[str, StaffView], desk: Desk) -> None:
    major = new_complaint(desk, staff["op01"], major_incident=True, major_reason="safety_hazard")
    critical = new_complaint(desk, staff["op01"], severity=Severity.CRITICAL.value, phone="13912340000")
    plain = new_complaint(desk, staff["op01"], phone="13912340001")
    assert [(v.level, v.trigger, v.reason, v.raised_by) for v in complaint_escalations(major.id)] == [
        (2, EscalationTrigger.MAJOR_INCIDENT, "safety_hazard", "op01")
    ]
    assert _triggers(critical.id) == {(2, EscalationTrigger.CRITICAL)}
    assert complaint_escalations(plain.id) == []


def _sweep_worker(target: str, start_at: float) -> int:
    from aftersales.domain.clock import fixed_clock

    open_database(target)
    time.sleep(max(0.0, start_at - time.time()))
    raised = len(sweep(Desk(clock=fixed_clock(NOW))).raised)
    close_database()
    return raised


@pytest.mark.real_clock
def test_two_processes_sweeping_at_once_never_raise_one_escalation_twice(
    db_target: str, staff: dict[str, StaffView], desk: Desk
) -> None:
    for day in (19, 20, 21, 22):
        _filed(desk, staff["op01"], _at(day, 10), acknowledged=day % 2 == 0)
    close_database()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        start_at = time.time() + 2.0
        raised = pool.starmap(_sweep_worker, [(db_target, start_at)] * 2)
    open_database(db_target)
    total = Escalation.select().count()
    assert sum(raised) == total and total > 0
    assert Escalation.select(Escalation.complaint, Escalation.rule).distinct().count() == total


def test_sweep_command_prints_one_line_per_escalation_and_json(
    capsys: pytest.CaptureFixture[str], db_target: str, staff: dict[str, StaffView], desk: Desk
) -> None:
    _filed(desk, staff["op01"], _at(26, 10), acknowledged=False)
    outcome = run(capsys, "--db", db_target, "sweep")
    assert outcome.code == 0 and outcome.err == ""
    assert outcome.out.splitlines() == ["TS-20261126-0001  L1  Acknowledgement overdue"]
    _filed(desk, staff["op01"], _at(19, 10))
    outcome = run(capsys, "--db", db_target, "sweep", "--json")
    rows = json.loads(outcome.out)
    assert sorted((row["complaint"], row["level"], row["trigger"]) for row in rows) == [
        ("TS-20261119-0001", 1, "resolve_overdue"), ("TS-20261119-0001", 2, "long_overdue"),
    ]
    assert run(capsys, "--db", db_target, "sweep").out == ""


def test_awaiting_a_delivery_pauses_the_clock_until_the_promised_slot_ends(staff: dict[str, StaffView], desk: Desk) -> None:
    from aftersales.domain.clock import fixed_clock
    from aftersales.domain.sla import Hold, minutes_left
    from aftersales.services.complaints.read import get_complaint

    from .delivery_helpers import delivered, dispatched, investigating

    view = investigating(desk, staff["op01"])
    order = dispatched(desk, staff["op01"], view)  # tomorrow afternoon
    waiting = get_complaint(view.id)
    assert waiting.status is ComplaintStatus.AWAITING_DELIVERY
    assert waiting.hold_since == NOW and waiting.hold_until is not None
    assert waiting.hold_until.astimezone(ZONE).date() == _at(28, 0).date()
    hold = Hold(waiting.hold_since, waiting.hold_until)
    # While the delivery is still ahead, time left stands still …
    assert minutes_left(waiting.resolve_due_at, _at(28, 12), desk.sla, hold) == minutes_left(
        waiting.resolve_due_at, NOW, desk.sla, hold)
    # … and once the order is delivered the time held is banked and the deadline moved by it.
    later = Desk(clock=fixed_clock(_at(28, 12)))
    delivered(later, staff["dc01"], order)
    back = get_complaint(view.id)
    assert back.status is ComplaintStatus.INVESTIGATING and back.hold_since is None
    assert back.held_seconds == (11 + 3) * 3600  # 10:00 → 21:00 today, 09:00 → 12:00 tomorrow
    assert back.resolve_due_at > waiting.resolve_due_at
