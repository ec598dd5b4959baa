"""The intake form driven by key presses: what the operator sees and what gets stored."""

from datetime import timedelta

import pytest
from textual.widgets import Input, Select, TextArea

from aftersales import i18n
from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.store.models import Complaint, Customer, Shop
from aftersales.ui.screens.complaints.detail import DetailScreen
from aftersales.ui.screens.complaints.intake import IntakeScreen
from aftersales.ui.screens.complaints.intake_discard import DiscardIntakeScreen
from aftersales.ui.widgets.customer_history import CustomerHistory
from aftersales.ui.widgets.queue_table import QueueTable
from aftersales.ui.widgets.shop_picker import ShopPicker
from tests.factories import NOW, new_complaint
from tests.ui.intake_harness import (
    SIZE,
    IntakeHarness,
    error_of,
    intake_app,
    paste,
    type_valid_complaint,
    typed_values,
)

from .harness import LoggedIn, make_app, press, screen_text, settle


@pytest.fixture
def app(db_target: str, desk: Desk, staff: dict[str, StaffView]) -> IntakeHarness:
    return intake_app(db_target, desk, staff)


async def test_intake_typed_in_chinese_is_stored_and_opens_the_detail(app: IntakeHarness) -> None:
    i18n.set_language("zh_CN")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"13900001111", "tab")
        await pilot.press(*"钱多多", "tab")
        await press(pilot, *"马可")  # part of 马可波罗瓷砖
        await press(pilot, "enter")
        assert "S002 马可波罗瓷砖" in str(app.screen.query_one("#shop-status").render())
        await pilot.press("enter", *"损坏", "enter", "tab")  # category: 配送损坏
        await pilot.press("enter", *"高", "enter", "tab")  # severity: 高
        await pilot.press("tab")  # channel stays 电话
        await pilot.press("enter", *"换货", "enter", "tab")  # remedy
        await pilot.press("tab")  # not a major incident; the reason stays disabled
        await pilot.press(*"送货时砖面碎裂三块 要求换货", "tab")
        await pilot.press(*"抛光砖", "tab", *"HT-2026-001", "tab", *"R-778", "tab")
        await pilot.press(*"浦东新区世纪大道100号")
        await press(pilot, "f10")

        assert not isinstance(app.screen, IntakeScreen)
    row = Complaint.get()
    assert app.opened == [row.id]
    assert app.changes == 1
    assert (row.number, row.category, row.severity, row.channel, row.remedy) == (
        "TS-20261127-0001", "delivery_damage", "high", "phone", "replace",
    )
    assert (row.product, row.contract_no, row.receipt_no) == ("抛光砖", "HT-2026-001", "R-778")
    assert row.description == "送货时砖面碎裂三块 要求换货"
    assert row.shop.code == "S002"
    assert (row.customer.name, row.customer.phone, row.customer.address) == (
        "钱多多", "13900001111", "浦东新区世纪大道100号",
    )


async def test_every_wrong_field_shows_its_error_and_nothing_is_stored(app: IntakeHarness) -> None:
    before = Complaint.select().count()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"12345", "tab", "tab")  # a bad phone, no name
        await pilot.press(*"没有这家店", "tab")  # no shop matches, none chosen
        for field, text in (("address", "A" * 201), ("product", "P" * 101), ("contract_no", "C" * 41),
                            ("receipt_no", "R" * 41)):
            app.screen.query_one(f"#{field}", Input).focus()
            await paste(pilot, text)  # each one too long
        app.screen.query_one("#major_incident").focus()
        await pilot.press("space")  # a major incident without a reason
        app.screen.query_one("#description", TextArea).focus()
        await pilot.press(*"坏了")  # too short
        await press(pilot, "f10")

        expected = {
            "phone": "not a mobile or landline with area code",
            "customer_name": "required",
            "address": "at most 200 characters (now 201)",
            "shop_code": "choose a shop from the list",
            "product": "at most 100 characters (now 101)",
            "contract_no": "at most 40 characters (now 41)",
            "receipt_no": "at most 40 characters (now 41)",
            "category": "choose one",
            "remedy": "choose one",
            "major_reason": "a major incident needs a reason",
            "description": "at least 5 characters",
        }
        assert {field: error_of(app, field) for field in expected} == expected
        assert error_of(app, "severity") == "" and error_of(app, "channel") == ""
        assert "please correct the 11 marked field(s)" in str(app.screen.query_one("#intake-status").render())
        assert app.focused is not None and app.focused.id == "phone"
        assert isinstance(app.screen, IntakeScreen) and app.opened == []
    assert Complaint.select().count() == before


