"""The shell's global keys, language switch, palette, quit question, settings file and watcher."""

import asyncio
from pathlib import Path

import pytest
from textual.app import ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from aftersales.settings import DeskConfig, SettingsRefused, load_config
from aftersales.store.db import connection
from aftersales.ui.app import DeskApp
from aftersales.ui.navigation import SECTION_SCREENS
from aftersales.ui.screens.complaints.queue import QueueScreen
from aftersales.ui.screens.dashboard.dashboard import DashboardScreen
from aftersales.ui.screens.shell.confirm_quit import ConfirmQuitScreen
from aftersales.ui.screens.shell.help import HelpScreen, help_rows
from aftersales.ui.sections import SECTIONS
from aftersales.ui.widgets.section_bar import SectionBar

from ..factories import NOW
from ..other_desk import saves_elsewhere
from .harness import LoggedIn, make_app, press

SIZE = (120, 36)


class DraftScreen(Screen[None]):
    """A stand-in form holding typed text."""

    def __init__(self, unsaved: bool) -> None:
        super().__init__()
        self.unsaved = unsaved

    def compose(self) -> ComposeResult:
        yield Input(id="draft")

    def has_unsaved_text(self) -> bool:
        return self.unsaved


async def run_command(pilot: Pilot[None], app: DeskApp, text: str) -> None:
    """Type `text` into the command palette and take the best hit."""
    await press(pilot, "ctrl+p")
    await press(pilot, *text)  # the palette searches in workers of its own
    await press(pilot, "enter")


def bar_text(app: DeskApp) -> str:
    return app.screen.query_one(SectionBar).render_bar().plain


async def test_key_2_opens_the_complaints_section(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01", "2") as (app, pilot):
        assert app.current_mode == "complaints"
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("1")
        assert isinstance(app.screen, DashboardScreen)


async def test_every_section_key_opens_that_sections_own_screen(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("lead01") as (app, pilot):
        for key, section in enumerate(SECTIONS, 1):
            await press(pilot, str(key))
            assert app.current_mode == section
            assert type(app.screen).__name__ == SECTION_SCREENS[section][1], section


async def test_digits_typed_into_a_field_stay_in_the_field(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01") as (app, pilot):
        await app.push_screen(DraftScreen(unsaved=False))
        app.screen.query_one("#draft", Input).focus()
        await pilot.press("2", "n", "3", "slash")
        assert app.screen.query_one("#draft", Input).value == "2n3/"
        assert app.current_mode == "dashboard"


async def test_escape_goes_back_to_the_dashboard(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01") as (app, pilot):
        await pilot.press("6")
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_f2_switches_the_whole_desk_to_chinese_and_back(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01") as (app, pilot):
        assert "Dashboard" in bar_text(app)
        await press(pilot, "f2")
        assert "总览" in bar_text(app) and "客服专员" in bar_text(app)
        titles = [str(w.render()) for w in app.screen.query(".card-title")]
        assert titles[0] == "我的未结投诉"
        footer_texts = {a.binding.description for a in app.active_bindings.values() if a.binding.id == "desk.help"}
        assert footer_texts == {"帮助"}
        await press(pilot, "f2")
        assert "Dashboard" in bar_text(app)


async def test_help_lists_the_global_keys_and_follows_the_keymap(desk_db: str) -> None:
    app = make_app(desk_db, "op01")
    app.config = DeskConfig(keymap={"desk.help": "f9"})
    async with app.run_test(size=SIZE) as pilot:
        rows = {(row.key, row.description) for row in help_rows(app)}
        assert ("f9", "Help") in rows and ("n", "New complaint") in rows and ("2", "Complaints") in rows
        await pilot.press("f9")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_quit_asks_first_when_a_form_has_unsaved_text(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01") as (app, pilot):
        await app.push_screen(DraftScreen(unsaved=True))
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmQuitScreen)
        await pilot.press("n")
        assert isinstance(app.screen, DraftScreen)
        assert app.return_code is None
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert app.return_code == 0


async def test_quit_without_unsaved_text_leaves_at_once(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01") as (app, pilot):
        await app.push_screen(DraftScreen(unsaved=False))
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


async def test_palette_opens_a_complaint_typed_by_number(desk_db: str) -> None:
    app = make_app(desk_db, "op01")
    opened: list[int] = []
    app.open_complaint = opened.append  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, app, "ts-20261126-0001")
    with connection() as db:
        expected = db.execute_sql("SELECT id FROM complaint WHERE number = 'TS-20261126-0001'").fetchone()[0]
    assert opened == [expected]


async def test_another_desks_save_refreshes_the_dashboard(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01", watch_interval=0.2) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.view is not None and screen.view.total == 20
        await asyncio.to_thread(saves_elsewhere, str(desk_db), "intake")
        for _ in range(40):
            await asyncio.sleep(0.1)
            if screen.view is not None and screen.view.total == 21:
                break
        assert screen.view is not None and screen.view.total == 21


def test_a_broken_settings_file_is_named_and_ignored(tmp_path: Path) -> None:
    bad = tmp_path / "config.toml"
    bad.write_text('theme = "nord"\nkeymap = { "desk.help" = "" }\n', encoding="utf-8")
    config, problem = load_config(bad)
    assert config == DeskConfig()
    assert problem is not None and str(bad) in problem and "desk.help" in problem
    # A file that is not TOML at all may hold policy tables: it stops the desk instead (test_penalty_policy).
    bad.write_text("theme = [unclosed", encoding="utf-8")
    with pytest.raises(SettingsRefused, match="config.toml"):
        load_config(bad)
    good = tmp_path / "good.toml"
    good.write_text('theme = "nord"\nlanguage = "zh"\n[keymap]\n"desk.help" = "f9"\n', encoding="utf-8")
    assert load_config(good) == (DeskConfig(theme="nord", language="zh_CN", keymap={"desk.help": "f9"}), None)


async def test_a_broken_settings_file_is_reported_on_start(desk_db: str) -> None:
    app = make_app(desk_db, "op01")
    app.config_problem = "config.toml: theme: bad"
    async with app.run_test(size=SIZE):
        messages = [str(n.message) for n in app._notifications]
        assert any("Settings file ignored" in m and "config.toml" in m for m in messages)


def test_the_desk_fixes_now_from_the_session_clock(desk_db: str) -> None:
    app = make_app(desk_db, "op01")
    assert app.session.desk.clock() == NOW


async def test_palette_goes_to_a_section_and_switches_language(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01") as (app, pilot):
        await run_command(pilot, app, "go to reports")
        assert app.current_mode == "reports" and type(app.screen).__name__ == "ReportsScreen"
        await run_command(pilot, app, "switch language")
        assert "罚款" in bar_text(app)
