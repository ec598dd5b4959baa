"""The detail's dialogs: saves against the version they opened on, pre-filled fields, messages in the desk's language."""

from textual.widgets import Input, Static, TextArea

from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from aftersales.store.models import Complaint
from aftersales.ui.screens.complaints.detail import DetailScreen
from aftersales.ui.screens.complaints.detail_dialogs import ActionDialog
from tests.factories import new_complaint

from .harness import LoggedIn, press, screen_text, settle


def stored(complaint_id: int) -> Complaint:
    return Complaint.get_by_id(complaint_id)


def investigating(desk: Desk, staff: dict[str, StaffView]) -> int:
    """A complaint of op01's that is being investigated (version 3)."""
    view = new_complaint(desk, staff["op01"])
    actions.acknowledge(desk, staff["op01"], view.id, 1)
    actions.change_status(desk, staff["op01"], view.id, ComplaintStatus.INVESTIGATING, 2)
    return view.id


async def test_dialog_save_is_refused_when_another_desk_changed_the_complaint_while_it_was_open(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    complaint_id = investigating(desk, staff)
    async with logged_in("op01", complaint=complaint_id) as (app, pilot):
        await press(pilot, "r")
        await pilot.press(*"同意上门维修")
        # Another desk reassigns it; the detail under the dialog notices and reloads.
        actions.assign(desk, staff["lead01"], complaint_id, "op02", version=3)
        app.data_changed()
        await settle(pilot)
        assert "op02 李娜" in screen_text(app)
        await press(pilot, "f2")
        assert isinstance(app.screen, ActionDialog)
        assert "changed by someone else" in screen_text(app)
        assert app.screen.query_one("#field-decision", TextArea).text == "同意上门维修"
        row = stored(complaint_id)
        assert row.status == "investigating" and row.assignee_id == staff["op02"].id and row.version == 4
        # The operator has seen the conflict: saving again stores the resolution.
        await press(pilot, "f2")
        assert isinstance(app.screen, DetailScreen)
        row = stored(complaint_id)
        assert row.status == "resolved" and row.assignee_id == staff["op02"].id


async def test_resolution_shows_in_the_timeline_as_remedy_money_and_decision(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    complaint_id = investigating(desk, staff)
    async with logged_in("op01", complaint=complaint_id, language="zh_CN") as (app, pilot):
        await press(pilot, "r")
        await press(pilot, *"同意换货", "tab", "enter", "down", "enter", "tab", *"120.5", "f2")
        row = stored(complaint_id)
        assert (row.remedy, row.remedy_decided) == ("repair", "replace")  # the request stays beside the decision
        text = screen_text(app)
        assert "换货 · ¥120.50 · 同意换货" in text
        assert "12050" not in text and "fen" not in text


async def test_duplicate_dialog_starts_with_ts_and_typing_continues_it(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    first = new_complaint(desk, staff["op01"])
    second = new_complaint(desk, staff["op01"])
    async with logged_in("op01", complaint=second.id) as (app, pilot):
        await press(pilot, "d")
        await pilot.press(*"20261127-0001")
        assert app.screen.query_one("#field-duplicate_of", Input).value == "TS-20261127-0001"
        await press(pilot, "enter")
        row = stored(second.id)
        assert row.status == "closed" and row.duplicate_of_id == first.id


async def test_lead_reassigning_types_after_the_current_code_instead_of_over_it(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"])
    actions.assign(desk, staff["lead01"], view.id, "op01", version=1)
    async with logged_in("lead01", complaint=view.id) as (app, pilot):
        await press(pilot, "g")
        await pilot.press("backspace", "2")
        assert app.screen.query_one("#field-assignee", Input).value == "op02"
        await press(pilot, "f2")
        assert stored(view.id).assignee_id == staff["op02"].id


async def test_dialog_errors_show_in_chinese_on_a_chinese_desk(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    complaint_id = investigating(desk, staff)
    async with logged_in("op01", complaint=complaint_id, language="zh_CN") as (app, pilot):
        await press(pilot, "r", "f2")
        decision_error = str(app.screen.query_one("#error-decision", Static).render())
        assert "至少 2 个字符" in decision_error
        await press(pilot, "escape", "d", "backspace", *"12", "enter")
        number_error = str(app.screen.query_one("#error-duplicate_of", Static).render())
        assert number_error == "请输入投诉编号，例如 TS-20261127-0001"
        await press(pilot, "ctrl+u", *"TS-20990101-0001", "enter")
        text = screen_text(app)
        assert "没有其他投诉 TS-20990101-0001" in text
        assert "should" not in text and "no other complaint" not in text
        assert stored(complaint_id).status == "investigating"
