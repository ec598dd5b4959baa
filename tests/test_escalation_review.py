"""Reviewing escalations: who sees what, the five review actions, refusals audited; the figures for reports."""

from datetime import UTC, date, timedelta

import pytest

from aftersales.domain.enums import Category, EventKind, Severity
from aftersales.domain.errors import ConflictError, InvalidInput, PermissionDenied
from aftersales.domain.escalations.enums import EscalationState, EscalationTrigger
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints.queue import QueueFilter, queue_page
from aftersales.services.context import Desk
from aftersales.services.escalations import review
from aftersales.services.escalations.metrics import escalations_by_trigger
from aftersales.services.escalations.raising import escalate
from aftersales.services.escalations.read import complaint_escalations, open_count, review_queue
from aftersales.services.escalations.repeat import repeat_shops, shop_repeat
from aftersales.store.models import Event, Shop

from .factories import NOW, new_complaint


def _escalated(desk: Desk, staff: dict[str, StaffView], **overrides: object) -> tuple[int, int]:
    view = new_complaint(desk, staff["op01"], **overrides)
    if not complaint_escalations(view.id):
        escalate(desk, staff["op01"], view.id, {"reason": "顾客情绪激动，要求主管处理"})
    return view.id, complaint_escalations(view.id)[0].id


def test_leads_see_level_one_and_the_manager_both_sorted_by_level_severity_and_age(
    staff: dict[str, StaffView], desk: Desk
) -> None:
    _escalated(desk, staff, phone="13900000001", severity="low")
    _escalated(desk, staff, phone="13900000002", severity="high")
    _escalated(desk, staff, phone="13900000003", major_incident=True, major_reason="media_exposure")
    lead = [(v.level, v.severity) for v in review_queue(staff["lead01"])]
    manager = [(v.level, v.severity) for v in review_queue(staff["mgr01"])]
    assert lead == [(1, Severity.HIGH), (1, Severity.LOW)]
    assert manager == [(2, Severity.NORMAL), (1, Severity.HIGH), (1, Severity.LOW)]
    assert review_queue(staff["op01"]) == [] and open_count(staff["op01"]) == 0
    assert open_count(staff["lead01"]) == 2 and open_count(staff["mgr01"]) == 3


def test_a_lead_acknowledges_instructs_and_raises_and_the_manager_closes(staff: dict[str, StaffView], desk: Desk) -> None:
    complaint_id, escalation_id = _escalated(desk, staff)
    lead, manager = staff["lead01"], staff["mgr01"]
    view = review.acknowledge(desk, lead, escalation_id, 1)
    assert view.state is EscalationState.ACKNOWLEDGED and view.acknowledged_by == "lead01"
    view = review.instruct(desk, lead, escalation_id, {"text": "今天内上门检测"}, view.version)
    assert view.instructions == "今天内上门检测"
    # The instructions are on the complaint's timeline and marked on its line in the queue.
    assert Event.get((Event.kind == EventKind.INSTRUCTED.value) & (Event.complaint == complaint_id)).note == "今天内上门检测"
    row = next(r for r in queue_page(staff["op01"], QueueFilter(), now=NOW).rows if r.id == complaint_id)
    assert (row.escalation_level, row.instructed) == (1, True)
    view = review.raise_level(desk, lead, escalation_id, view.version)
    assert (view.level, view.state) == (2, EscalationState.OPEN)
    assert review_queue(lead) == []
    # Level 2 is the manager's: the lead is refused, and the refusal is audited.
    with pytest.raises(PermissionDenied):
        review.close(desk, lead, escalation_id, {"decision": "x" * 3}, view.version)
    view = review.close(desk, manager, escalation_id, {"decision": "同意换货，商户承担运费"}, view.version)
    assert view.state is EscalationState.CLOSED and view.closed_by == "mgr01" and open_count(manager) == 0
    kinds = [e.kind for e in Event.select().where(Event.complaint == complaint_id).order_by(Event.id)]
    assert kinds[-5:] == ["esc_acknowledged", "instructed", "esc_raised", "denied", "esc_closed"]