async def test_fixing_a_field_clears_its_error(app: IntakeHarness) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"12345", "f10")
        assert error_of(app, "phone") == "not a mobile or landline with area code"
        await pilot.press(*"678901")  # now 12345678901: still not a mobile (second digit 2)
        assert error_of(app, "phone") == "not a mobile or landline with area code"
        app.screen.query_one("#phone", Input).value = ""
        await pilot.press(*"021-64381234")
        await pilot.pause()
        assert error_of(app, "phone") == ""


async def test_existing_customer_found_by_phone_shows_name_and_history(
    app: IntakeHarness, desk: Desk, staff: dict[str, StaffView]
) -> None:
    first = new_complaint(desk, staff["op02"], received_at=NOW - timedelta(days=30))
    second = new_complaint(desk, staff["op02"], shop_code="S003", received_at=NOW - timedelta(days=3))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, *"138 1234 5678", "tab")

        assert app.screen.query_one("#customer_name", Input).value == "赵敏"
        history = app.screen.query_one(CustomerHistory)
        assert [r.number for r in history.rows] == [second.number, first.number]
        shown = screen_text(app)
        for text in (second.number, first.number, "TOTO卫浴", "欧派家居", "Returning"):
            assert text in shown
        # The filled-in name is an ordinary field: the operator can change it.
        await pilot.press("end", *"女士")
        assert app.screen.query_one("#customer_name", Input).value == "赵敏女士"


async def test_a_new_phone_says_new_customer_and_keeps_the_typed_name(app: IntakeHarness) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#customer_name", Input).value = "孙悟空"
        app.screen.query_one("#phone", Input).focus()
        await press(pilot, *"13700000000", "tab")
        assert app.screen.query_one("#customer_name", Input).value == "孙悟空"
        assert app.screen.query_one(CustomerHistory).rows == []
        assert "New customer" in screen_text(app)


async def test_duplicate_warning_for_same_phone_and_shop_within_14_days_opens_the_earlier(
    app: IntakeHarness, desk: Desk, staff: dict[str, StaffView]
) -> None:
    new_complaint(desk, staff["op02"], received_at=NOW - timedelta(days=20))  # too old to warn
    recent = new_complaint(desk, staff["op02"], received_at=NOW - timedelta(days=13))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"13812345678", "tab", "tab")
        await press(pilot, *"S001", "enter")

        warning = str(app.screen.query_one("#intake-duplicate").render())
        assert f"Same customer and shop within 14 days: {recent.number} — F3 opens {recent.number}" in warning
        await pilot.press("f3")
        assert app.opened == [recent.id]
        assert isinstance(app.screen, IntakeScreen)  # the form stays, with its text


async def test_no_duplicate_warning_for_another_shop(
    app: IntakeHarness, desk: Desk, staff: dict[str, StaffView]
) -> None:
    new_complaint(desk, staff["op02"], received_at=NOW - timedelta(days=1))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, *"13812345678", "tab", "tab", *"TOTO", "enter")
        assert app.screen.query_one(ShopPicker).shop is not None
        assert not app.screen.query_one("#intake-duplicate").has_class("-shown")
        await pilot.press("f3")
        assert app.opened == []


