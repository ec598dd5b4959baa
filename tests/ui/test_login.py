"""Logging in with real key presses: success, wrong PIN, lockout and the --user prefill."""

from textual.widgets import Input, Static

from aftersales.ui.app import DeskApp
from aftersales.ui.screens.dashboard.dashboard import DashboardScreen
from aftersales.ui.screens.shell.login import LoginScreen

from .harness import make_app, press

SIZE = (120, 36)


def error_line(app: DeskApp) -> str:
    return str(app.screen.query_one("#login-error", Static).render())


async def type_login(pilot, code: str, pin: str) -> None:  # type: ignore[no-untyped-def]
    await press(pilot, *code, "enter", *pin, "enter")


async def test_right_pin_opens_the_dashboard(desk_db: str) -> None:
    app = make_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LoginScreen)
        await type_login(pilot, "op01", "1111")
        assert isinstance(app.screen, DashboardScreen)
        assert app.session.actor is not None and app.session.actor.code == "op01"


async def test_wrong_pin_says_how_many_tries_are_left(desk_db: str) -> None:
    app = make_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await type_login(pilot, "op01", "9999")
        assert isinstance(app.screen, LoginScreen)
        assert "4 tries left" in error_line(app)
        assert app.screen.query_one("#login-pin", Input).value == ""
        assert app.screen.query_one("#login-code", Input).value == "op01"


async def test_five_wrong_pins_lock_the_account_even_for_the_right_pin(desk_db: str) -> None:
    app = make_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await type_login(pilot, "op01", "9999")
        for _ in range(4):
            await press(pilot, *"9999", "enter")
        assert "locked" in error_line(app).lower()
        await press(pilot, *"1111", "enter")
        assert isinstance(app.screen, LoginScreen)
        assert error_line(app).startswith("Account locked for")


async def test_user_option_fills_the_code_and_waits_in_the_pin_field(desk_db: str) -> None:
    app = make_app(desk_db, user_code="op01")
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one("#login-code", Input).value == "op01"
        assert app.focused is app.screen.query_one("#login-pin", Input)
        await press(pilot, *"1111", "enter")
        assert isinstance(app.screen, DashboardScreen)


async def test_login_screen_speaks_chinese(desk_db: str) -> None:
    app = make_app(desk_db, language="zh_CN")
    async with app.run_test(size=SIZE) as pilot:
        await type_login(pilot, "op01", "0000")
        assert error_line(app) == "工号或密码错误（还可尝试 4 次）"
