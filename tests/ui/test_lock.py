"""Locking the desk: ctrl+l, the idle lock of the settings file, taking over, and logging out."""

from textual.widgets import Input, Label, Static

from aftersales.settings import DeskConfig
from aftersales.store.models import Staff
from aftersales.ui import lock
from aftersales.ui.app import DeskApp
from aftersales.ui.dialogs.confirm import ConfirmScreen
from aftersales.ui.screens.complaints.intake import IntakeScreen
from aftersales.ui.screens.dashboard.dashboard import DashboardScreen
from aftersales.ui.screens.shell.login import LoginScreen

from .harness import LoggedIn, make_app, press, settle
from .test_shell import run_command

SIZE = (120, 36)


async def _log_in(pilot, app: DeskApp, code: str, pin: str) -> None:  # type: ignore[no-untyped-def]
    code_field = app.screen.query_one("#login-code", Input)
    code_field.value = ""
    code_field.focus()
    await press(pilot, *code, "enter", *pin, "enter")


async def _half_typed_complaint(pilot, app: DeskApp) -> None:  # type: ignore[no-untyped-def]
    await press(pilot, "n")
    await press(pilot, *"13900001111", "tab", *"钱多多")


def _title(app: DeskApp) -> str:
    return str(app.screen.query_one("#login-title", Static).render())


async def test_ctrl_l_locks_and_the_same_pin_brings_back_the_unsaved_form(
    desk_db: str, logged_in: LoggedIn
) -> None:
    async with logged_in("op01") as (app, pilot):
        await _half_typed_complaint(pilot, app)
        await press(pilot, "ctrl+l")
        assert isinstance(app.screen, LoginScreen) and app.session.actor is None
        assert "op01" in _title(app)
        # The code field waits empty for anyone else; the locked operator tabs past it to their PIN.
        assert app.screen.query_one("#login-code", Input).value == ""
        assert app.focused is app.screen.query_one("#login-code", Input)
        await press(pilot, "tab")
        assert app.focused is app.screen.query_one("#login-pin", Input)
        assert "op01" in str(app.screen.query_one("#login-pin-label", Label).render())
        await press(pilot, *"1111", "enter")
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#phone", Input).value == "13900001111"
        assert app.screen.query_one("#customer_name", Input).value == "钱多多"
        assert app.session.actor is not None and app.session.actor.code == "op01"


async def test_another_operator_is_asked_before_the_unsaved_form_is_discarded(
    desk_db: str, logged_in: LoggedIn
) -> None:
    async with logged_in("op01") as (app, pilot):
        await _half_typed_complaint(pilot, app)
        await press(pilot, "ctrl+l")
        await _log_in(pilot, app, "op02", "1112")
        assert isinstance(app.screen, ConfirmScreen)
        assert "op01" in str(app.screen.query_one("#confirm-question", Static).render())
        await press(pilot, "n")  # keep it: the desk stays locked for op01
        assert isinstance(app.screen, LoginScreen) and app.session.actor is None
        assert "op01" in str(app.screen.query_one("#login-error", Static).render())
        await _log_in(pilot, app, "op01", "1111")
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#customer_name", Input).value == "钱多多"


async def test_a_colleague_takes_over_without_spending_the_locked_operators_tries(
    desk_db: str, logged_in: LoggedIn
) -> None:
    async with logged_in("op01") as (app, pilot):
        await _half_typed_complaint(pilot, app)
        await press(pilot, "ctrl+l")
        assert app.focused is app.screen.query_one("#login-code", Input)
        # op02 slips on their own PIN first: that try is op02's, never op01's.
        await press(pilot, *"op02", "enter", *"9999", "enter")
        assert "4 tries left" in str(app.screen.query_one("#login-error", Static).render())
        await press(pilot, *"1112", "enter")
        assert isinstance(app.screen, ConfirmScreen)  # op01's unsaved complaint: asked first
        await press(pilot, "y")
        assert isinstance(app.screen, DashboardScreen)
        assert app.session.actor is not None and app.session.actor.code == "op02"
        assert Staff.get(Staff.code == "op01").failed_logins == 0
        assert Staff.get(Staff.code == "op02").failed_logins == 0  # the right PIN cleared op02's slip


async def test_the_locked_operator_resumes_with_their_pin_after_a_slip(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01") as (app, pilot):
        await _half_typed_complaint(pilot, app)
        await press(pilot, "ctrl+l")
        await press(pilot, "enter", *"9999", "enter")  # an empty code stands for op01
        assert "4 tries left" in str(app.screen.query_one("#login-error", Static).render())
        assert Staff.get(Staff.code == "op01").failed_logins == 1
        assert app.focused is app.screen.query_one("#login-pin", Input)
        await press(pilot, *"1111", "enter")
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#customer_name", Input).value == "钱多多"
        assert Staff.get(Staff.code == "op01").failed_logins == 0


async def test_another_operator_who_agrees_starts_afresh_on_the_dashboard(
    desk_db: str, logged_in: LoggedIn
) -> None:
    async with logged_in("op01") as (app, pilot):
        await _half_typed_complaint(pilot, app)
        await press(pilot, "ctrl+l")
        await _log_in(pilot, app, "op02", "1112")
        await press(pilot, "y")
        assert isinstance(app.screen, DashboardScreen)
        assert app.session.actor is not None and app.session.actor.code == "op02"
        assert app.unsaved_screens() == []
        await press(pilot, "2")
        assert len(app.screen_stack) == 1  # the complaints section starts from its queue again


async def test_another_operator_without_unsaved_text_is_not_asked(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01") as (app, pilot):
        await press(pilot, "ctrl+l")
        await _log_in(pilot, app, "lead01", "2222")
        assert isinstance(app.screen, DashboardScreen)
        assert app.session.actor is not None and app.session.actor.code == "lead01"


async def test_an_idle_desk_locks_itself_after_the_settings_time(desk_db: str) -> None:
    app = make_app(desk_db, "op01")
    app.config = DeskConfig(lock_after_minutes=10)
    now = [1000.0]
    app.idle_clock = lambda: now[0]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")  # somebody is at the desk
        now[0] += 9 * 60
        lock.lock_when_idle(app)
        await settle(pilot)
        assert app.session.actor is not None
        now[0] += 61
        lock.lock_when_idle(app)
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen) and app.session.actor is None
        assert app.locks.section == "complaints"


async def test_the_idle_lock_can_be_switched_off(desk_db: str) -> None:
    app = make_app(desk_db, "op01")
    app.config = DeskConfig(lock_after_minutes=0)
    now = [1000.0]
    app.idle_clock = lambda: now[0]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        now[0] += 24 * 3600
        lock.lock_when_idle(app)
        await settle(pilot)
        assert app.session.actor is not None


def test_the_idle_time_defaults_to_ten_minutes() -> None:
    assert DeskConfig().lock_after_minutes == 10


async def test_log_out_in_the_palette_leaves_an_empty_login_screen(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01") as (app, pilot):
        await run_command(pilot, app, "log out")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen) and app.session.actor is None
        assert app.screen.query_one("#login-code", Input).value == ""
        await _log_in(pilot, app, "op02", "1112")
        assert isinstance(app.screen, DashboardScreen) and app.session.actor.code == "op02"  # type: ignore[union-attr]


async def test_log_out_asks_first_when_a_form_holds_unsaved_text(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01") as (app, pilot):
        await _half_typed_complaint(pilot, app)
        await run_command(pilot, app, "log out")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, IntakeScreen) and app.session.actor is not None
