"""Call-backs: made on resolution and on delivery, attempts and outcomes, reopening, closing only through
the call-back (or three unreachable days), satisfaction 1–5, and the list of calls due today."""

from datetime import timedelta

import pytest

from aftersales import i18n
from aftersales.domain.callbacks import CallbackOutcome, CallbackPurpose, CallbackStatus
from aftersales.domain.clock import fixed_clock
from aftersales.domain.enums import CloseOutcome, ComplaintStatus, EventKind
from aftersales.domain.errors import ConflictError, InvalidInput, PermissionDenied, TransitionRefused
from aftersales.services.audit import verify_chain
from aftersales.services.callbacks.attempts import close_unreachable, record_attempt
from aftersales.services.callbacks.read import complaint_callbacks, due_callbacks, due_counts, get_callback
from aftersales.services.complaints import actions
from aftersales.services.complaints.read import get_complaint
from aftersales.services.context import Desk
from aftersales.store.models import Callback, CallbackAttempt, Event

from .delivery_helpers import NOW, delivered, dispatched, investigating


def resolved(desk, operator, compensation_fen=0, **overrides):
    complaint = investigating(desk, operator, **overrides)
    return actions.resolve(desk, operator, complaint.id, {"decision": "同意上门维修", "remedy": "repair",
                                                         "compensation_fen": compensation_fen}, complaint.version)


def the_callback(desk, complaint_id, purpose=CallbackPurpose.CONFIRM_RESOLUTION):
    return next(cb for cb in complaint_callbacks(complaint_id, desk.sla.zone) if cb.purpose is purpose)


def at(hours: float) -> Desk:
    return Desk(clock=fixed_clock(NOW + timedelta(hours=hours)))


def test_resolving_opens_a_callback_due_in_24_business_hours(desk, staff):
    complaint = resolved(desk, staff["op01"], compensation_fen=12050)
    callback = the_callback(desk, complaint.id)
    assert callback.status is CallbackStatus.PENDING and callback.assignee_code == "op01"
    # Resolved at 10:00 with 12 business hours a day (09–21): due two days later at 10:00.
    assert callback.due_at == NOW + timedelta(days=2)
    assert callback.confirm_payment and callback.payment_fen == 12050
    assert callback.phone == "13812345678"


def test_completed_delivery_opens_a_callback_that_also_confirms_a_collected_payment(desk, staff):
    complaint = investigating(desk, staff["op01"])
    order = dispatched(desk, staff["op01"], complaint, collect_fen=5000)
    delivered(desk, staff["dc01"], order)
    callback = the_callback(desk, complaint.id, CallbackPurpose.CONFIRM_DELIVERY)
    assert callback.delivery_number == order.number
    assert callback.confirm_payment and callback.payment_fen == 5000 and callback.assignee_code == "op01"


def test_satisfied_callback_closes_the_complaint_with_its_satisfaction(desk, staff):
    complaint = resolved(desk, staff["op01"])
    callback = the_callback(desk, complaint.id)
    done = record_attempt(at(3), staff["op01"], callback.id, {"outcome": "satisfied", "satisfaction": 5,
                                                               "note": "客户表示满意"}, callback.version)
    assert (done.status, done.outcome, done.satisfaction) == (CallbackStatus.DONE, CallbackOutcome.SATISFIED, 5)
    stored = get_complaint(complaint.id)
    assert stored.status is ComplaintStatus.CLOSED and stored.close_outcome is CloseOutcome.CALLBACK_CONFIRMED
    assert stored.satisfaction == 5
    kinds = [e.kind for e in Event.select().where(Event.complaint == complaint.id).order_by(Event.id)][-2:]
    assert kinds == [EventKind.CALLBACK_ATTEMPT.value, EventKind.CLOSED.value]
    assert verify_chain().first_broken is None


def test_partly_satisfied_also_closes(desk, staff):
    complaint = resolved(desk, staff["op01"])
    callback = the_callback(desk, complaint.id)
    record_attempt(at(3), staff["op02"], callback.id, {"outcome": "partly_satisfied", "satisfaction": 3},
                   callback.version)
    assert get_complaint(complaint.id).status is ComplaintStatus.CLOSED