def test_an_operator_cannot_review_and_the_refusal_is_audited(staff: dict[str, StaffView], desk: Desk) -> None:
    complaint_id, escalation_id = _escalated(desk, staff)
    for attempt in (
        lambda: review.acknowledge(desk, staff["op01"], escalation_id, 1),
        lambda: review.close(desk, staff["op02"], escalation_id, {"decision": "自己关掉"}, 1),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    denied = Event.select().where((Event.kind == EventKind.DENIED.value) & (Event.complaint == complaint_id))
    assert [e.field for e in denied] == ["review_level1", "review_level1"]
    assert complaint_escalations(complaint_id)[0].state is EscalationState.OPEN
    # They still see the escalation on their complaint.
    assert complaint_escalations(complaint_id)[0].reason == "顾客情绪激动，要求主管处理"


def test_reassign_gives_the_complaint_to_someone_else(staff: dict[str, StaffView], desk: Desk) -> None:
    complaint_id, escalation_id = _escalated(desk, staff)
    view = review.reassign(desk, staff["lead01"], escalation_id, {"staff_code": "op02"})
    assert view.assignee_code == "op02"


def test_a_stale_review_is_refused_and_a_closed_escalation_stays_closed(staff: dict[str, StaffView], desk: Desk) -> None:
    _, escalation_id = _escalated(desk, staff)
    review.acknowledge(desk, staff["lead01"], escalation_id, 1)
    with pytest.raises(ConflictError):
        review.instruct(desk, staff["mgr01"], escalation_id, {"text": "按旧版本"}, 1)
    review.close(desk, staff["mgr01"], escalation_id, {"decision": "已处理"}, 2)
    with pytest.raises(InvalidInput):
        review.instruct(desk, staff["lead01"], escalation_id, {"text": "再看看"}, 3)


def test_a_manual_escalation_needs_a_reason(staff: dict[str, StaffView], desk: Desk) -> None:
    view = new_complaint(desk, staff["op01"])
    with pytest.raises(InvalidInput) as refused:
        escalate(desk, staff["op01"], view.id, {"reason": " "})
    assert "reason" in refused.value.fields
    assert complaint_escalations(view.id) == []


def test_escalations_are_counted_by_trigger_in_a_half_open_range(staff: dict[str, StaffView], desk: Desk) -> None:
    _escalated(desk, staff, phone="13900000001")
    _escalated(desk, staff, phone="13900000002", major_incident=True, major_reason="group_complaint")
    _escalated(desk, staff, phone="13900000003", severity="critical")
    counts = escalations_by_trigger(NOW, NOW + timedelta(seconds=1))
    assert counts[EscalationTrigger.MANUAL] == 1 and counts[EscalationTrigger.MAJOR_INCIDENT] == 1
    assert counts[EscalationTrigger.CRITICAL] == 1 and counts[EscalationTrigger.ACK_OVERDUE] == 0
    assert set(counts) == {trigger.value for trigger in EscalationTrigger}
    assert sum(escalations_by_trigger(NOW - timedelta(days=1), NOW).values()) == 0  # the end is excluded


def test_a_shop_with_three_complaints_of_one_category_in_30_days_is_flagged(staff: dict[str, StaffView], desk: Desk) -> None:
    days_ago = [1, 10, 29]
    for n, ago in enumerate(days_ago):
        received = (NOW - timedelta(days=ago)).astimezone(UTC)
        new_complaint(desk, staff["op01"], phone=f"1390000010{n}", received_at=received.isoformat())
    new_complaint(desk, staff["op01"], phone="13900000200", shop_code="S002")
    s001 = Shop.get(Shop.code == "S001").id
    today = date(2026, 11, 27)
    assert repeat_shops(desk, today) == {s001: [Category.PRODUCT_QUALITY]}
    assert shop_repeat(desk, s001, today) == [Category.PRODUCT_QUALITY]
    # A day later the oldest of the three is out of the window.
    assert repeat_shops(desk, today + timedelta(days=1)) == {}