async def test_escape_with_typed_text_asks_before_discarding(app: IntakeHarness) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"13900001111")
        await pilot.press("escape")
        assert isinstance(app.screen, DiscardIntakeScreen)
        await pilot.press("enter")  # the focused answer is "keep editing"
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#phone", Input).value == "13900001111"

        await pilot.press("escape", "n")  # n keeps the text too
        assert isinstance(app.screen, IntakeScreen)
        await pilot.press("escape", "tab", "enter")  # now choose "discard"
        await pilot.pause()
        assert not isinstance(app.screen, (IntakeScreen, DiscardIntakeScreen))


async def test_escape_in_an_open_list_closes_only_the_list(app: IntakeHarness) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"139")
        category = app.screen.query_one("#category", Select)
        category.focus()
        await pilot.press("enter")
        assert category.expanded
        await pilot.press("escape")
        assert isinstance(app.screen, IntakeScreen) and not category.expanded
        assert app.screen.query_one("#phone", Input).value == "139"


async def test_escape_on_an_empty_form_leaves_without_asking(app: IntakeHarness) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen) and not app.screen.has_unsaved_text()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (IntakeScreen, DiscardIntakeScreen))


async def test_markup_in_stored_names_is_shown_literally(
    app: IntakeHarness, desk: Desk, staff: dict[str, StaffView]
) -> None:
    new_complaint(desk, staff["op02"], customer_name="退款 [/bold] [@click=app.quit]x[/]")
    Shop.update(name="欧派[b]家居[/b]").where(Shop.code == "S001").execute()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, *"13812345678", "tab")
        assert app.screen.query_one("#customer_name", Input).value == "退款 [/bold] [@click=app.quit]x[/]"
        await press(pilot, "tab", *"S001", "enter")
        assert app.is_running and isinstance(app.screen, IntakeScreen)
        assert "欧派[b]家居[/b]" in str(app.screen.query_one("#shop-status").render())
    assert Customer.select().count() == 1


async def test_language_switch_keeps_every_typed_character(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01") as (app, pilot):
        await pilot.press("n")
        await type_valid_complaint(pilot)
        before = typed_values(app)
        await press(pilot, "f2")

        assert isinstance(app.screen, IntakeScreen)
        assert typed_values(app) == before
        text = screen_text(app)
        for chinese in ("新建投诉", "商铺", "✓ S001 欧派家居", "产品质量", "维修", "保存"):
            assert chinese in text
        lines = {line.split()[0]: line for line in text.splitlines() if line.split()}
        assert "电话" in lines["渠道"] and "一般" in lines["严重程度"]


async def test_intake_through_the_desk_ends_in_the_detail_and_the_queue(desk_db: str) -> None:
    app = make_app(desk_db, user_code="op01")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, *"1111", "enter")  # the code is filled in, the cursor waits in the PIN
        assert app.session.actor is not None and app.session.actor.code == "op01"
        await pilot.press("n")
        assert isinstance(app.screen, IntakeScreen)
        await type_valid_complaint(pilot, shop="S003")
        await press(pilot, "f10")

        row = Complaint.select().order_by(Complaint.id.desc()).get()
        assert (row.customer.name, row.shop.code, row.description) == ("钱多多", "S003", "沙发腿断裂 要求上门维修")
        assert isinstance(app.screen, DetailScreen) and app.screen.complaint_id == row.id
        await settle(pilot)
        assert row.number in screen_text(app)

        await pilot.press("escape")  # the form was replaced: back goes past it
        assert not isinstance(app.screen, (IntakeScreen, DetailScreen))
        await press(pilot, "2")
        assert row.number in [r.number for r in app.screen.query_one(QueueTable).window.rows]


async def test_tabbing_back_into_a_filled_field_keeps_its_text(app: IntakeHarness) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, *"13812345678", "tab")
        await pilot.press("shift+tab")
        await pilot.press("9")
        assert app.screen.query_one("#phone", Input).value.startswith("13812345678")
