"""Junk at intake raises field errors only, and stores nothing."""

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from aftersales.domain.errors import InvalidInput
from aftersales.domain.phone import normalise_phone
from aftersales.domain.schemas import ComplaintInput
from aftersales.domain.text import strip_controls
from aftersales.services.complaints.intake import create_complaint
from aftersales.store.models import Complaint, Customer, Event

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=4000, max_size=4100),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from(["", "   ", "\x1b[2J", "[bold]x[/]", "critical", "S001", "13812345678", "2026-13-45"]),
)

FIELDS = list(ComplaintInput.model_fields)
MOBILE = re.compile(r"^\+?(86)?1[3-9]\d{9}$")


@settings(max_examples=350, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(FIELDS + ["extra_field"]), junk, max_size=len(FIELDS) + 1))
def test_junk_intake_raises_field_errors_and_stores_nothing(desk, staff, data):
    phone = data.get("phone")
    assume(not (isinstance(phone, str) and MOBILE.match(phone.strip())))
    before = (Complaint.select().count(), Customer.select().count(), Event.select().count())
    with pytest.raises(InvalidInput) as refused:
        create_complaint(desk, staff["op01"], data)
    assert refused.value.fields
    assert (Complaint.select().count(), Customer.select().count(), Event.select().count()) == before


@given(st.text())
def test_cleaned_text_has_no_control_characters(value):
    cleaned = strip_controls(value)
    assert not any((ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F for ch in cleaned)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("010-12345678", "010-12345678"),
        ("02112345678", "021-12345678"),
        ("0755-1234567", "0755-1234567"),
        ("075512345678", "0755-12345678"),
    ],
)
def test_chinese_phones_are_accepted(raw, stored):
    assert normalise_phone(raw) == stored


@pytest.mark.parametrize("raw", ["12812345678", "1381234567", "138123456789", "12345", "abc", "010-123"])
def test_bad_phones_are_refused(raw):
    with pytest.raises(ValueError):
        normalise_phone(raw)


def test_every_wrong_field_is_reported_at_once(desk, staff):
    with pytest.raises(InvalidInput) as refused:
        create_complaint(
            desk,
            staff["op01"],
            {"phone": "123", "customer_name": "", "shop_code": "", "category": "x", "severity": "huge",
             "channel": "fax", "remedy": "?", "description": "短"},
        )
    assert set(refused.value.fields) >= {
        "phone", "customer_name", "shop_code", "category", "severity", "channel", "remedy", "description",
    }