def test_unsatisfied_callback_reopens_with_the_reason_on_the_timeline(desk, staff):
    complaint = resolved(desk, staff["op01"])
    callback = the_callback(desk, complaint.id)
    record_attempt(at(3), staff["op01"], callback.id, {"outcome": "unsatisfied", "satisfaction": 1,
                                                        "note": "维修后仍然漏水"}, callback.version)
    stored = get_complaint(complaint.id)
    assert stored.status is ComplaintStatus.INVESTIGATING and stored.closed_at is None
    last = Event.select().where(Event.complaint == complaint.id).order_by(Event.id.desc()).first()
    assert (last.kind, last.old, last.new, last.note) == ("reopened", "resolved", "investigating", "维修后仍然漏水")
    # Resolving again asks for a new call-back; the old one stays as it ended.
    again = actions.resolve(at(4), staff["op01"], complaint.id, {"decision": "更换阀门", "remedy": "repair"},
                            stored.version)
    assert again.status is ComplaintStatus.RESOLVED
    outcomes = [(cb.status, cb.outcome) for cb in complaint_callbacks(complaint.id, desk.sla.zone)]
    assert outcomes == [(CallbackStatus.DONE, CallbackOutcome.UNSATISFIED), (CallbackStatus.PENDING, None)]


def test_unsatisfied_needs_a_reason(desk, staff):
    complaint = resolved(desk, staff["op01"])
    callback = the_callback(desk, complaint.id)
    with pytest.raises(InvalidInput) as refused:
        record_attempt(desk, staff["op01"], callback.id, {"outcome": "unsatisfied", "satisfaction": 2},
                       callback.version)
    assert i18n.field_texts(refused.value.fields) == {"note": "say why the customer is unsatisfied"}


@pytest.mark.parametrize("score", [0, 6, -1, "五"])
def test_satisfaction_outside_one_to_five_is_refused_and_nothing_stored(desk, staff, score):
    complaint = resolved(desk, staff["op01"])
    callback = the_callback(desk, complaint.id)
    with pytest.raises(InvalidInput) as refused:
        record_attempt(desk, staff["op01"], callback.id, {"outcome": "satisfied", "satisfaction": score},
                       callback.version)
    assert set(refused.value.fields) == {"satisfaction"}
    assert CallbackAttempt.select().count() == 0
    assert get_complaint(complaint.id).status is ComplaintStatus.RESOLVED


def test_reached_customer_needs_a_satisfaction(desk, staff):
    complaint = resolved(desk, staff["op01"])
    callback = the_callback(desk, complaint.id)
    with pytest.raises(InvalidInput) as refused:
        record_attempt(desk, staff["op01"], callback.id, {"outcome": "satisfied"}, callback.version)
    assert "satisfaction from 1 to 5" in i18n.field_texts(refused.value.fields)["satisfaction"]


def test_closing_with_a_pending_callback_is_refused_with_its_message(desk, staff):
    complaint = resolved(desk, staff["op01"])
    with pytest.raises(TransitionRefused) as refused:
        close_unreachable(desk, staff["op01"], complaint.id, complaint.version)
    assert i18n.error_text(refused.value) == (f"{complaint.number} cannot close: its call-back is still pending "
                                              "(unreachable on 0 of 3 different days)")
    assert get_complaint(complaint.id).status is ComplaintStatus.RESOLVED


def _unreachable(desk, actor, callback_id):
    current = get_callback(callback_id, desk.sla.zone)
    return record_attempt(desk, actor, callback_id, {"outcome": "unreachable", "note": "无人接听"}, current.version)


def test_three_unreachable_attempts_on_one_day_do_not_allow_closing(desk, staff):
    complaint = resolved(desk, staff["op01"])
    callback = the_callback(desk, complaint.id)
    for hours in (1, 3, 6):
        view = _unreachable(at(hours), staff["op01"], callback.id)
    assert view.status is CallbackStatus.PENDING and len(view.attempts) == 3 and not view.may_give_up
    with pytest.raises(TransitionRefused) as refused:
        close_unreachable(at(7), staff["op01"], complaint.id, get_complaint(complaint.id).version)
    assert "unreachable on 1 of 3 different days" in i18n.error_text(refused.value)
    assert get_complaint(complaint.id).status is ComplaintStatus.RESOLVED


def test_three_unreachable_attempts_on_three_days_allow_closing(desk, staff):
    complaint = resolved(desk, staff["op01"])
    callback = the_callback(desk, complaint.id)
    for day in range(3):
        view = _unreachable(at(24 * day + 1), staff["op01"], callback.id)
    assert view.may_give_up and view.status is CallbackStatus.PENDING
    closed = close_unreachable(at(50), staff["op01"], complaint.id, get_complaint(complaint.id).version)
    assert closed.status is ComplaintStatus.CLOSED and closed.close_outcome is CloseOutcome.CALLBACK_UNREACHABLE
    final = get_callback(callback.id, desk.sla.zone)
    assert (final.status, final.outcome) == (CallbackStatus.DONE, CallbackOutcome.UNREACHABLE)


