"""One call per customer: a delivery's call-back that says the problem is solved resolves and closes the
complaint, and resolving within a day of a satisfied call closes it without calling the customer again."""

from datetime import timedelta

import pytest

from aftersales.domain.callbacks import CallbackPurpose, CallbackStatus
from aftersales.domain.clock import fixed_clock
from aftersales.domain.deliveries import read_event_details
from aftersales.domain.enums import CloseOutcome, ComplaintStatus, EventKind, Remedy
from aftersales.domain.errors import InvalidInput, PermissionDenied, TransitionRefused
from aftersales.services.audit import verify_chain
from aftersales.services.callbacks.attempts import record_attempt
from aftersales.services.callbacks.read import complaint_callbacks
from aftersales.services.complaints import actions
from aftersales.services.complaints.read import get_complaint
from aftersales.services.context import Desk
from aftersales.store.models import Callback, Event

from .delivery_helpers import NOW, TODAY, delivered, dispatched, investigating


def at(hours: float) -> Desk:
    return Desk(clock=fixed_clock(NOW + timedelta(hours=hours)))


def delivery_callback(desk, staff, kind="repair_visit"):
    complaint = investigating(desk, staff["op01"])
    delivered(desk, staff["dc01"], dispatched(desk, staff["op01"], complaint, kind=kind))
    callbacks = complaint_callbacks(complaint.id, desk.sla.zone)
    assert [cb.purpose for cb in callbacks] == [CallbackPurpose.CONFIRM_DELIVERY]
    return complaint, callbacks[0]


def events_of(complaint_id):
    return list(Event.select().where(Event.complaint == complaint_id).order_by(Event.id))


@pytest.mark.parametrize(("kind", "remedy"), [("repair_visit", Remedy.REPAIR), ("replace", Remedy.REPLACE),
                                              ("redeliver", Remedy.REPLACE)])
def test_solved_delivery_callback_resolves_and_closes_in_one_call(desk, staff, kind, remedy):
    complaint, callback = delivery_callback(desk, staff, kind)
    assert callback.solves_as is remedy
    record_attempt(at(3), staff["op01"], callback.id,
                   {"outcome": "satisfied", "satisfaction": 5, "note": "修好了", "solved": True}, callback.version)
    stored = get_complaint(complaint.id)
    assert stored.status is ComplaintStatus.CLOSED and stored.close_outcome is CloseOutcome.CALLBACK_CONFIRMED
    assert stored.remedy_decided is remedy and stored.satisfaction == 5
    assert stored.resolution.startswith("DO-") and stored.resolution.endswith("修好了")
    assert stored.resolved_at == stored.closed_at == NOW + timedelta(hours=3)
    # Exactly one call: the delivery's; no resolution call-back was opened.
    assert Callback.select().where(Callback.complaint == complaint.id).count() == 1
    kinds = [e.kind for e in events_of(complaint.id)][-3:]
    assert kinds == [EventKind.CALLBACK_ATTEMPT.value, EventKind.RESOLVED.value, EventKind.CLOSED.value]
    assert verify_chain().first_broken is None


def test_satisfied_delivery_callback_without_solved_leaves_the_complaint_under_investigation(desk, staff):
    complaint, callback = delivery_callback(desk, staff)
    record_attempt(at(3), staff["op01"], callback.id, {"outcome": "satisfied", "satisfaction": 5}, callback.version)
    assert get_complaint(complaint.id).status is ComplaintStatus.INVESTIGATING


def test_solved_needs_a_confirming_outcome(desk, staff):
    complaint, callback = delivery_callback(desk, staff)
    with pytest.raises(InvalidInput) as refused:
        record_attempt(at(3), staff["op01"], callback.id,
                       {"outcome": "unsatisfied", "satisfaction": 2, "note": "还是坏的", "solved": True},
                       callback.version)
    assert set(refused.value.fields) == {"solved"}
    assert get_complaint(complaint.id).status is ComplaintStatus.INVESTIGATING


def test_an_inspection_is_no_remedy_so_its_call_cannot_close(desk, staff):
    complaint, callback = delivery_callback(desk, staff, kind="inspect")
    assert callback.solves_as is None
    with pytest.raises(TransitionRefused) as refused:
        record_attempt(at(3), staff["op01"], callback.id,
                       {"outcome": "satisfied", "satisfaction": 5, "solved": True}, callback.version)
    assert refused.value.key == "error.callback.not_a_remedy"
    # Nothing of the refused call was kept.
    assert complaint_callbacks(complaint.id, desk.sla.zone)[0].status is CallbackStatus.PENDING


def test_another_order_still_on_the_road_keeps_the_complaint_open(desk, staff):
    complaint, callback = delivery_callback(desk, staff)
    dispatched(desk, staff["op01"], complaint, kind="install")
    assert complaint_callbacks(complaint.id, desk.sla.zone)[0].solves_as is None
    with pytest.raises(TransitionRefused) as refused:
        record_attempt(at(3), staff["op01"], callback.id,
                       {"outcome": "satisfied", "satisfaction": 5, "solved": True}, callback.version)
    assert refused.value.key == "error.transition.open_delivery"


