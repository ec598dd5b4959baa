"""The complaint detail: what it shows, its actions, conflicts between desks and hostile text."""

from textual.widgets import Input, TextArea
from textual.widgets._select import SelectOverlay

from aftersales import i18n
from aftersales.domain.enums import ComplaintStatus, EventKind
from aftersales.domain.schemas import EventView, StaffView
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from aftersales.store.models import Complaint, Customer, Event
from aftersales.ui.dialogs.form_dialog import parse_yuan
from aftersales.ui.screens.complaints.detail import DetailScreen
from aftersales.ui.screens.complaints.detail_dialogs import ActionDialog
from aftersales.ui.widgets.timeline import change_text, note_text
from tests.factories import NOW, new_complaint

from .harness import LoggedIn, press, screen_text, settle

HOSTILE = "退款 [/bold] now [@click=app.quit]x[/] \x1b[2J"
SHOWN = "退款 [/bold] now [@click=app.quit]x[/] [2J"


def stored(complaint_id: int) -> Complaint:
    return Complaint.get_by_id(complaint_id)


async def test_detail_shows_header_full_phone_and_timeline(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"], contract_no="HT-2026-001", product="布艺沙发")
    async with logged_in("op01", complaint=view.id) as (app, pilot):
        text = screen_text(app)
        for expected in ("TS-20261127-0001", "赵敏 13812345678", "欧派家居 (S001 A-101)", "布艺沙发",
                         "HT-2026-001", "Product quality", "Repair", "沙发腿断裂，要求上门维修", "Created"):
            assert expected in text


async def test_acknowledge_key_moves_the_complaint_and_records_it(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"])
    async with logged_in("op01", complaint=view.id) as (app, pilot):
        await press(pilot, "a")
        row = stored(view.id)
        assert row.status == "acknowledged" and row.assignee_id == staff["op01"].id
        text = screen_text(app)
        assert "New → Acknowledged" in text
        assert "op01 王芳" in text


async def test_stale_acknowledge_gets_the_conflict_message_and_keeps_the_other_save(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"])
    async with logged_in("op01", complaint=view.id) as (app, pilot):
        # Another desk (a second session on the same file) saves first.
        actions.assign(desk, staff["lead01"], view.id, "op02", version=1)
        await press(pilot, "a")
        assert "TS-20261127-0001 was changed by someone else" in screen_text(app)
        row = stored(view.id)
        assert row.status == "new" and row.assignee_id == staff["op02"].id and row.version == 2
        # The screen reloaded the newer version, so acknowledging again now works.
        assert "op02 李娜" in screen_text(app)
        await press(pilot, "a")
        assert stored(view.id).status == "acknowledged"


async def test_conflict_in_a_dialog_keeps_the_typed_reason(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"])
    async with logged_in("op01", complaint=view.id) as (app, pilot):
        await press(pilot, "w")
        await pilot.press(*"客户已自行修好")
        actions.acknowledge(desk, staff["op02"], view.id, version=1)
        await press(pilot, "f2")
        await press(pilot, "y")  # yes, withdraw it (the desk asks first)
        assert isinstance(app.screen, ActionDialog)
        assert app.screen.query_one("#field-reason", Input).value == "客户已自行修好"
        assert "changed by someone else" in screen_text(app)
        assert stored(view.id).status == "acknowledged"
        await press(pilot, "f2")
        await press(pilot, "y")
        assert isinstance(app.screen, DetailScreen)
        row = stored(view.id)
        assert row.status == "closed" and row.close_outcome == "withdrawn"


async def test_status_picker_offers_only_legal_next_states(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"])
    actions.acknowledge(desk, staff["op01"], view.id, 1)
    actions.change_status(desk, staff["op01"], view.id, ComplaintStatus.INVESTIGATING, 2)
    async with logged_in("op01", complaint=view.id) as (app, pilot):
        await press(pilot, "s")
        await pilot.press("enter")
        await pilot.pause()
        overlay = app.screen.query_one(SelectOverlay)
        offered = [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]
        # Waiting for delivery follows the complaint's orders, so one move is left: it comes chosen.
        assert offered == ["1 Awaiting customer"]  # numbered: its digit picks it
        await press(pilot, "enter", "f2")
        assert stored(view.id).status == "awaiting_customer"


async def test_resolve_stores_yuan_as_fen_and_refuses_a_bad_amount(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"])
    actions.acknowledge(desk, staff["op01"], view.id, 1)
    actions.change_status(desk, staff["op01"], view.id, ComplaintStatus.INVESTIGATING, 2)
    async with logged_in("op01", complaint=view.id) as (app, pilot):
        await press(pilot, "r")
        await pilot.press(*"同意上门维修")
        app.screen.query_one("#field-compensation_fen", Input).focus()
        await press(pilot, "ctrl+a", "ctrl+k", *"12.3.4", "f2")
        assert "Enter an amount in yuan" in screen_text(app)
        assert stored(view.id).status == "investigating"
        assert app.screen.query_one("#field-decision", TextArea).text == "同意上门维修"
        await press(pilot, "ctrl+a", "ctrl+k", *"120.50", "f2")
        row = stored(view.id)
        assert row.status == "resolved" and row.compensation_fen == 12050 and row.resolution == "同意上门维修"
        assert "¥120.50" in screen_text(app)


async def test_empty_decision_error_is_shown_at_the_field(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"])
    actions.acknowledge(desk, staff["op01"], view.id, 1)
    actions.change_status(desk, staff["op01"], view.id, ComplaintStatus.INVESTIGATING, 2)
    async with logged_in("op01", complaint=view.id) as (app, pilot):
        await press(pilot, "r", "f2")
        error = app.screen.query_one("#error-decision")
        assert error.display and "at least 2 characters" in screen_text(app)
        assert stored(view.id).status == "investigating"


def test_yuan_amounts_become_whole_fen() -> None:
    assert parse_yuan("120") == 12000
    assert parse_yuan(" ¥1,200.5 ") == 120050
    assert parse_yuan("１２．３４") == 1234
    assert parse_yuan("") == 0


async def test_customer_contact_note_is_told_apart_from_an_internal_note(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"])
    async with logged_in("op01", complaint=view.id) as (app, pilot):
        await press(pilot, "t", *"已致电客户", "tab", "space", "f2")
        await press(pilot, "t", *"内部跟进", "f2")
        kinds = [e.kind for e in Event.select().where(Event.complaint == view.id).order_by(Event.id)]
        assert kinds == ["created", "contact", "note"]
        text = screen_text(app)
        assert "☎ Customer contact" in text and "✎ Internal note" in text


async def test_operator_may_only_take_the_complaint_for_themself(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"])
    async with logged_in("op01", complaint=view.id) as (app, pilot):
        await press(pilot, "g")
        field = app.screen.query_one("#field-assignee", Input)
        assert field.value == "op01" and field.disabled
        await press(pilot, "f2")
        assert stored(view.id).assignee_id == staff["op01"].id


async def test_duplicate_of_an_unknown_number_shows_the_field_error(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"])
    async with logged_in("op01", complaint=view.id) as (app, pilot):
        await press(pilot, "d", *"TS-20990101-0001", "enter")
        assert "no other complaint TS-20990101-0001" in screen_text(app)
        assert stored(view.id).status == "new"


async def test_delivery_dispatcher_sees_no_complaint_actions(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"])
    async with logged_in("dc01", complaint=view.id) as (app, pilot):
        footer = screen_text(app).splitlines()[-1]
        assert "Acknowledge" not in footer and "Resolve" not in footer
        await press(pilot, "a")
        assert stored(view.id).status == "new"
        assert not Event.select().where(Event.kind == "denied").exists()


async def test_markup_and_escape_text_shows_literally_in_queue_and_detail(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    op = staff["op01"]
    typed = new_complaint(desk, op, description=HOSTILE, product="[b]床垫[/b]")
    # A row written behind the schema's back still carries the escape character.
    Complaint.update(description=HOSTILE).where(Complaint.id == typed.id).execute()
    assert "\x1b" in stored(typed.id).description
    Customer.update(name="[red]吴[/red]").execute()
    async with logged_in("op01", "2") as (app, pilot):
        assert "[re… " in screen_text(app)  # the queue cuts the name, keeping the phone
        await press(pilot, "enter")
        assert app.is_running and isinstance(app.screen, DetailScreen)
        text = screen_text(app)
        assert SHOWN in text and "[b]床垫[/b]" in text and "[red]吴[/red]" in text
        assert "\x1b" not in text
        await pilot.click("#detail-description", offset=(20, 0))
        await settle(pilot)
        assert app.is_running


def test_resolutions_read_as_remedy_amount_and_decision() -> None:
    def event(field: str, old: str, new: str, note: str) -> EventView:
        return EventView(id=1, complaint_id=1, actor_code="op01", at=NOW, kind=EventKind.RESOLVED, field=field,
                         old=old, new=new, note=note, customer_contact=False)

    i18n.set_language("en")
    current = event("remedy", "12050", "replace", "同意换货")
    assert note_text(current) == "Replace · ¥120.50 · 同意换货"
    assert change_text(current).plain == ""
    assert note_text(event("remedy", "0", "apology", "已致歉")) == "Apology / explanation · ¥0.00 · 已致歉"
    assert note_text(event("status", "investigating", "resolved", "free text")) == "free text"


async def test_detail_footer_fits_120_columns_in_both_languages_and_help_lists_the_rest(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"])
    shown = {
        "en": ["a Acknowledge", "g Assign", "t Note", "s Status", "r Resolve", "esc Back", "f1 Help"],
        "zh_CN": ["a 确认受理", "g 分派", "t 备注", "s 状态", "r 解决投诉", "esc 返回", "f1 帮助"],
    }
    for language, keys in shown.items():
        async with logged_in("op01", complaint=view.id, language=language) as (app, pilot):
            footer = screen_text(app).splitlines()[-1]
            for key in keys:
                assert key in footer, (language, key, footer)
            assert "^p" not in footer and "…" not in footer
            await press(pilot, "f1")
            # The help scrolls once a screen has many keys: read what it lists, not only what is in view.
            listed = [row.description for row in app.screen.rows]  # type: ignore[attr-defined]
            for other in ("detail.key.withdraw", "detail.key.duplicate", "shell.key.new", "shell.key.palette"):
                assert i18n.t(other) in listed
            assert i18n.t("detail.key.withdraw") in screen_text(app)
