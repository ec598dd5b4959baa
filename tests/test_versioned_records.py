"""Every kind of versioned record is saved through one piece (store.versioned.VersionedRecord): a stale
version is refused there, the refusal names the record, and nothing is stored."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from aftersales import i18n
from aftersales.domain.callbacks import CallbackOutcome
from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.errors import ConflictError, DeskError
from aftersales.domain.penalties.workflow import AlreadyDecided
from aftersales.domain.schemas import StaffView
from aftersales.services.callbacks.attempts import CALLBACK_RECORD, record_attempt
from aftersales.services.complaints import actions
from aftersales.services.complaints.record import COMPLAINT_RECORD
from aftersales.services.context import Desk
from aftersales.services.deliveries import orders
from aftersales.services.deliveries.orders import ORDER_RECORD
from aftersales.services.escalations import review
from aftersales.services.escalations.raising import escalate
from aftersales.services.escalations.read import complaint_escalations
from aftersales.services.escalations.review import ESCALATION_RECORD
from aftersales.services.partners.directory import PARTNER_RECORD, add_partner, edit_partner
from aftersales.services.partners.referrals import REFERRAL_RECORD, log_reply, refer_complaint
from aftersales.services.penalties.ledger import VIOLATION_RECORD
from aftersales.services.shops.directory import SHOP_RECORD, edit_shop
from aftersales.services.staff.directory import STAFF_RECORD, edit_staff
from aftersales.services.supervision.visits import (
    VISIT_RECORD,
    close_rectification,
    local_today,
    record_visit,
)
from aftersales.store import versioned
from aftersales.store.db import write_transaction
from aftersales.store.models import Callback, Complaint
from aftersales.store.versioned import VersionedRecord

from .delivery_helpers import TODAY, delivered, dispatched, investigating
from .factories import new_complaint
from .penalty_factories import propose

Staff = dict[str, StaffView]
# A kind of record: its VersionedRecord, a stored row's key, and the text its refusal names it by.
Made = tuple[VersionedRecord, object, str]
Refused = pytest.ExceptionInfo[DeskError]


@contextmanager
def refused_naming(refusal: type[Exception], name: str) -> Iterator[pytest.ExceptionInfo[Exception]]:
    """The block is refused with `refusal`, and the line a user reads names the record."""
    with pytest.raises(refusal) as caught:
        yield caught
    assert name in i18n.error_text(caught.value)


def _complaint(desk: Desk, staff: Staff) -> Made:
    view = new_complaint(desk, staff["op01"])
    return COMPLAINT_RECORD, view.id, view.number


def _order(desk: Desk, staff: Staff) -> Made:
    order = dispatched(desk, staff["op01"], investigating(desk, staff["op01"]))
    return ORDER_RECORD, order.id, order.number


def _callback(desk: Desk, staff: Staff) -> Made:
    complaint = investigating(desk, staff["op01"])
    delivered(desk, staff["dc01"], dispatched(desk, staff["op01"], complaint))
    callback = Callback.get(Callback.complaint == complaint.id)
    return CALLBACK_RECORD, callback.id, complaint.number


def _escalation(desk: Desk, staff: Staff) -> Made:
    complaint = new_complaint(desk, staff["op01"])
    escalate(desk, staff["op01"], complaint.id, {"reason": "顾客要求主管处理"})
    return ESCALATION_RECORD, complaint_escalations(complaint.id)[0].id, complaint.number


def _violation(desk: Desk, staff: Staff) -> Made:
    violation_id = propose(desk, staff["op01"])
    return VIOLATION_RECORD, violation_id, f"#{violation_id}"


def _visit(desk: Desk, staff: Staff) -> Made:
    today = local_today(desk)
    view = record_visit(desk, staff["lead01"], {"shop_code": "S001", "visited_on": today, "findings": "价签缺失",
                                                "rectification": "补齐价签", "due_on": today + timedelta(days=7)})
    return VISIT_RECORD, view.id, f"#{view.id}"


def _referral(desk: Desk, staff: Staff) -> Made:
    add_partner(desk, staff["lead01"], {"code": "OPPEIN-SC", "name": "欧派售后服务中心", "kind": "manufacturer_service"})
    complaint = new_complaint(desk, staff["op01"])
    view = refer_complaint(desk, staff["op01"], complaint.id, {
        "partner_code": "OPPEIN-SC", "referred_on": TODAY, "reply_due_on": TODAY + timedelta(days=3)})
    return REFERRAL_RECORD, view.id, f"#{view.id}"


def _staff(desk: Desk, staff: Staff) -> Made:
    return STAFF_RECORD, "op02", "op02"


def _shop(desk: Desk, staff: Staff) -> Made:
    return SHOP_RECORD, "S001", "S001"


def _partner(desk: Desk, staff: Staff) -> Made:
    add_partner(desk, staff["lead01"], {"code": "12315", "name": "12315 消费者投诉热线", "kind": "consumer_association"})
    return PARTNER_RECORD, "12315", "12315"


KINDS: dict[str, Callable[[Desk, Staff], Made]] = {
    "complaint": _complaint, "delivery order": _order, "call-back": _callback, "escalation": _escalation,
    "violation": _violation, "visit": _visit, "referral": _referral,
    "staff": _staff, "shop": _shop, "partner": _partner,
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_stale_version_of_every_kind_of_record_is_refused_by_the_one_piece(desk, staff, kind):
    record, key, name = KINDS[kind](desk, staff)
    refusal = AlreadyDecided if record is VIOLATION_RECORD else ConflictError
    read = record.load(key)
    with write_transaction("another desk's save"):
        record.save(read, read.version, {})
    with refused_naming(refusal, name):
        record.load(key, read.version)
    with refused_naming(refusal, name):
        with write_transaction("a save over what was read before"):
            record.save(read, read.version, {})
    assert record.load(key).version == read.version + 1


def _refused_in_the_one_piece(refused: Refused) -> bool:
    """True when the refusal was raised inside store/versioned.py."""
    return any(Path(str(entry.path)) == Path(versioned.__file__) for entry in refused.traceback)


def _stale_complaint(desk: Desk, staff: Staff) -> Refused:
    view = new_complaint(desk, staff["op01"])
    actions.acknowledge(desk, staff["op01"], view.id, view.version)
    with refused_naming(ConflictError, view.number) as refused:
        actions.assign(desk, staff["lead01"], view.id, "op02", view.version)
    return refused


def _stale_order(desk: Desk, staff: Staff) -> Refused:
    order = dispatched(desk, staff["op01"], investigating(desk, staff["op01"]))
    accept = {"crew": "张师傅", "promised_date": order.promised_date, "slot": order.slot}
    orders.accept_order(desk, staff["dc01"], order.id, accept, order.version)
    with refused_naming(ConflictError, order.number) as refused:
        orders.dispatch_order(desk, staff["dc01"], order.id, order.version)
    return refused


def _stale_callback(desk: Desk, staff: Staff) -> Refused:
    complaint = investigating(desk, staff["op01"])
    delivered(desk, staff["dc01"], dispatched(desk, staff["op01"], complaint))
    callback = Callback.get(Callback.complaint == complaint.id)
    attempt = {"outcome": CallbackOutcome.UNREACHABLE.value}
    record_attempt(desk, staff["op01"], callback.id, attempt, callback.version)
    with refused_naming(ConflictError, complaint.number) as refused:
        record_attempt(desk, staff["op02"], callback.id, attempt, callback.version)
    return refused


def _stale_escalation(desk: Desk, staff: Staff) -> Refused:
    complaint = new_complaint(desk, staff["op01"])
    escalate(desk, staff["op01"], complaint.id, {"reason": "顾客要求主管处理"})
    shown = complaint_escalations(complaint.id)[0]
    review.acknowledge(desk, staff["lead01"], shown.id, shown.version)
    with refused_naming(ConflictError, complaint.number) as refused:
        review.instruct(desk, staff["mgr01"], shown.id, {"text": "按旧版本"}, shown.version)
    return refused


def _stale_visit(desk: Desk, staff: Staff) -> Refused:
    record, key, name = _visit(desk, staff)
    stale = record.load(key).version
    with write_transaction("another desk's save"):
        record.save(record.load(key), stale, {})
    follow_up = {"followed_up_on": local_today(desk), "note": "已补齐"}
    with refused_naming(ConflictError, name) as refused:
        close_rectification(desk, staff["op01"], int(str(key)), follow_up, stale)
    return refused


def _stale_referral(desk: Desk, staff: Staff) -> Refused:
    _record, key, name = _referral(desk, staff)
    referral_id = int(str(key))
    log_reply(desk, staff["op01"], referral_id, {"text": "配件在途", "final": False}, 1)
    with refused_naming(ConflictError, name) as refused:
        log_reply(desk, staff["op02"], referral_id, {"text": "已更换"}, 1)
    return refused


def _stale_directories(desk: Desk, staff: Staff) -> list[Refused]:
    admin, lead = staff["admin"], staff["lead01"]
    add_partner(desk, lead, {"code": "12315", "name": "12315 消费者投诉热线", "kind": "consumer_association"})
    refusals = []
    for edit, code, data in (
        (edit_staff, "op02", {"name": "王五", "role": "operator"}),
        (edit_shop, "S001", {"name": "新名", "unit": "A1-01", "category": "furniture"}),
        (edit_partner, "12315", {"name": "新名", "kind": "consumer_association"}),
    ):
        with refused_naming(ConflictError, code) as refused:
            edit(desk, admin if edit is edit_staff else lead, code, data, 0)
        refusals.append(refused)
    return refusals


STALE_SAVES: dict[str, Callable[[Desk, Staff], Refused | list[Refused]]] = {
    "complaint": _stale_complaint, "delivery order": _stale_order, "call-back": _stale_callback,
    "escalation": _stale_escalation, "visit": _stale_visit, "referral": _stale_referral,
    "directories": _stale_directories,
}


@pytest.mark.parametrize("kind", sorted(STALE_SAVES))
def test_a_desk_saving_over_a_stale_view_hears_the_refusal_of_the_one_piece(desk, staff, kind):
    refused = STALE_SAVES[kind](desk, staff)
    assert all(_refused_in_the_one_piece(each) for each in (refused if isinstance(refused, list) else [refused]))


def test_a_refused_complaint_save_stores_nothing(desk, staff):
    view = new_complaint(desk, staff["op01"])
    actions.acknowledge(desk, staff["op01"], view.id, view.version)
    with pytest.raises(ConflictError):
        actions.withdraw(desk, staff["op02"], view.id, {"reason": "客户撤诉"}, view.version)
    stored = Complaint.get_by_id(view.id)
    assert (stored.status, stored.version) == (ComplaintStatus.ACKNOWLEDGED.value, view.version + 1)
