"""What services tell a user: field messages in the desk's language, events that carry their facts."""

import re

import pytest

from aftersales import i18n
from aftersales.domain.enums import ComplaintStatus, EventKind
from aftersales.domain.errors import FieldError, InvalidInput, PermissionDenied
from aftersales.services.complaints import actions as act
from aftersales.services.complaints.intake import create_complaint
from aftersales.services.complaints.read import get_complaint, timeline
from aftersales.services.penalties.decide import confirm_violation

from .factories import complaint_data, new_complaint


def test_field_errors_follow_the_language(desk, staff):
    i18n.set_language("zh")
    with pytest.raises(InvalidInput) as refused:
        create_complaint(desk, staff["op01"], complaint_data(phone="123", description="短", customer_name=""))
    fields = i18n.field_texts(refused.value.fields)
    assert fields["phone"].startswith("不是手机号")
    assert fields["description"] == "至少 5 个字符"
    assert fields["customer_name"] == "必填"
    i18n.set_language("en")
    with pytest.raises(InvalidInput) as refused:
        create_complaint(desk, staff["op01"], complaint_data(description="short", category="nonsense"))
    assert i18n.field_texts(refused.value.fields) == {"category": "choose one of the listed values"}


def test_a_refusal_carries_keys_and_is_worded_in_the_language_shown(desk, staff):
    with pytest.raises(InvalidInput) as refused:
        create_complaint(desk, staff["op01"], complaint_data(phone="123"))
    assert refused.value.fields == {"phone": FieldError("validation.phone")}
    # Worded when shown, so a desk that switched language since reads it in the new one.
    i18n.set_language("zh")
    assert i18n.field_texts(refused.value.fields)["phone"].startswith("不是手机号")


def test_a_chinese_desk_shows_a_service_refusal_entirely_in_chinese(desk, staff):
    i18n.set_language("zh")
    with pytest.raises(InvalidInput) as invalid:
        create_complaint(desk, staff["op01"], complaint_data(phone="123", description="短"))
    with pytest.raises(InvalidInput) as no_shop:
        create_complaint(desk, staff["op01"], complaint_data(shop_code="S999"))
    with pytest.raises(PermissionDenied) as denied:
        confirm_violation(desk, staff["op01"], 1, {})
    lines = [i18n.error_text(invalid.value), *i18n.field_texts(invalid.value.fields).values(),
             *i18n.field_texts(no_shop.value.fields).values(), i18n.error_text(denied.value)]
    assert i18n.field_texts(no_shop.value.fields) == {"shop_code": "没有代码为 S999 的营业商铺"}
    assert i18n.error_text(denied.value) == "客服专员无权确认或免除违规。"
    for line in lines:
        assert re.search(r"[\u4e00-\u9fff]", line), line
        # Nothing of English but the shop code typed.
        assert not re.search(r"[A-Za-z]{3,}", line.replace("S999", "")), line


def test_major_incident_without_reason_is_reported_at_the_reason(desk, staff):
    with pytest.raises(InvalidInput) as refused:
        create_complaint(desk, staff["op01"], complaint_data(major_incident=True))
    assert i18n.field_texts(refused.value.fields) == {"major_reason": "a major incident needs a reason"}


def test_assigning_to_the_current_owner_is_refused_without_an_event(desk, staff):
    c = act.acknowledge(desk, staff["op01"], new_complaint(desk, staff["op01"]).id, 1)
    events = len(timeline(c.id))
    with pytest.raises(InvalidInput) as refused:
        act.assign(desk, staff["lead01"], c.id, "op01", c.version)
    assert i18n.field_texts(refused.value.fields) == {"assignee": "already assigned to op01"}
    assert len(timeline(c.id)) == events
    assert get_complaint(c.id).version == c.version


def test_resolve_event_carries_remedy_compensation_and_decision(desk, staff):
    op = staff["op01"]
    c = act.acknowledge(desk, op, new_complaint(desk, op).id, 1)
    c = act.change_status(desk, op, c.id, ComplaintStatus.INVESTIGATING, c.version)
    act.resolve(desk, op, c.id, {"decision": "同意换货", "remedy": "replace", "compensation_fen": 12050}, c.version)
    event = timeline(c.id)[-1]
    assert (event.kind, event.field, event.new, event.old, event.note) == (
        EventKind.RESOLVED, "remedy", "replace", "12050", "同意换货",
    )
