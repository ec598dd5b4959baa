"""Delivery orders: every legal and illegal move, who may make them, the complaint's status alongside,
optimistic locking, one audited event per change, and bad input refused per field."""

import itertools
import re
from datetime import timedelta

import pytest

from aftersales import i18n
from aftersales.domain.clock import fixed_clock
from aftersales.domain.deliveries import (
    DeliveryMove,
    DeliveryStatus,
    Slot,
    check_delivery_move,
    delivery_moves,
    order_id_of,
)
from aftersales.domain.enums import ComplaintStatus, EventKind
from aftersales.domain.errors import ConflictError, InvalidInput, PermissionDenied, TransitionRefused
from aftersales.services.audit import verify_chain
from aftersales.services.complaints import actions
from aftersales.services.complaints.read import get_complaint
from aftersales.services.context import Desk
from aftersales.services.deliveries import orders
from aftersales.services.deliveries.read import get_order, open_delivery_promise
from aftersales.store.models import DeliveryOrder, Event

from .delivery_helpers import NOW, TODAY, TOMORROW, delivered, dispatched, investigating, order_data

D = DeliveryStatus
M = DeliveryMove
LEGAL = {
    (D.REQUESTED, M.ACCEPT): D.ACCEPTED,
    (D.RESCHEDULED, M.ACCEPT): D.ACCEPTED,
    (D.ACCEPTED, M.CREW): D.ACCEPTED,
    (D.ACCEPTED, M.DISPATCH): D.OUT,
    (D.OUT, M.COMPLETE): D.COMPLETED,
    (D.OUT, M.FAIL): D.FAILED,
    (D.REQUESTED, M.RESCHEDULE): D.RESCHEDULED,
    (D.ACCEPTED, M.RESCHEDULE): D.RESCHEDULED,
    (D.FAILED, M.RESCHEDULE): D.RESCHEDULED,
    (D.REQUESTED, M.CANCEL): D.CANCELLED,
    (D.ACCEPTED, M.CANCEL): D.CANCELLED,
    (D.FAILED, M.CANCEL): D.CANCELLED,
    (D.RESCHEDULED, M.CANCEL): D.CANCELLED,
}


@pytest.mark.parametrize(("current", "move"), sorted(LEGAL))
def test_legal_order_move_reaches_its_status(current, move):
    assert check_delivery_move("DO-000001", current, move) is LEGAL[(current, move)]
    assert move in delivery_moves(current)


@pytest.mark.parametrize(("current", "move"), [(s, m) for s, m in itertools.product(D, M) if (s, m) not in LEGAL])
def test_illegal_order_move_is_refused_naming_the_orders_state(current, move):
    with pytest.raises(TransitionRefused) as refused:
        check_delivery_move("DO-000001", current, move)
    assert "DO-000001" in i18n.error_text(refused.value)
    assert current.value.replace("_", " ") in i18n.error_text(refused.value).lower()
    assert refused.value.params["state"] == current.value
    assert move not in delivery_moves(current)


def test_illegal_move_message_names_the_state_in_both_languages():
    with pytest.raises(TransitionRefused) as refused:
        check_delivery_move("DO-000007", D.OUT, M.ACCEPT)
    assert i18n.error_text(refused.value) == "DO-000007 is Out for delivery: it cannot be accepted now"
    i18n.set_language("zh")
    assert i18n.error_text(refused.value) == "配送单 DO-000007 当前为「配送中」，不能接单"


def test_order_numbers_round_trip():
    assert order_id_of("do-000042") == 42
    assert order_id_of("TS-20261127-0001") is None


def test_dispatching_moves_the_complaint_to_awaiting_delivery_with_its_events(desk, staff):
    complaint = investigating(desk, staff["op01"])
    order = dispatched(desk, staff["op01"], complaint, notes="客户下午在家")
    assert order.status is D.REQUESTED and order.number == f"DO-{order.id:06d}"
    assert order.complaint_number == complaint.number and order.shop_code == "S001"
    stored = get_complaint(complaint.id)
    assert stored.status is ComplaintStatus.AWAITING_DELIVERY and stored.version == complaint.version + 1
    kinds = [(e.kind, e.field, e.old, e.new, e.note) for e in Event.select().where(Event.complaint == complaint.id)
             .order_by(Event.id)][-2:]
    assert kinds[0][:2] == (EventKind.DELIVERY_CREATED.value, order.number) and kinds[0][4] == "客户下午在家"
    assert kinds[1] == (EventKind.STATUS.value, "status", "investigating", "awaiting_delivery", order.number)
    assert verify_chain().first_broken is None


