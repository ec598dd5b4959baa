"""The staff directory (the admin's, key 8) and the shop directory (section 6), driven by keys."""

from aftersales.domain.enums import EventKind
from aftersales.services.context import Desk
from aftersales.services.shops.directory import edit_shop
from aftersales.services.staff import auth
from aftersales.store.models import Event, Shop, Staff
from aftersales.ui.screens.dashboard.dashboard import DashboardScreen
from aftersales.ui.screens.shell.help import HelpScreen, help_rows
from aftersales.ui.screens.shops.dialogs import ShopDialog
from aftersales.ui.screens.shops.directory import ShopDirectoryScreen
from aftersales.ui.screens.staff.directory import StaffDirectoryScreen

from ..factories import NOW
from .directory_harness import codes, rows, type_into
from .harness import LoggedIn, make_app, press, screen_text

SIZE = (120, 36)


async def test_the_admin_starts_on_the_staff_directory_and_key_8_is_in_the_help(desk_db: str) -> None:
    app = make_app(desk_db, user_code="admin")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, *"0000", "enter")
        assert isinstance(app.screen, StaffDirectoryScreen)
        assert codes(app) == ["admin", "dc01", "lead01", "mgr01", "op01", "op02"]
        assert ("8", "Staff") in [(row.key, row.description) for row in help_rows(app)]
        assert " 8 Staff" in screen_text(app).splitlines()[0]
        await press(pilot, "1")
        assert isinstance(app.screen, DashboardScreen)
        await press(pilot, "8")
        assert isinstance(app.screen, StaffDirectoryScreen)


async def test_an_operator_has_no_key_8_no_staff_command_and_no_staff_screen(
    desk_db: str, logged_in: LoggedIn
) -> None:
    async with logged_in("op01", "8") as (app, pilot):
        assert isinstance(app.screen, DashboardScreen)
        assert "8" not in [row.key for row in help_rows(app)]
        assert "8 Staff" not in screen_text(app)
        from aftersales.ui.palette import DeskCommands

        provider = DeskCommands(app.screen)
        assert not [text for text, *_ in provider._commands() if "Staff" in text]


async def test_the_admin_adds_a_staff_member_who_can_then_log_in(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("admin", "8") as (app, pilot):
        await pilot.press("a")
        await pilot.pause()
        await type_into(pilot, "op09")
        await pilot.press("tab")
        await type_into(pilot, "新人")
        await pilot.press("tab", "enter", "down", "enter")  # the role: the first one offered, Operator
        await pilot.press("tab")
        await type_into(pilot, "9090")
        await pilot.press("tab")
        await type_into(pilot, "9090")
        await press(pilot, "enter")
        assert isinstance(app.screen, StaffDirectoryScreen)
        assert ["op09", "新人", "Operator", "active"] in rows(app)
        assert codes(app)[app.screen.table.cursor_row] == "op09"  # the cursor is on the one just added
    assert auth.login(Desk(), "op09", "9090").code == "op09"
    assert Event.select().where(Event.kind == EventKind.STAFF_CREATED.value).count() == 1


async def test_pins_that_differ_keep_the_dialog_open_with_what_was_typed(
    desk_db: str, logged_in: LoggedIn
) -> None:
    async with logged_in("admin", "8") as (app, pilot):
        await pilot.press("down", "down", "down", "down", "p")  # op01
        await pilot.pause()
        await type_into(pilot, "1357")
        await pilot.press("tab")
        await type_into(pilot, "1358")
        await press(pilot, "enter")
        assert "The two PINs differ" in screen_text(app)
        await pilot.press("backspace")
        await type_into(pilot, "7")
        await press(pilot, "enter")
        assert isinstance(app.screen, StaffDirectoryScreen)
    assert auth.login(Desk(), "op01", "1357").code == "op01"


async def test_the_admin_deactivates_staff_who_then_show_as_inactive(
    desk_db: str, logged_in: LoggedIn
) -> None:
    async with logged_in("admin", "8") as (app, pilot):
        await pilot.press("down", "down", "down", "down", "down", "x")  # op02
        await pilot.pause()
        assert "Deactivate op02 李娜?" in screen_text(app)
        await press(pilot, "f2")
        assert rows(app)[-1] == ["op02", "李娜", "Operator", "inactive"]
    assert not Staff.get(Staff.code == "op02").active


async def test_a_lead_adds_and_edits_a_shop(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("lead01", "6") as (app, pilot):
        assert isinstance(app.screen, ShopDirectoryScreen)
        assert codes(app) == ["S001", "S002", "S003"]
        await pilot.press("a")
        await pilot.pause()
        for text in ("S101", "顾家家居", "A-201"):
            await type_into(pilot, text)
            await pilot.press("tab")
        await pilot.press("enter", "down", "enter", "tab")  # the category: the first, Furniture
        await type_into(pilot, "孙经理")
        await pilot.press("tab")
        await type_into(pilot, "4008201234")
        await press(pilot, "enter")
        assert ["S101", "顾家家居", "A-201", "Furniture", "孙经理", "400-820-1234", "active"] in rows(app)
        await pilot.press("e")  # the cursor is on S101
        await pilot.pause()
        assert isinstance(app.screen, ShopDialog)
        await pilot.press("tab")  # name → unit
        await pilot.press("backspace", "backspace", "backspace")
        await type_into(pilot, "305")
        await press(pilot, "f2")
    assert Shop.get(Shop.code == "S101").unit == "A-305"


async def test_an_operator_looks_up_shops_but_has_no_keys_to_change_them(
    desk_db: str, logged_in: LoggedIn
) -> None:
    async with logged_in("op01", "6") as (app, pilot):
        assert codes(app) == ["S001", "S002", "S003"]
        keys = [row.key for row in help_rows(app)]
        assert not {"a", "e", "x"} & set(keys)
        for key in ("a", "e", "x", "enter"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ShopDirectoryScreen)


async def test_a_save_over_another_desks_change_is_refused_and_the_text_kept(
    desk_db: str, logged_in: LoggedIn
) -> None:
    async with logged_in("lead01", "6") as (app, pilot):
        await pilot.press("e")  # S001
        await pilot.pause()
        admin = auth.login(Desk(clock=lambda: NOW), "admin", "0000")
        edit_shop(Desk(), admin, "S001", {"name": "欧派家居", "unit": "A-999", "category": "furniture"}, None)
        await pilot.press("tab", "end")
        await type_into(pilot, "X")
        await press(pilot, "f2")
        assert isinstance(app.screen, ShopDialog)
        assert "changed by someone else" in screen_text(app)
        assert app.screen.query_one("#field-unit").value == "A-101X"
        await press(pilot, "f2")  # now over what is stored: the operator has seen the message
        assert isinstance(app.screen, ShopDirectoryScreen)
    assert Shop.get(Shop.code == "S001").unit == "A-101X"


async def test_help_on_the_staff_screen_lists_its_keys(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("admin", "8") as (app, pilot):
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for expected in ("a  Add", "e  Edit", "x  Deactivate / reactivate", "p  New PIN"):
            assert expected in text
