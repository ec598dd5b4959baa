"""Numbered drop-downs: the closed field shows the option's number, and a digit picks that option in forms
and dialogs alike, with the list closed or open; an open list never covers its own field."""

from textual.widgets import Input, Select

from aftersales import i18n
from aftersales.domain.deliveries import Slot
from aftersales.domain.enums import Channel, ComplaintStatus, Remedy, Severity
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from aftersales.ui.formatting import slot_with_hours
from aftersales.ui.screens.complaints.detail_dialogs import ResolveDialog
from aftersales.ui.widgets.choice_select import ChoiceSelect, NumberedOverlay
from tests.factories import new_complaint

from .harness import LoggedIn, press, screen_text, settle
from .intake_harness import IntakeHarness, intake_app


def investigating(desk: Desk, staff: dict[str, StaffView]) -> int:
    view = new_complaint(desk, staff["op01"])
    actions.acknowledge(desk, staff["op01"], view.id, 1)
    actions.change_status(desk, staff["op01"], view.id, ComplaintStatus.INVESTIGATING, 2)
    return view.id


async def test_digits_pick_options_in_a_dialog_select_closed_and_open(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    complaint_id = investigating(desk, staff)
    async with logged_in("op01", complaint=complaint_id) as (app, pilot):
        await press(pilot, "r", *"agreed", "tab")
        dialog = app.screen
        assert isinstance(dialog, ResolveDialog)
        remedy = dialog.query_one("#field-remedy", ChoiceSelect)
        assert dialog.focused is remedy
        # Closed, the field shows the chosen option with its number.
        number = list(Remedy).index(remedy.value) + 1
        assert f"{number} {i18n.label(Remedy(remedy.value))}" in screen_text(app)

        await press(pilot, "3")  # closed: picks the third and moves on
        assert remedy.value == list(Remedy)[2].value
        assert dialog.focused is dialog.query_one("#field-compensation_fen", Input)
        assert f"3 {i18n.label(list(Remedy)[2])}" in screen_text(app)

        await pilot.press("shift+tab")
        await press(pilot, "enter")  # open the list
        assert remedy.expanded
        await press(pilot, "2")  # open: picks the second and closes, not a highlight that moves
        assert remedy.value == list(Remedy)[1].value
        assert not remedy.expanded
        assert dialog.focused is dialog.query_one("#field-compensation_fen", Input)


async def test_a_digit_typed_while_searching_an_open_list_goes_on_with_the_search(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    complaint_id = investigating(desk, staff)
    async with logged_in("op01", complaint=complaint_id) as (app, pilot):
        await press(pilot, "r", *"agreed", "tab")
        remedy = app.screen.query_one("#field-remedy", ChoiceSelect)
        before = remedy.value
        await press(pilot, "enter", "e", "2")  # a code such as "S012" is searched, not cut short at its digit
        assert remedy.expanded and remedy.value == before


async def test_digits_pick_options_in_the_intake_form_closed_and_open(
    db_target: str, desk: Desk, staff: dict[str, StaffView]
) -> None:
    app: IntakeHarness = intake_app(db_target, desk, staff)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        severity = screen.query_one("#severity", ChoiceSelect)
        severity.focus()
        await press(pilot, "3")
        assert severity.value == list(Severity)[2]
        assert screen.focused is not severity

        channel = screen.query_one("#channel", ChoiceSelect)
        channel.focus()
        await press(pilot, "enter")
        assert channel.expanded
        await press(pilot, "2")
        assert channel.value == list(Channel)[1]
        assert not channel.expanded and screen.focused is not channel
        assert f"2 {i18n.label(list(Channel)[1])}" in screen_text(app)


async def test_an_open_list_never_covers_its_own_field_at_80_by_24(
    db_target: str, desk: Desk, staff: dict[str, StaffView]
) -> None:
    app: IntakeHarness = intake_app(db_target, desk, staff)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for select in app.screen.query(ChoiceSelect).results(ChoiceSelect):
            if select.disabled:
                continue
            select.focus()
            await settle(pilot)
            await press(pilot, "enter")
            assert select.expanded
            field = select.region
            shown = select.query_one(NumberedOverlay).region
            assert shown.height > 0 and not shown.overlaps(field), (select.id, field, shown)
            assert 0 <= shown.y and shown.bottom <= app.screen.size.height, (select.id, shown)
            await press(pilot, "escape")


def test_slots_show_their_hours() -> None:
    i18n.set_language("zh_CN")
    try:
        assert slot_with_hours(Slot.MORNING) == "上午 09:00–12:00"
    finally:
        i18n.set_language("en")
    assert slot_with_hours(Slot.EVENING) == "Evening 18:00–21:00"


def test_a_select_offers_nothing_before_its_options_load() -> None:
    select = ChoiceSelect([], prompt="…")
    assert select.value is Select.NULL and select.choices == []
