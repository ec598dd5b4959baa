"""The shop directory: a team lead or the admin adds, edits, deactivates and reactivates shops."""

import json

import pytest

from aftersales.domain.directory import shop_phone
from aftersales.domain.enums import EventKind, ShopCategory
from aftersales.domain.errors import ConflictError, InvalidInput, PermissionDenied
from aftersales.services.complaints.read import list_shops
from aftersales.services.shops.directory import add_shop, edit_shop, set_shop_active, shop_directory
from aftersales.store.models import Event, Shop

NEW = {"code": "S101", "name": "顾家家居", "unit": "A-201", "category": "furniture", "contact": "孙经理",
       "phone": "13912345678"}


@pytest.mark.parametrize("code", ["lead01", "admin"])
def test_a_lead_or_the_admin_adds_a_shop(desk, staff, code):
    entry = add_shop(desk, staff[code], NEW)
    assert (entry.code, entry.category, entry.contact, entry.active) == ("S101", ShopCategory.FURNITURE, "孙经理", True)
    event = Event.get(Event.kind == EventKind.SHOP_CREATED.value)
    assert (event.actor_id, event.new) == (staff[code].id, "S101")
    assert "S101" in [shop.code for shop in list_shops()]


@pytest.mark.parametrize("code", ["op01", "mgr01", "dc01"])
def test_other_roles_may_not_change_shops(desk, staff, code):
    with pytest.raises(PermissionDenied):
        add_shop(desk, staff[code], NEW)
    with pytest.raises(PermissionDenied):
        set_shop_active(desk, staff[code], "S001", False, None)
    assert Shop.get(Shop.code == "S001").active
    assert Event.select().order_by(Event.id.desc()).first().kind == EventKind.DENIED.value


def test_a_duplicate_code_is_refused_under_its_field(desk, staff):
    with pytest.raises(InvalidInput) as refused:
        add_shop(desk, staff["lead01"], {**NEW, "code": "S001"})
    assert set(refused.value.fields) == {"code"}
    assert Shop.select().count() == 3


def test_bad_fields_are_named(desk, staff):
    with pytest.raises(InvalidInput) as refused:
        add_shop(desk, staff["lead01"], {**NEW, "name": " ", "category": "toys", "phone": "12345"})
    assert set(refused.value.fields) == {"name", "category", "phone"}


@pytest.mark.parametrize(("typed", "stored"), [
    ("4008201234", "400-820-1234"), ("800 820 1234", "800-820-1234"), ("02188886666", "021-88886666"),
    ("+86 139 1234 5678", "13912345678"), ("", ""),
])
def test_shop_phones_accept_hotlines_landlines_and_mobiles(typed, stored):
    assert shop_phone(typed) == stored


def test_edit_records_what_changed(desk, staff):
    entry = edit_shop(desk, staff["lead01"], "S002", {"name": "马可波罗瓷砖", "unit": "B-206",
                                                       "category": "tiles", "contact": "", "phone": ""}, 1)
    assert (entry.unit, entry.version) == ("B-206", 2)
    event = Event.select().order_by(Event.id.desc()).first()
    assert event.kind == EventKind.SHOP_EDITED.value
    assert (json.loads(event.old), json.loads(event.new)) == (
        {"code": "S002", "unit": "B-205"}, {"code": "S002", "unit": "B-206"})


def test_edit_over_a_newer_version_is_a_conflict(desk, staff):
    details = {"name": "马可波罗瓷砖", "unit": "B-206", "category": "tiles"}
    edit_shop(desk, staff["lead01"], "S002", details, 1)
    with pytest.raises(ConflictError):
        edit_shop(desk, staff["admin"], "S002", {**details, "unit": "B-999"}, 1)
    assert Shop.get(Shop.code == "S002").unit == "B-206"


def test_a_deactivated_shop_leaves_the_intake_choices_but_stays_in_the_directory(desk, staff):
    set_shop_active(desk, staff["lead01"], "S002", False, None)
    assert "S002" not in [shop.code for shop in list_shops()]
    assert [entry.code for entry in shop_directory()] == ["S001", "S003", "S002"]
    assert [entry.code for entry in shop_directory(include_inactive=False)] == ["S001", "S003"]
    assert Event.select().order_by(Event.id.desc()).first().kind == EventKind.SHOP_DEACTIVATED.value
    set_shop_active(desk, staff["admin"], "S002", True, None)
    assert "S002" in [shop.code for shop in list_shops()]