def test_delivery_callback_unreachable_on_three_days_ends_by_itself(desk, staff):
    complaint = investigating(desk, staff["op01"])
    delivered(desk, staff["dc01"], dispatched(desk, staff["op01"], complaint))
    callback = the_callback(desk, complaint.id, CallbackPurpose.CONFIRM_DELIVERY)
    for day in range(3):
        view = _unreachable(at(24 * day + 1), staff["op01"], callback.id)
    assert (view.status, view.outcome) == (CallbackStatus.DONE, CallbackOutcome.UNREACHABLE)
    assert get_complaint(complaint.id).status is ComplaintStatus.INVESTIGATING


def test_two_operators_recording_one_callback_one_wins(desk, staff):
    complaint = resolved(desk, staff["op01"])
    callback = the_callback(desk, complaint.id)
    _unreachable(at(1), staff["op01"], callback.id)
    with pytest.raises(ConflictError):
        record_attempt(at(1), staff["op02"], callback.id, {"outcome": "satisfied", "satisfaction": 4},
                       callback.version)
    assert get_complaint(complaint.id).status is ComplaintStatus.RESOLVED


def test_a_finished_callback_takes_no_more_attempts(desk, staff):
    complaint = resolved(desk, staff["op01"])
    callback = the_callback(desk, complaint.id)
    done = record_attempt(desk, staff["op01"], callback.id, {"outcome": "satisfied", "satisfaction": 4},
                          callback.version)
    with pytest.raises(TransitionRefused, match="done"):
        record_attempt(desk, staff["op01"], callback.id, {"outcome": "satisfied", "satisfaction": 4}, done.version)


@pytest.mark.parametrize("role_code", ["dc01", "admin"])
def test_dispatcher_and_admin_do_not_call_customers(desk, staff, role_code):
    complaint = resolved(desk, staff["op01"])
    callback = the_callback(desk, complaint.id)
    with pytest.raises(PermissionDenied):
        record_attempt(desk, staff[role_code], callback.id, {"outcome": "satisfied", "satisfaction": 5},
                       callback.version)
    assert CallbackAttempt.select().count() == 0


def test_due_list_shows_todays_calls_overdue_first_for_their_operator(desk, staff):
    early = Desk(clock=fixed_clock(NOW - timedelta(days=3)))
    old = resolved(early, staff["op01"], phone="13900000001")
    fresh = resolved(desk, staff["op01"], phone="13900000002")
    others = resolved(early, staff["op02"], phone="13900000003")
    later = NOW + timedelta(days=2, hours=2)  # 12:00 two days on: the fresh one is due at 10:00 that day
    mine = due_callbacks(staff["op01"], later, desk.sla.zone)
    assert [row.complaint_number for row in mine] == [old.number, fresh.number]
    assert mine[0].due_at < mine[1].due_at and mine[0].phone == "13900000001"
    assert due_counts(staff["op01"], later, desk.sla.zone) == (2, 2)
    everyone = due_callbacks(staff["lead01"], later, desk.sla.zone, everyone=True)
    assert {row.complaint_number for row in everyone} == {old.number, fresh.number, others.number}
    # Today only: the fresh one is not due yet on the day it was resolved.
    assert [row.complaint_number for row in due_callbacks(staff["op01"], NOW, desk.sla.zone)] == [old.number]


def test_reassigning_a_complaint_moves_its_pending_callback(desk, staff):
    complaint = resolved(desk, staff["op01"])
    actions.assign(desk, staff["lead01"], complaint.id, "op02", complaint.version)
    assert the_callback(desk, complaint.id).assignee_code == "op02"


def test_withdrawn_complaint_drops_its_pending_callbacks(desk, staff):
    complaint = investigating(desk, staff["op01"])
    delivered(desk, staff["dc01"], dispatched(desk, staff["op01"], complaint))
    current = get_complaint(complaint.id)
    actions.withdraw(desk, staff["op01"], complaint.id, {"reason": "客户撤诉"}, current.version)
    assert Callback.get().status == CallbackStatus.CANCELLED.value
    assert due_callbacks(staff["op01"], NOW + timedelta(days=5), desk.sla.zone) == []