def test_last_order_completed_returns_the_complaint_to_investigating(desk, staff):
    complaint = investigating(desk, staff["op01"])
    first = dispatched(desk, staff["op01"], complaint)
    second = dispatched(desk, staff["op01"], complaint, kind="install", slot="evening")
    delivered(desk, staff["dc01"], first)
    assert get_complaint(complaint.id).status is ComplaintStatus.AWAITING_DELIVERY
    second = orders.cancel_order(desk, staff["dc01"], second.id, {"reason": "客户改为自行安装"}, second.version)
    assert second.status is D.CANCELLED and second.cancel_reason == "客户改为自行安装"
    assert get_complaint(complaint.id).status is ComplaintStatus.INVESTIGATING


def test_failed_run_keeps_the_order_open_until_rescheduled_and_delivered(desk, staff):
    complaint = investigating(desk, staff["op01"])
    order = dispatched(desk, staff["op01"], complaint)
    dc = staff["dc01"]
    order = orders.accept_order(desk, dc, order.id, {"crew": "张师傅", "promised_date": TOMORROW, "slot": "afternoon"},
                                order.version)
    order = orders.dispatch_order(desk, dc, order.id, order.version)
    order = orders.fail_order(desk, dc, order.id, {"reason": "customer_absent", "note": "敲门无人"}, order.version)
    assert (order.status, order.failures, order.failure_reason) == (D.FAILED, 1, "customer_absent")
    assert get_complaint(complaint.id).status is ComplaintStatus.AWAITING_DELIVERY
    with pytest.raises(TransitionRefused) as refused:
        actions.resolve(desk, staff["op01"], complaint.id, {"decision": "已安排", "remedy": "repair"},
                        get_complaint(complaint.id).version)
    assert re.search("open delivery|awaiting delivery", i18n.error_text(refused.value).lower())
    later = TOMORROW + timedelta(days=2)
    order = orders.reschedule_order(desk, dc, order.id, {"promised_date": later, "slot": "morning"}, order.version)
    assert (order.status, order.promised_date, order.reschedules) == (D.RESCHEDULED, later, 1)
    order = delivered(desk, dc, order, crew="李师傅")
    assert order.status is D.COMPLETED and order.crew == "李师傅"
    assert get_complaint(complaint.id).status is ComplaintStatus.INVESTIGATING


def test_resolve_is_refused_while_an_order_is_open(desk, staff):
    complaint = investigating(desk, staff["op01"])
    dispatched(desk, staff["op01"], complaint)
    # Even through a stale path straight to the domain check: the service passes the real count.
    from aftersales.domain.status_machine import Move, check_move

    with pytest.raises(TransitionRefused) as refused:
        check_move(ComplaintStatus.INVESTIGATING, ComplaintStatus.RESOLVED, Move.RESOLVE,
                   open_delivery_orders=orders.open_order_count(complaint.id))
    assert "1 open delivery" in i18n.error_text(refused.value)


def test_plain_status_change_cannot_fake_awaiting_delivery(desk, staff):
    complaint = investigating(desk, staff["op01"])
    with pytest.raises(TransitionRefused) as refused:
        actions.change_status(desk, staff["op01"], complaint.id, ComplaintStatus.AWAITING_DELIVERY, complaint.version)
    assert refused.value.key == "error.transition.order_driven"
    assert get_complaint(complaint.id).status is ComplaintStatus.INVESTIGATING


def test_orders_are_dispatched_only_for_complaints_under_investigation(desk, staff):
    from tests.factories import new_complaint

    fresh = new_complaint(desk, staff["op01"], phone="13900000001")
    with pytest.raises(TransitionRefused) as refused:
        orders.create_order(desk, staff["op01"], fresh.id, order_data(), fresh.version)
    assert "is new" in i18n.error_text(refused.value).lower()
    assert DeliveryOrder.select().count() == 0


@pytest.mark.parametrize("role_code", ["op01", "admin"])
def test_only_dispatcher_lead_and_manager_move_orders(desk, staff, role_code):
    complaint = investigating(desk, staff["op01"])
    order = dispatched(desk, staff["op01"], complaint)
    with pytest.raises(PermissionDenied):
        orders.accept_order(desk, staff[role_code], order.id, {"crew": "张师傅", "promised_date": TOMORROW,
                                                               "slot": "morning"}, order.version)
    assert get_order(order.id).status is D.REQUESTED
    denied = Event.select().where(Event.kind == EventKind.DENIED.value).order_by(Event.id.desc()).first()
    assert denied.field == "update_delivery" and denied.complaint_id == complaint.id


