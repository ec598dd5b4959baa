"""Shell safeguards: form controls keep their keys, the background integrity scan reports damage,
and storage failures read in the desk's language."""

from pathlib import Path

import pytest
from textual.widgets import Checkbox, Select

from aftersales import i18n
from aftersales.domain.errors import StorageError
from aftersales.ui.integrity import IntegrityChecked
from aftersales.ui.screens.complaints.intake import IntakeScreen

from .conftest import make_app, settle

SIZE = (120, 36)


async def test_digits_and_n_on_a_form_select_do_not_leave_the_form(desk_db: Path) -> None:
    app = make_app(desk_db, actor_code="op01")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("n")
        await settle(app)
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


async def test_section_keys_still_work_outside_forms(desk_db: Path) -> None:
    app = make_app(desk_db, actor_code="op01")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("2")
        await settle(app)
        assert app.current_mode == "complaints"


async def test_background_integrity_scan_warns_about_a_damaged_file(desk_db: Path) -> None:
    app = make_app(desk_db, actor_code="op01")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        app.post_message(IntegrityChecked(["row 7 missing from index complaint_created"]))
        await pilot.pause()
        texts = [str(n.message) for n in app._notifications]
        assert any("integrity check" in text and "row 7 missing" in text for text in texts)


async def test_integrity_scan_runs_after_start_up_and_finds_a_sound_file_sound(
    desk_db: Path, monkeypatch: pytest.MonkeyPatch
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
    app = make_app(desk_db, actor_code="op01", watch_interval=5.0)
    async with app.run_test(size=SIZE) as pilot:
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


async def test_dispatcher_cannot_open_the_intake_form(desk_db: Path) -> None:
    app = make_app(desk_db, actor_code="dc01")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("n")
        await settle(app)
        assert not isinstance(app.screen, IntakeScreen)


async def test_section_key_on_a_detail_returns_to_the_queue(desk_db: Path) -> None:
    from aftersales.ui.screens.complaints.detail import DetailScreen
    from aftersales.ui.screens.complaints.queue import QueueScreen

    app = make_app(desk_db, actor_code="op01")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("2")
        await settle(app)
        await pilot.press("enter")
        await settle(app)
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("2")
        await settle(app)
        assert isinstance(app.screen, QueueScreen)


async def test_help_lists_quit_in_both_languages(desk_db: Path) -> None:
    from aftersales.ui.screens.shell.help import help_rows

    for language, word in (("en", "Quit"), ("zh", "退出")):
        app = make_app(desk_db, language=language, actor_code="op01")
        async with app.run_test(size=SIZE) as pilot:
            await settle(app)
            rows = help_rows(app)
            assert any(row.description == word for row in rows), [r.description for r in rows]
            await pilot.pause()


async def test_top_bar_keeps_the_clock_for_a_long_role_name(desk_db: Path) -> None:
    from aftersales.ui.widgets.section_bar import SectionBar

    app = make_app(desk_db, actor_code="dc01")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        bar = app.screen.query_one(SectionBar).render_bar().plain
        assert bar.rstrip().endswith("11-27 10:00"), bar
        await pilot.pause()


async def test_palette_speaks_chinese_including_textuals_own_commands(desk_db: Path) -> None:
    from textual.command import CommandInput, CommandPalette

    app = make_app(desk_db, language="zh", actor_code="op01")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles == ["主题", "按键", "截图", "退出"]
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "搜索命令…"
        await pilot.press("escape")
