"""The complaint queue as an operator uses it: paging, search, filters, sort and opening a complaint."""

from datetime import timedelta

from textual.widgets import Input

from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints.actions import acknowledge, change_status
from aftersales.services.context import Desk
from aftersales.services.deliveries.orders import create_order
from aftersales.store.models import Complaint
from aftersales.ui.screens.complaints.detail import DetailScreen
from aftersales.ui.screens.complaints.queue import QueueScreen
from aftersales.ui.widgets.queue_table import QueueTable
from aftersales.ui.widgets.queue_window import WINDOW_CAP
from tests.delivery_helpers import order_data
from tests.factories import NOW, new_complaint
from tests.ui.queue_harness import seed_complaints

from .harness import LoggedIn, press, screen_text, settle


def numbers_shown(app: object) -> list[str]:
    table = app.screen.query_one(QueueTable)  # type: ignore[attr-defined]
    return [row.number for row in table.window.rows]


async def test_queue_lists_newest_first_with_masked_phone_and_count(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    seed_complaints(desk, staff["op01"], 5)
    async with logged_in("op01", "2") as (app, pilot):
        text = screen_text(app)
        assert numbers_shown(app) == [f"TS-20261127-000{i}" for i in (5, 4, 3, 2, 1)]
        assert "139****0004" in text
        assert "13900000004" not in text
        assert "5 complaints · sorted by newest first · no filters" in text


async def test_scrolling_down_loads_further_rows_and_end_shows_the_oldest(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    seed_complaints(desk, staff["op01"], 230)
    async with logged_in("op01", "2") as (app, pilot):
        table = app.screen.query_one(QueueTable)
        assert len(table.window.rows) == 50
        for _ in range(12):
            await press(pilot, "pagedown")
        assert len(table.window.rows) > 50
        assert len(table.window.rows) <= WINDOW_CAP
        assert table.window.more_before  # the top was dropped to keep memory bounded
        assert table.window.rows[table.cursor_row].number < "TS-20261127-0100"

        await press(pilot, "end")
        assert table.window.rows[table.cursor_row].number == "TS-20261127-0001"
        assert "TS-20261127-0001" in screen_text(app)

        await press(pilot, "up", "up", "pageup", "pageup")
        assert table.window.rows[table.cursor_row].number > "TS-20261127-0001"

        await press(pilot, "home")
        assert table.window.rows[table.cursor_row].number == "TS-20261127-0230"
        assert "TS-20261127-0230" in screen_text(app)


async def test_search_finds_a_chinese_phrase_typed_at_the_keyboard(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    op = staff["op01"]
    new_complaint(desk, op, description="餐桌桌面开裂，要求更换")
    new_complaint(desk, op, description="沙发腿断裂，要求上门维修")
    new_complaint(desk, op, description="The oak wardrobe door is scratched")
    async with logged_in("op01", "2") as (app, pilot):
        await press(pilot, "slash", *"沙发腿", "enter")
        assert numbers_shown(app) == ["TS-20261127-0002"]
        assert "1 complaint · sorted by newest first (fixed while searching) · search: 沙发腿" in screen_text(app)

        await press(pilot, "slash", "escape")
        assert len(numbers_shown(app)) == 3

        await press(pilot, "slash", *"wardrobe", "enter")
        assert numbers_shown(app) == ["TS-20261127-0003"]


async def test_letters_typed_in_search_do_not_trigger_queue_keys(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    seed_complaints(desk, staff["op01"], 3)
    async with logged_in("op01", "2") as (app, pilot):
        await press(pilot, "slash", *"sofmc")
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert screen.query_one(Input).value == "sofmc"
        assert screen.sort.value == "newest" and not screen.filt.mine and not screen.filt.overdue


async def test_phone_digits_search_and_full_number_jumps_to_the_complaint(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    seed_complaints(desk, staff["op01"], 12)
    async with logged_in("op01", "2") as (app, pilot):
        await press(pilot, "slash", *"00000007", "enter")
        assert numbers_shown(app) == ["TS-20261127-0008"]

        await press(pilot, "slash", "escape", "slash", *"ts-20261127-0004", "enter")
        wanted = Complaint.get(Complaint.number == "TS-20261127-0004").id
        assert isinstance(app.screen, DetailScreen) and app.screen.complaint_id == wanted
        assert "TS-20261127-0004" in screen_text(app)


async def test_enter_on_a_row_opens_that_complaint(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    seed_complaints(desk, staff["op01"], 4)
    async with logged_in("op01", "2") as (app, pilot):
        await press(pilot, "down", "enter")
        wanted = Complaint.get(Complaint.number == "TS-20261127-0003").id
        assert isinstance(app.screen, DetailScreen) and app.screen.complaint_id == wanted


async def test_toggles_and_filter_dialog_narrow_the_rows(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    op = staff["op01"]
    seed_complaints(desk, op, 9)
    new_complaint(desk, op, received_at=NOW - timedelta(days=10))
    mine = Complaint.get(Complaint.number == "TS-20261127-0002")
    acknowledge(desk, op, mine.id, 1)
    async with logged_in("op01", "2") as (app, pilot):
        await press(pilot, "m")
        assert numbers_shown(app) == ["TS-20261127-0002"]
        assert "mine" in screen_text(app)

        await press(pilot, "m", "o")
        assert numbers_shown(app) == ["TS-20261117-0001"]
        assert "overdue" in screen_text(app)

        await press(pilot, "c", "f")
        # Status is the first field; open it and choose the second entry after "Any": Acknowledged.
        await press(pilot, "enter", "down", "down", "enter", "f2")
        assert numbers_shown(app) == ["TS-20261127-0002"]
        assert "status: Acknowledged" in screen_text(app)

        await press(pilot, "c")
        assert len(numbers_shown(app)) == 10


async def test_sort_key_cycles_to_oldest_first(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    seed_complaints(desk, staff["op01"], 4)
    async with logged_in("op01", "2") as (app, pilot):
        await press(pilot, "s")
        assert numbers_shown(app)[0] == "TS-20261127-0001"
        assert "sorted by oldest first" in screen_text(app)


async def test_change_elsewhere_appears_and_cursor_stays_on_its_complaint(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    seed_complaints(desk, staff["op01"], 6)
    async with logged_in("op01", "2") as (app, pilot):
        await pilot.press("down", "down")
        table = app.screen.query_one(QueueTable)
        chosen = table.current_id()
        new_complaint(desk, staff["op02"], customer_name="新来电", phone="13700000000")
        app.data_changed()
        await settle(pilot)
        assert numbers_shown(app)[0] == "TS-20261127-0007"
        assert "137****0000" in screen_text(app)
        assert table.current_id() == chosen


async def test_markup_in_customer_name_is_shown_literally(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    new_complaint(desk, staff["op01"], customer_name="[@click=app.quit]x[/]", phone="13811112222")
    async with logged_in("op01", "2") as (app, pilot):
        await pilot.click(QueueTable, offset=(60, 1))
        await settle(pilot)
        assert app.is_running
        # The column is narrower than the name: it is cut (the phone stays), but never interpreted.
        assert "[@c… 138****2222" in screen_text(app)


async def test_language_switch_keeps_rows_and_cursor(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    seed_complaints(desk, staff["op01"], 5)
    async with logged_in("op01", "2") as (app, pilot):
        await press(pilot, "down", "down", "f2")
        text = screen_text(app)
        assert "编号" in text and "共 5 条投诉" in text and "TS-20261127-0005" in text
        assert app.screen.query_one(QueueTable).window.rows[app.screen.query_one(QueueTable).cursor_row].number \
            == "TS-20261127-0003"


async def test_sort_key_while_searching_says_the_order_is_fixed_and_keeps_the_chosen_sort(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    seed_complaints(desk, staff["op01"], 6)
    async with logged_in("op01", "2") as (app, pilot):
        await press(pilot, "s")
        assert numbers_shown(app)[0] == "TS-20261127-0001"
        await press(pilot, "slash", *"complaint", "enter")
        # Matches come newest first whatever the sort, and the status line says so.
        assert numbers_shown(app)[0] == "TS-20261127-0006"
        assert "6 complaints · sorted by newest first (fixed while searching) · search: complaint" in screen_text(app)
        await press(pilot, "s")
        assert any("Sorting is fixed while searching" in str(n.message) for n in app._notifications)
        assert numbers_shown(app)[0] == "TS-20261127-0006"
        screen = app.screen
        assert isinstance(screen, QueueScreen) and screen.sort.value == "oldest"
        await press(pilot, "slash", "escape")
        assert numbers_shown(app)[0] == "TS-20261127-0001"
        assert "sorted by oldest first · no filters" in screen_text(app)


async def test_sort_key_with_the_overdue_filter_says_the_order_is_fixed(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    new_complaint(desk, staff["op01"], received_at=NOW - timedelta(days=10))
    async with logged_in("op01", "2", language="zh_CN") as (app, pilot):
        await press(pilot, "o", "s")
        assert any("只看超时投诉时排序固定" in str(n.message) for n in app._notifications)
        assert "排序：截止时间（只看超时时固定）" in screen_text(app)
        screen = app.screen
        assert isinstance(screen, QueueScreen) and screen.sort.value == "newest"


async def test_status_column_shows_whole_labels_at_120_columns_in_both_languages(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    op = staff["op01"]
    seed_complaints(desk, op, 3)
    rows = {n: Complaint.get(Complaint.number == f"TS-20261127-000{n}").id for n in (1, 2, 3)}
    acknowledge(desk, op, rows[1], 1)
    acknowledge(desk, op, rows[2], 1)
    acknowledge(desk, op, rows[3], 1)
    change_status(desk, op, rows[2], ComplaintStatus.INVESTIGATING, 2)
    change_status(desk, op, rows[3], ComplaintStatus.INVESTIGATING, 2)
    create_order(desk, op, rows[3], order_data(), 3)  # an open delivery order: awaiting delivery
    expected = {"en": ["Acknowledged", "Investigating", "Awaiting delivery"], "zh_CN": ["已受理", "调查中", "等待配送"]}
    for language, labels in expected.items():
        async with logged_in("op01", "2", language=language) as (app, pilot):
            lines = screen_text(app).splitlines()
            for number, label in zip((1, 2, 3), labels, strict=True):
                line = next(line for line in lines if f"TS-20261127-000{number}" in line)
                assert f" {label} " in line, line
                # The phone's last digits and the time left still fit on the line.
                assert f"****000{number - 1}" in line and "…" not in line.split(label)[1]