@pytest.mark.parametrize("role_code", ["dc01", "lead01", "mgr01"])
def test_dispatcher_lead_and_manager_may_accept(desk, staff, role_code):
    complaint = investigating(desk, staff["op01"])
    order = dispatched(desk, staff["op01"], complaint)
    accepted = orders.accept_order(desk, staff[role_code], order.id, {"crew": "张师傅", "promised_date": TOMORROW,
                                                                      "slot": "morning"}, order.version)
    assert accepted.status is D.ACCEPTED and accepted.slot.value == "morning"


@pytest.mark.parametrize("role_code", ["dc01", "admin"])
def test_dispatcher_and_admin_cannot_create_orders(desk, staff, role_code):
    complaint = investigating(desk, staff["op01"])
    with pytest.raises(PermissionDenied):
        orders.create_order(desk, staff[role_code], complaint.id, order_data(), complaint.version)
    assert DeliveryOrder.select().count() == 0


def test_two_dispatchers_accepting_one_order_one_wins(desk, staff):
    complaint = investigating(desk, staff["op01"])
    order = dispatched(desk, staff["op01"], complaint)
    seen_by_both = order.version
    orders.accept_order(desk, staff["dc01"], order.id, {"crew": "张师傅", "promised_date": TOMORROW,
                                                        "slot": "afternoon"}, seen_by_both)
    with pytest.raises(ConflictError) as refused:
        orders.accept_order(desk, staff["lead01"], order.id, {"crew": "王师傅", "promised_date": TOMORROW,
                                                              "slot": "evening"}, seen_by_both)
    assert "changed by someone else" in i18n.error_text(refused.value)
    stored = get_order(order.id)
    assert (stored.crew, stored.slot.value, stored.version) == ("张师傅", "afternoon", seen_by_both + 1)
    assert Event.select().where(Event.kind == EventKind.DELIVERY_ACCEPTED.value).count() == 1


def test_every_change_is_one_event_on_the_complaints_timeline(desk, staff):
    complaint = investigating(desk, staff["op01"])
    before = Event.select().count()
    order = dispatched(desk, staff["op01"], complaint)
    order = orders.accept_order(desk, staff["dc01"], order.id, {"crew": "张师傅", "promised_date": TOMORROW,
                                                                "slot": "afternoon"}, order.version)
    order = orders.assign_crew(desk, staff["dc01"], order.id, {"crew": "王师傅"}, order.version)
    order = orders.dispatch_order(desk, staff["dc01"], order.id, order.version)
    orders.complete_order(desk, staff["dc01"], order.id, {}, order.version)
    kinds = [e.kind for e in Event.select().where(Event.id > before).order_by(Event.id)]
    assert kinds == ["delivery_created", "status", "delivery_accepted", "delivery_crew", "delivery_out",
                     "delivery_completed", "status"]
    assert all(e.complaint_id == complaint.id for e in Event.select().where(Event.id > before))
    assert verify_chain().first_broken is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("address", "   ", "required"),
        ("promised_date", (TODAY - timedelta(days=1)).isoformat(), "in the past"),
        ("promised_date", "28/11/2026", "a date such as"),
        ("slot", "night", "choose one of the listed values"),
        ("contact_phone", "12345", "not a mobile"),
        ("items", "", "required"),
    ],
)
def test_bad_order_input_is_refused_per_field_and_nothing_is_stored(desk, staff, field, value, message):
    complaint = investigating(desk, staff["op01"])
    with pytest.raises(InvalidInput) as refused:
        orders.create_order(desk, staff["op01"], complaint.id, order_data(**{field: value}), complaint.version)
    assert message in i18n.field_texts(refused.value.fields)[field]
    assert DeliveryOrder.select().count() == 0
    assert get_complaint(complaint.id).status is ComplaintStatus.INVESTIGATING


def test_morning_slot_of_today_is_over_in_the_evening(staff):
    late = Desk(clock=fixed_clock(NOW + timedelta(hours=4)))  # 14:00 local
    complaint = investigating(late, staff["op01"])
    with pytest.raises(InvalidInput) as refused:
        orders.create_order(late, staff["op01"], complaint.id, order_data(promised_date=TODAY.isoformat(),
                                                                          slot="morning"), complaint.version)
    assert i18n.field_texts(refused.value.fields) == {"slot": "that slot is already over today"}
    order = orders.create_order(late, staff["op01"], complaint.id, order_data(promised_date=TODAY.isoformat(),
                                                                              slot="evening"), complaint.version)
    assert order.promised_date == TODAY


