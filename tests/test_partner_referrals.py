"""Outside partners and referrals: referred with a reference and deadline, replies logged, the complaint keeps
its earliest awaited reply in step for the queue."""

from datetime import date, timedelta

import pytest

from aftersales.domain.errors import InvalidInput, PermissionDenied
from aftersales.domain.partners import ReferralDirection, ReferralState
from aftersales.services.partners.directory import add_partner, partner_directory
from aftersales.services.partners.referrals import (
    complaint_referrals,
    log_reply,
    overdue_replies,
    refer_complaint,
)
from aftersales.store.models import Complaint

from .factories import NOW, new_complaint

TODAY = date(2026, 11, 27)


@pytest.fixture
def partners(desk, staff):
    lead = staff["lead01"]
    add_partner(desk, lead, {"code": "OPPEIN-SC", "name": "欧派售后服务中心", "kind": "manufacturer_service",
                             "phone": "400-123-4567", "serves": "欧派 S001"})
    add_partner(desk, lead, {"code": "12315", "name": "12315 消费者投诉热线", "kind": "consumer_association"})
    return partner_directory()


def test_partners_are_listed_by_kind_and_a_taken_code_is_refused(desk, staff, partners):
    assert [p.code for p in partners] == ["OPPEIN-SC", "12315"]
    assert partners[0].phone == "400-123-4567"
    with pytest.raises(InvalidInput) as taken:
        add_partner(desk, staff["admin"], {"code": "12315", "name": "重复", "kind": "other"})
    assert set(taken.value.fields) == {"code"}
    with pytest.raises(PermissionDenied):
        add_partner(desk, staff["op01"], {"code": "X1", "name": "某单位", "kind": "other"})


def test_a_referral_waits_for_its_reply_and_the_complaint_carries_the_deadline(desk, staff, partners):
    op = staff["op01"]
    complaint = new_complaint(desk, op)
    referral = refer_complaint(desk, op, complaint.id, {
        "partner_code": "OPPEIN-SC", "referred_on": TODAY, "reference": "SC-88031", "reply_due_on": TODAY + timedelta(days=3)})
    assert (referral.state, referral.overdue, referral.reference) == (ReferralState.OPEN, False, "SC-88031")
    assert Complaint.get_by_id(complaint.id).reply_due_at == referral.reply_due_at
    later = NOW + timedelta(days=5)
    assert [r.id for r in overdue_replies(later)] == [referral.id]
    interim = log_reply(desk, op, referral.id, {"text": "配件在途", "final": False,
                                                "next_due_on": TODAY + timedelta(days=7)}, referral.version)
    assert interim.state is ReferralState.OPEN and interim.reply_due_at > referral.reply_due_at
    assert Complaint.get_by_id(complaint.id).reply_due_at == interim.reply_due_at
    answered = log_reply(desk, op, referral.id, {"text": "已上门更换柜门"}, interim.version)
    assert answered.state is ReferralState.ANSWERED and [r.final for r in answered.replies] == [False, True]
    assert Complaint.get_by_id(complaint.id).reply_due_at is None
    assert overdue_replies(later) == []
    with pytest.raises(InvalidInput):
        log_reply(desk, op, referral.id, {"text": "再次回复"}, None)


def test_a_12315_complaint_carries_its_reference_and_reply_deadline(desk, staff, partners):
    op = staff["op01"]
    complaint = new_complaint(desk, op, channel="referral_12315")
    refer_complaint(desk, op, complaint.id, {"partner_code": "12315", "direction": "in", "referred_on": TODAY,
                                             "reference": "3201002611270042", "reply_due_on": TODAY + timedelta(days=7)})
    [found] = complaint_referrals(complaint.id, NOW)
    assert (found.direction, found.reference, found.partner_code) == (ReferralDirection.IN, "3201002611270042", "12315")
    assert found.reply_due_at.astimezone(desk.sla.zone).date() == TODAY + timedelta(days=7)


def test_a_reply_due_before_the_referral_is_refused(desk, staff, partners):
    complaint = new_complaint(desk, staff["op01"])
    with pytest.raises(InvalidInput) as refused:
        refer_complaint(desk, staff["op01"], complaint.id, {"partner_code": "OPPEIN-SC", "referred_on": TODAY,
                                                            "reply_due_on": TODAY - timedelta(days=1)})
    assert set(refused.value.fields) == {"reply_due_on"}


def test_a_partners_details_are_edited_over_the_version_read_and_audited(desk, staff, partners):
    from aftersales.domain.errors import ConflictError
    from aftersales.services.partners.directory import edit_partner
    from aftersales.store.models import Event

    lead, first = staff["lead01"], partners[0]
    details = {"name": "欧派家居售后中心", "kind": "manufacturer_service", "contact": "周工",
               "phone": "400-123-9999", "serves": "欧派 S001"}
    edited = edit_partner(desk, lead, first.code, details, first.version)
    assert (edited.name, edited.contact, edited.phone, edited.version) == (
        "欧派家居售后中心", "周工", "400-123-9999", first.version + 1)
    event = Event.select().where(Event.kind == "partner_edited").get()
    assert '"phone":"400-123-9999"' in event.new and '"phone":"400-123-4567"' in event.old
    with pytest.raises(ConflictError):  # a second desk saving over what it read before
        edit_partner(desk, lead, first.code, {**details, "contact": "王工"}, first.version)
    with pytest.raises(InvalidInput) as bad:
        edit_partner(desk, lead, first.code, {**details, "name": " "}, edited.version)
    assert set(bad.value.fields) == {"name"}
    with pytest.raises(PermissionDenied):
        edit_partner(desk, staff["op01"], first.code, details, edited.version)
    assert partner_directory()[0].contact == "周工"


def test_a_deactivated_partner_takes_no_referrals_until_reactivated(desk, staff, partners):
    from aftersales.services.partners.directory import set_partner_active

    lead, op = staff["lead01"], staff["op01"]
    partner = partners[0]
    off = set_partner_active(desk, lead, partner.code, False, partner.version)
    assert not off.active and [p.code for p in partner_directory()] == ["12315"]
    assert [p.code for p in partner_directory(include_inactive=True)] == ["OPPEIN-SC", "12315"]
    complaint = new_complaint(desk, op)
    referral = {"partner_code": partner.code, "referred_on": TODAY, "reply_due_on": TODAY + timedelta(days=7)}
    with pytest.raises(InvalidInput):
        refer_complaint(desk, op, complaint.id, referral)
    on = set_partner_active(desk, lead, partner.code, True, off.version)
    assert on.active
    assert refer_complaint(desk, op, complaint.id, referral).partner_code == partner.code
