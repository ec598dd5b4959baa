"""What confused a new operator, each made plain: deadlines named, greyed keys explained, questions asked."""

import asyncio

from textual import events
from textual.widgets import Input, Select, Static

from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from aftersales.services.dashboard.figures import load_dashboard
from aftersales.store.models import Complaint, Event, Staff
from aftersales.ui.dialogs.confirm import ConfirmScreen
from aftersales.ui.palette import DeskCommands
from aftersales.ui.screens.complaints.detail import DetailScreen
from aftersales.ui.screens.complaints.detail_dialogs import StatusDialog, WithdrawDialog
from aftersales.ui.screens.shell.login import LoginScreen
from tests.factories import NOW, new_complaint

from .harness import LoggedIn, make_app, press, screen_text, settle

SIZE = (120, 36)


def _message(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#detail-message", Static).render())


async def test_the_detail_names_each_deadline_and_what_is_left_of_it(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"])
    for language, ack, resolve in (("en", "Acknowledge by", "Resolve by"), ("zh_CN", "受理期限", "解决期限")):
        async with logged_in("op01", complaint=view.id, language=language) as (app, pilot):
            lines = screen_text(app).splitlines()
            ack_line = next(line for line in lines if ack in line)
            assert resolve in ack_line or any(resolve in line for line in lines)
            assert ("left" if language == "en" else "剩余") in ack_line


async def test_resolved_complaints_awaiting_their_call_back_have_their_own_dashboard_line(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    op = staff["op01"]
    new_complaint(desk, op, phone="13900000001")
    done = actions.acknowledge(desk, op, new_complaint(desk, op, phone="13900000002").id, 1)
    done = actions.change_status(desk, op, done.id, ComplaintStatus.INVESTIGATING, done.version)
    actions.resolve(desk, op, done.id, {"decision": "上门维修完成", "remedy": "repair"}, done.version)
    view = load_dashboard(op, NOW)
    assert (view.open_total, view.awaiting_callback) == (1, 1)
    async with logged_in("op01") as (app, pilot):
        # The status panel is the left one: read each line up to where the chart's panel begins.
        panel = [line.split("│ │")[0] for line in screen_text(app).splitlines()]
        assert any("Open, being worked" in line and line.rstrip(" │").endswith("1") for line in panel)
        assert any("Awaiting call-back" in line and line.rstrip(" │").endswith("1") for line in panel)


async def test_a_greyed_key_pressed_says_in_one_line_why(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    op = staff["op01"]
    view = actions.acknowledge(desk, op, new_complaint(desk, op).id, 1)
    view = actions.change_status(desk, op, view.id, ComplaintStatus.INVESTIGATING, view.version)
    actions.change_status(desk, op, view.id, ComplaintStatus.AWAITING_CUSTOMER, view.version)
    async with logged_in("op01", complaint=view.id) as (app, pilot):
        await press(pilot, "r")
        assert isinstance(app.screen, DetailScreen)
        message = _message(app)
        assert "TS-20261127-0001" in message and "Awaiting customer" in message and "Investigating" in message
        await press(pilot, "a")
        assert "Awaiting customer" in _message(app)


async def test_withdraw_asks_naming_the_number_before_closing_for_good(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"])
    async with logged_in("op01", complaint=view.id) as (app, pilot):
        await press(pilot, "w")
        await press(pilot, *"客户已与商铺和解", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert "TS-20261127-0001" in str(app.screen.query_one("#confirm-question", Static).render())
        assert Complaint.get_by_id(view.id).status == "new"
        await press(pilot, "n")
        assert isinstance(app.screen, WithdrawDialog)
        assert app.screen.query_one("#field-reason", Input).value == "客户已与商铺和解"
        await press(pilot, "enter")
        await press(pilot, "y")
        assert Complaint.get_by_id(view.id).status == "closed"


async def test_a_one_option_status_picker_has_no_blank_to_wrap_round_to(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    op = staff["op01"]
    view = actions.acknowledge(desk, op, new_complaint(desk, op).id, 1)
    async with logged_in("op01", complaint=view.id, language="zh_CN") as (app, pilot):
        await press(pilot, "s")
        assert isinstance(app.screen, StatusDialog)
        select = app.screen.query_one("#field-status", Select)
        select.focus()
        await press(pilot, "enter", "down", "enter")
        assert select.value == ComplaintStatus.INVESTIGATING.value
        assert "请选择新状态" not in screen_text(app)


async def test_the_palette_offers_a_dispatcher_no_complaint_form(desk_db: str, logged_in: LoggedIn) -> None:
    for code, offered in (("dc01", False), ("op01", True)):
        async with logged_in(code) as (app, pilot):
            provider = DeskCommands(app.screen)
            texts = [text for text, _command, _help in provider._commands()]
            assert ("New complaint" in texts) is offered, code
            assert "Log out" in texts and "Lock the desk" in texts


async def test_login_answers_an_unknown_code_like_a_wrong_pin_and_a_letter_costs_no_try(desk_db: str) -> None:
    app = make_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)

        async def attempt(code: str, pin: str) -> str:
            field = app.screen.query_one("#login-code", Input)
            field.value = ""
            field.focus()
            await press(pilot, *code, "enter", *pin, "enter")
            return str(app.screen.query_one("#login-error", Static).render())

        assert await attempt("op01", "12a4") == "A PIN is 4 to 12 digits (0–9); that try was not counted"
        assert Staff.get(Staff.code == "op01").failed_logins == 0
        known = await attempt("op01", "9999")
        unknown = await attempt("op77", "9999")
        assert known == unknown == "Unknown staff code or wrong PIN (4 tries left)"


async def test_a_pasted_escape_sequence_is_dropped_whole_and_the_text_stays_in_order(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    async with logged_in("op01") as (app, pilot):
        await press(pilot, "n")
        await pilot.press("tab")  # the name field
        app.post_message(events.Paste("ab\x1b[31mRED\x1b[0mcd\x07"))
        await asyncio.sleep(0.1)
        await pilot.pause()
        assert app.screen.query_one("#customer_name", Input).value == "abREDcd"


def test_no_event_is_written_for_a_pin_refused_by_its_shape(desk: Desk, staff: dict[str, StaffView]) -> None:
    from aftersales.domain.errors import AuthFailed
    from aftersales.services.staff.auth import login

    before = Event.select().count()
    try:
        login(desk, "op01", "1a11")
    except AuthFailed:
        pass
    assert Event.select().count() == before