def test_a_caller_who_may_not_resolve_may_not_close_in_one_call(desk, staff, monkeypatch):
    from aftersales.domain import permissions

    complaint, callback = delivery_callback(desk, staff)
    real = permissions.allowed
    monkeypatch.setattr("aftersales.services.guard.allowed",
                        lambda role, action: action is not permissions.Action.RESOLVE and real(role, action))
    with pytest.raises(PermissionDenied):
        record_attempt(at(3), staff["op01"], callback.id,
                       {"outcome": "satisfied", "satisfaction": 5, "solved": True}, callback.version)
    assert get_complaint(complaint.id).status is ComplaintStatus.INVESTIGATING


def _satisfied_then_resolve(desk, staff, hours_later, compensation_fen=0):
    complaint, callback = delivery_callback(desk, staff)
    record_attempt(at(3), staff["op01"], callback.id, {"outcome": "satisfied", "satisfaction": 4}, callback.version)
    current = get_complaint(complaint.id)
    resolved = actions.resolve(at(3 + hours_later), staff["op01"], complaint.id,
                               {"decision": "上门维修已完成", "remedy": "repair", "compensation_fen": compensation_fen},
                               current.version)
    return resolved, callback


def test_resolving_within_a_day_of_a_satisfied_call_closes_without_a_second_call(desk, staff):
    resolved, callback = _satisfied_then_resolve(desk, staff, hours_later=5)
    assert resolved.status is ComplaintStatus.CLOSED and resolved.close_outcome is CloseOutcome.CALLBACK_CONFIRMED
    assert resolved.satisfaction == 4
    assert Callback.select().where(Callback.complaint == resolved.id).count() == 1
    closed = events_of(resolved.id)[-1]
    assert closed.kind == EventKind.CLOSED.value and not closed.customer_contact
    # The timeline says which call confirmed it.
    facts = read_event_details(closed.note)
    assert facts["outcome"] == CloseOutcome.CALLBACK_CONFIRMED.value and facts["callback"] == str(callback.id)


def test_a_satisfied_call_a_day_old_or_more_gets_a_new_call(desk, staff):
    resolved, _ = _satisfied_then_resolve(desk, staff, hours_later=24)
    assert resolved.status is ComplaintStatus.RESOLVED
    purposes = [cb.purpose for cb in complaint_callbacks(resolved.id, desk.sla.zone)]
    assert purposes == [CallbackPurpose.CONFIRM_DELIVERY, CallbackPurpose.CONFIRM_RESOLUTION]


def test_compensation_to_confirm_still_gets_its_call(desk, staff):
    resolved, _ = _satisfied_then_resolve(desk, staff, hours_later=1, compensation_fen=5000)
    assert resolved.status is ComplaintStatus.RESOLVED
    assert complaint_callbacks(resolved.id, desk.sla.zone)[-1].confirm_payment


def test_unsatisfied_delivery_call_then_resolve_still_calls_again(desk, staff):
    complaint, callback = delivery_callback(desk, staff)
    record_attempt(at(3), staff["op01"], callback.id, {"outcome": "unsatisfied", "satisfaction": 2,
                                                        "note": "腿还是松的"}, callback.version)
    assert get_complaint(complaint.id).status is ComplaintStatus.INVESTIGATING
    current = get_complaint(complaint.id)
    resolved = actions.resolve(at(4), staff["op01"], complaint.id, {"decision": "再次上门", "remedy": "repair"},
                               current.version)
    assert resolved.status is ComplaintStatus.RESOLVED
    assert [cb.status for cb in complaint_callbacks(complaint.id, desk.sla.zone)] == [
        CallbackStatus.DONE, CallbackStatus.PENDING]


def test_a_delivery_completed_after_the_satisfied_call_still_gets_its_call(desk, staff):
    complaint, callback = delivery_callback(desk, staff)
    record_attempt(at(1), staff["op01"], callback.id, {"outcome": "satisfied", "satisfaction": 4}, callback.version)
    second = dispatched(at(2), staff["op01"], complaint, kind="install", promised_date=TODAY.isoformat(),
                        slot="evening")
    delivered(at(3), staff["dc01"], second)
    current = get_complaint(complaint.id)
    resolved = actions.resolve(at(4), staff["op01"], complaint.id, {"decision": "已安装", "remedy": "repair"},
                               current.version)
    assert resolved.status is ComplaintStatus.RESOLVED
    pending = [cb.purpose for cb in complaint_callbacks(complaint.id, desk.sla.zone)
               if cb.status is CallbackStatus.PENDING]
    assert pending == [CallbackPurpose.CONFIRM_DELIVERY, CallbackPurpose.CONFIRM_RESOLUTION]
