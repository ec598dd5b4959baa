"""Shell safeguards: form controls keep their keys, the background integrity scan reports damage,
and storage failures read in the desk's language."""

import pytest
from textual.widgets import Checkbox, Select

from aftersales import i18n
from aftersales.domain.errors import StorageError
from aftersales.ui.integrity import IntegrityChecked
from aftersales.ui.screens.complaints.intake import IntakeScreen

from .harness import LoggedIn, press


async def test_digits_and_n_on_a_form_select_do_not_leave_the_form(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01") as (app, pilot):
        await press(pilot, "n")
        assert isinstance(app.screen, IntakeScreen)
        for widget_type in (Select, Checkbox):
            app.screen.query(widget_type).first().focus()
            await pilot.pause()
            await pilot.press("2", "n", "slash")
            await pilot.pause()
            assert isinstance(app.screen, IntakeScreen), widget_type
        app.screen.query_one("#phone").focus()
        await pilot.press("escape")
        await pilot.pause()


async def test_section_keys_still_work_outside_forms(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01", "2") as (app, pilot):
        assert app.current_mode == "complaints"


async def test_background_integrity_scan_warns_about_a_damaged_file(
    desk_db: str, logged_in: LoggedIn
) -> None:
    async with logged_in("op01") as (app, pilot):
        app.post_message(IntegrityChecked(["row 7 missing from index complaint_created"]))
        await pilot.pause()
        texts = [str(n.message) for n in app._notifications]
        assert any("integrity check" in text and "row 7 missing" in text for text in texts)


async def test_integrity_scan_runs_after_start_up_and_finds_a_sound_file_sound(
    desk_db: str, logged_in: LoggedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    import aftersales.ui.app as app_module
    import aftersales.ui.integrity as integrity_module

    monkeypatch.setattr(app_module, "INTEGRITY_DELAY", 0.05)
    found: list[list[str]] = []
    real_scan = integrity_module.integrity_problems

    def scan(limit: int = 20) -> list[str]:
        found.append(real_scan(limit))
        return found[-1]

    monkeypatch.setattr(integrity_module, "integrity_problems", scan)
    async with logged_in("op01", watch_interval=5.0) as (app, pilot):
        for _ in range(40):
            await pilot.pause(0.05)
            if found:
                break
        await pilot.pause(0.1)
        assert found == [[]]
        assert not any("integrity" in str(n.message) for n in app._notifications)


def test_storage_failure_reads_in_chinese() -> None:
    failure = StorageError(cause="disk full", cause_code="disk_full", what="saving")
    i18n.set_language("zh")
    assert i18n.error_text(failure) == "保存失败：磁盘已满。屏幕上的内容未丢失"
    i18n.set_language("en")
    assert i18n.error_text(failure) == "Disk full while saving; nothing was lost from the screen"


async def test_dispatcher_cannot_open_the_intake_form(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("dc01") as (app, pilot):
        await press(pilot, "n")
        assert not isinstance(app.screen, IntakeScreen)


async def test_section_key_on_a_detail_returns_to_the_queue(desk_db: str, logged_in: LoggedIn) -> None:
    from aftersales.ui.screens.complaints.detail import DetailScreen
    from aftersales.ui.screens.complaints.queue import QueueScreen

    async with logged_in("op01", "2") as (app, pilot):
        await press(pilot, "enter")
        assert isinstance(app.screen, DetailScreen)
        await press(pilot, "2")
        assert isinstance(app.screen, QueueScreen)


async def test_help_lists_quit_in_both_languages(desk_db: str, logged_in: LoggedIn) -> None:
    from aftersales.ui.screens.shell.help import help_rows

    for language, word in (("en", "Quit"), ("zh", "退出")):
        async with logged_in("op01", language=language) as (app, pilot):
            rows = help_rows(app)
            assert any(row.description == word for row in rows), [r.description for r in rows]
            await pilot.pause()


async def test_top_bar_keeps_the_clock_for_a_long_role_name(desk_db: str, logged_in: LoggedIn) -> None:
    from aftersales.ui.widgets.section_bar import SectionBar

    async with logged_in("dc01") as (app, pilot):
        bar = app.screen.query_one(SectionBar).render_bar().plain
        assert bar.rstrip().endswith("11-27 10:00"), bar
        await pilot.pause()


async def test_palette_speaks_chinese_including_textuals_own_commands(
    desk_db: str, logged_in: LoggedIn
) -> None:
    from textual.command import CommandInput, CommandPalette

    async with logged_in("op01", language="zh") as (app, pilot):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles == ["主题", "按键", "截图", "退出"]
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "搜索命令…"
        await pilot.press("escape")
