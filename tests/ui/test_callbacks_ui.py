"""Call-backs on screen: the dashboard panel, the due list, the dialog with the phone in full, field errors,
and the detail's keys for dispatching an order and closing after three unreachable days."""

from datetime import timedelta

from textual.widgets import Input

from aftersales.domain.clock import fixed_clock
from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from aftersales.store.models import CallbackAttempt, Complaint, DeliveryOrder
from aftersales.ui.screens.callbacks.callback_dialog import CallbackDialog
from aftersales.ui.screens.callbacks.due import CallbacksDueScreen
from aftersales.ui.screens.complaints.detail import DetailScreen
from aftersales.ui.screens.deliveries.dispatch_dialog import DispatchDialog
from tests.delivery_helpers import NOW, investigating

from .harness import LoggedIn, press, screen_text, settle


def resolved_days_ago(staff: dict[str, StaffView], days: int, phone: str) -> int:
    """A complaint op01 resolved `days` ago, so its call-back is due (or overdue) today."""
    then = Desk(clock=fixed_clock(NOW - timedelta(days=days)))
    complaint = investigating(then, staff["op01"], phone=phone)
    actions.resolve(then, staff["op01"], complaint.id, {"decision": "同意上门维修", "remedy": "repair",
                                                         "compensation_fen": 8800}, complaint.version)
    return complaint.id


async def test_dashboard_panel_lists_todays_calls_and_b_opens_the_whole_list(
    logged_in: LoggedIn, staff: dict[str, StaffView]
) -> None:
    resolved_days_ago(staff, 3, "13900000001")
    resolved_days_ago(staff, 2, "13900000002")
    async with logged_in("op01") as (app, pilot):
        text = screen_text(app)
        assert "Call-backs due today: 2 of yours" in text and "1 overdue" in text
        assert "139****0001" in text and "13900000001" not in text
        await press(pilot, "b")
        assert isinstance(app.screen, CallbacksDueScreen)
        lines = screen_text(app).splitlines()
        rows = [line for line in lines if "TS-" in line]
        assert "⚠" in rows[0] and "139****0001" in rows[0] and "139****0002" in rows[1]


async def test_enter_opens_the_call_with_the_phone_in_full_and_a_satisfied_call_closes(
    logged_in: LoggedIn, staff: dict[str, StaffView]
) -> None:
    complaint_id = resolved_days_ago(staff, 3, "13900000001")
    async with logged_in("op01") as (app, pilot):
        await press(pilot, "b")
        await press(pilot, "enter")
        assert isinstance(app.screen, CallbackDialog)
        text = screen_text(app)
        assert "☎ 13900000001" in text and "Confirm resolution + Confirm payment ¥88.00" in text
        assert "Decision: 同意上门维修" in text
        await pilot.press("enter", "down", "enter")  # outcome: satisfied
        app.screen.query_one("#field-satisfaction", Input).focus()
        for score, message in (("0", "at least 1"), ("6", "at most 5")):
            await press(pilot, "ctrl+a", "ctrl+k", score, "f2")
            assert message in screen_text(app)
            assert CallbackAttempt.select().count() == 0
        await press(pilot, "ctrl+a", "ctrl+k", "5", "tab", *"很满意", "f2")
        assert isinstance(app.screen, CallbacksDueScreen)
        stored = Complaint.get_by_id(complaint_id)
        assert (stored.status, stored.satisfaction) == ("closed", 5)
        assert "Call-backs due today: 0 of yours" in screen_text(app)


async def test_closing_with_a_pending_callback_is_refused_with_its_message(
    logged_in: LoggedIn, staff: dict[str, StaffView]
) -> None:
    complaint_id = resolved_days_ago(staff, 1, "13900000001")
    async with logged_in("op01", complaint=complaint_id) as (app, pilot):
        await press(pilot, "c")
        await press(pilot, "f2")
        text = screen_text(app)
        assert "cannot close: its call-back is still pending" in text and "(unreachable on 0 of 3 different" in text
        assert Complaint.get_by_id(complaint_id).status == ComplaintStatus.RESOLVED.value


async def test_dispatch_dialog_fills_the_customer_and_refuses_bad_input_per_field(
    logged_in: LoggedIn, staff: dict[str, StaffView], desk: Desk
) -> None:
    complaint = investigating(desk, staff["op01"], address="上海市徐汇区漕溪北路18号", product="布艺沙发")
    async with logged_in("op01", complaint=complaint.id, language="zh_CN", size=(80, 24)) as (app, pilot):
        await press(pilot, "o")
        dialog = app.screen
        assert isinstance(dialog, DispatchDialog)
        assert dialog.query_one("#field-address", Input).value == "上海市徐汇区漕溪北路18号"
        assert dialog.query_one("#field-contact_phone", Input).value == "13812345678"
        assert dialog.query_one("#field-items", Input).value == "布艺沙发 1 件"
        dialog.query_one("#field-address", Input).focus()
        await pilot.press("ctrl+a", "ctrl+k")
        dialog.query_one("#field-promised_date", Input).focus()
        await press(pilot, "ctrl+a", "ctrl+k", *"2026-11-20", "f2")
        text = screen_text(app)
        assert "承诺日期已过" in text
        assert DeliveryOrder.select().count() == 0
        await press(pilot, "ctrl+a", "ctrl+k", *"2026-11-28", "f2")
        text = screen_text(app)
        assert "必填" in text or "required" in text
        assert DeliveryOrder.select().count() == 0
        dialog.query_one("#field-address", Input).focus()
        await pilot.press(*"上海市徐汇区漕溪北路18号")
        dialog.query_one("#field-slot").focus()
        await press(pilot, "enter", "down", "enter", "f2")  # the first slot: morning
        assert isinstance(app.screen, DetailScreen)
        order = DeliveryOrder.get()
        assert (order.slot, order.address, order.status) == ("morning", "上海市徐汇区漕溪北路18号", "requested")
        assert Complaint.get_by_id(complaint.id).status == "awaiting_delivery"


async def test_the_palette_opens_the_call_backs_due(logged_in: LoggedIn, staff: dict[str, StaffView]) -> None:
    from aftersales.ui.palette import DeskCommands

    async with logged_in("op01") as (app, pilot):
        commands = {text: run for text, run, _ in DeskCommands(app.screen)._commands()}
        commands["Call-backs due"]()
        await settle(pilot)
        assert isinstance(app.screen, CallbacksDueScreen)


async def test_the_key_help_of_a_complaint_being_investigated_lists_dispatch_and_call_back(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    from aftersales import i18n
    from aftersales.ui.screens.shell.help import HelpScreen

    complaint = investigating(desk, staff["op01"])
    async with logged_in("op01", complaint=complaint.id) as (app, pilot):
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        listed = {(row.key, row.description) for row in app.screen.rows}
        assert ("o", i18n.t("deliveries.key.dispatch_order")) in listed
        assert ("b", i18n.t("callbacks.key.record")) in listed
