"""Dialogs keep what was typed: the cursor starts at the first empty required field, and cancelling a
dialog that holds typed text asks first (escape, the Cancel button); an untouched dialog closes at once.
The intake's error count is of the marks shown, and its first mark is brought into view."""

from textual.widgets import Button, Select, TextArea

from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.store.models import Complaint
from aftersales.ui.dialogs.confirm import ConfirmScreen
from aftersales.ui.screens.complaints.detail import DetailScreen
from aftersales.ui.screens.complaints.detail_dialogs import ActionDialog
from aftersales.ui.screens.complaints.intake_marks import out_of_view, shown_marks
from aftersales.ui.screens.deliveries.dispatch_dialog import DispatchDialog
from tests.delivery_helpers import investigating

from .harness import LoggedIn, press, settle


async def test_escape_on_a_dialog_with_typed_text_asks_and_n_keeps_the_text(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    complaint = investigating(desk, staff["op01"])
    async with logged_in("op01", complaint=complaint.id) as (app, pilot):
        await press(pilot, "r")
        await pilot.press(*"同意上门维修")
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, ActionDialog)
        assert app.screen.query_one("#field-decision", TextArea).text == "同意上门维修"
        await press(pilot, "escape", "y")
        assert isinstance(app.screen, DetailScreen)
        assert Complaint.get_by_id(complaint.id).status == "investigating"


async def test_enter_on_the_cancel_button_with_typed_text_asks_first(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    complaint = investigating(desk, staff["op01"])
    async with logged_in("op01", complaint=complaint.id, language="zh_CN") as (app, pilot):
        await press(pilot, "r")
        await pilot.press(*"同意上门维修")
        app.screen.query_one("#dialog-cancel", Button).focus()
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert "放弃" in str(app.screen.query_one("#confirm-question").render())
        await press(pilot, "enter")  # a stray Enter lands on the safe answer: the text stays
        assert isinstance(app.screen, ActionDialog)
        assert app.screen.query_one("#field-decision", TextArea).text == "同意上门维修"
        app.screen.query_one("#dialog-cancel", Button).focus()
        await press(pilot, "enter", "y")
        assert isinstance(app.screen, DetailScreen)


async def test_an_untouched_dialog_closes_without_a_question(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    complaint = investigating(desk, staff["op01"])
    async with logged_in("op01", complaint=complaint.id) as (app, pilot):
        await press(pilot, "r", "escape")
        assert isinstance(app.screen, DetailScreen)
        await press(pilot, "o")
        assert isinstance(app.screen, DispatchDialog)
        app.screen.query_one("#dialog-cancel", Button).focus()
        await press(pilot, "enter")
        assert isinstance(app.screen, DetailScreen)


async def test_the_dispatch_dialog_starts_at_the_first_empty_required_field(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    no_address = investigating(desk, staff["op01"], address="", product="布艺沙发")
    with_address = investigating(desk, staff["op01"], address="上海市徐汇区漕溪北路18号", product="布艺沙发",
                                 phone="13812345679")
    async with logged_in("op01", complaint=no_address.id) as (app, pilot):
        await press(pilot, "o")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#field-address")
    async with logged_in("op01", complaint=with_address.id) as (app, pilot):
        await press(pilot, "o")
        await settle(pilot)
        # Address, contact and items are filled in: the slot is the first thing left to choose.
        assert app.focused is app.screen.query_one("#field-slot", Select)


async def test_at_80_by_24_the_intake_counts_its_marks_and_brings_the_first_into_view(
    logged_in: LoggedIn, staff: dict[str, StaffView]
) -> None:
    async with logged_in("op01", size=(80, 24)) as (app, pilot):
        await press(pilot, "n")
        await press(pilot, *"12345", "tab", "tab", *"没有这家店")
        app.screen.query_one("#description", TextArea).focus()
        await press(pilot, *"坏了", "f10")
        await settle(pilot)
        marks = shown_marks(app.screen)
        status = str(app.screen.query_one("#intake-status").render())
        assert f"please correct the {len(marks)} marked field(s)" in status
        below = out_of_view(app.screen, marks)
        assert below and f"{below} of them further down" in status
        # The first mark and its field are on the terminal, the cursor in the field.
        assert app.screen.find_widget(marks[0]).visible_region
        assert app.focused is app.screen.query_one("#phone") and app.screen.find_widget(app.focused).visible_region