@pytest.mark.parametrize("crew", ["\x1b[2J", "\x07\x08", "张\x1b师傅", "\t"])
def test_crew_name_of_control_characters_is_refused(desk, staff, crew):
    complaint = investigating(desk, staff["op01"])
    order = dispatched(desk, staff["op01"], complaint)
    with pytest.raises(InvalidInput) as refused:
        orders.accept_order(desk, staff["dc01"], order.id, {"crew": crew, "promised_date": TOMORROW,
                                                            "slot": "morning"}, order.version)
    assert "crew" in refused.value.fields
    assert get_order(order.id).status is D.REQUESTED


def test_open_promise_gives_the_latest_date_and_slot_end_for_the_sla_clock(desk, staff):
    complaint = investigating(desk, staff["op01"])
    zone = desk.sla.zone
    assert open_delivery_promise(complaint.id, zone) is None
    dispatched(desk, staff["op01"], complaint, slot="evening")
    later = dispatched(desk, staff["op01"], complaint, promised_date=(TOMORROW + timedelta(days=1)).isoformat(),
                       slot="morning")
    day, end = open_delivery_promise(complaint.id, zone)
    assert day == TOMORROW + timedelta(days=1)
    assert end.astimezone(zone).strftime("%Y-%m-%d %H:%M") == f"{day} 12:00"
    orders.cancel_order(desk, staff["dc01"], later.id, {"reason": "重复下单"}, later.version)
    day, end = open_delivery_promise(complaint.id, zone)
    assert (day, end.astimezone(zone).hour) == (TOMORROW, 21)


def test_withdrawing_a_complaint_cancels_its_open_orders(desk, staff):
    complaint = investigating(desk, staff["op01"])
    order = dispatched(desk, staff["op01"], complaint)
    current = get_complaint(complaint.id)
    actions.withdraw(desk, staff["op01"], complaint.id, {"reason": "客户已自行处理"}, current.version)
    assert get_order(order.id).status is D.CANCELLED
    assert orders.open_order_count(complaint.id) == 0


def test_withdrawing_is_refused_while_an_order_is_out(desk, staff):
    complaint = investigating(desk, staff["op01"])
    order = dispatched(desk, staff["op01"], complaint)
    order = orders.accept_order(desk, staff["dc01"], order.id, {"crew": "张师傅", "promised_date": TOMORROW,
                                                                "slot": "morning"}, order.version)
    orders.dispatch_order(desk, staff["dc01"], order.id, order.version)
    with pytest.raises(TransitionRefused) as refused:
        actions.withdraw(desk, staff["op01"], complaint.id, {"reason": "客户撤诉"}, get_complaint(complaint.id).version)
    assert "out for delivery" in i18n.error_text(refused.value)
    assert get_complaint(complaint.id).status is ComplaintStatus.AWAITING_DELIVERY


def test_board_lists_a_day_by_slot_and_carries_open_orders_over_to_today(desk, staff):
    from aftersales.services.deliveries.board import day_order_count, is_overdue, load_board

    complaint = investigating(desk, staff["op01"])
    evening = dispatched(desk, staff["op01"], complaint, slot="evening", items="吊灯")
    morning = dispatched(desk, staff["op01"], complaint, slot="morning", items="灯泡")
    cancelled = dispatched(desk, staff["op01"], complaint, slot="afternoon")
    orders.cancel_order(desk, staff["dc01"], cancelled.id, {"reason": "重复"}, cancelled.version)
    board = load_board(TOMORROW, NOW, desk.sla.zone)
    assert [o.number for o in board.orders] == [morning.number, evening.number]
    assert board.settled == {Slot.AFTERNOON: {D.CANCELLED: 1}} and board.day_total == 3
    listed = load_board(TOMORROW, NOW, desk.sla.zone, list_settled=True)
    assert [o.number for o in listed.orders] == [morning.number, cancelled.number, evening.number]
    assert listed.carried == [] and listed.orders[0].items == "灯泡" and listed.orders[0].complaint_number
    assert day_order_count(TOMORROW) == 2
    # Two days on, the open ones are carried over to that day's board, overdue.
    later = NOW + timedelta(days=2)
    board = load_board(TOMORROW + timedelta(days=1), later, desk.sla.zone)
    assert [o.number for o in board.carried] == [morning.number, evening.number] and board.carried_total == 2
    assert all(is_overdue(o, later, desk.sla.zone) for o in board.carried)
    # Another day than today carries nothing over.
    assert load_board(TOMORROW + timedelta(days=5), later, desk.sla.zone).carried == []
