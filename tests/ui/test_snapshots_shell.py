"""Pictures of the shell's screens at 80 × 24 and 120 × 36 in both languages: login, lock, dashboard,
help, quit question, palette."""

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from aftersales.store.db import close_database

from .conftest import make_app
from .snapshot_variants import every_size_and_language, press, steady


@every_size_and_language
def test_login(desk_db: Path, snap_compare: Any, size: tuple[int, int], language: str) -> None:
    assert snap_compare(make_app(desk_db, language, user_code="op01"), terminal_size=size, run_before=steady)


@every_size_and_language
def test_login_of_a_demo_database_after_a_wrong_pin(
    desk_db: Path, snap_compare: Any, size: tuple[int, int], language: str
) -> None:
    close_database()
    raw = sqlite3.connect(desk_db)
    raw.execute("INSERT INTO meta (key, value) VALUES ('demo', 'test')")
    raw.commit()
    raw.close()
    from aftersales.store.db import open_database

    open_database(desk_db)

    async def wrong_pin(pilot: Pilot[Any]) -> None:
        await steady(pilot)
        await press(pilot, *"9999", "enter")

    assert snap_compare(make_app(desk_db, language, user_code="op01"), terminal_size=size, run_before=wrong_pin)


@every_size_and_language
def test_locked_desk(desk_db: Path, snap_compare: Any, size: tuple[int, int], language: str) -> None:
    async def lock(pilot: Pilot[Any]) -> None:
        await steady(pilot)
        await press(pilot, "ctrl+l")

    assert snap_compare(make_app(desk_db, language, actor_code="op01"), terminal_size=size, run_before=lock)


@every_size_and_language
def test_dashboard(desk_db: Path, snap_compare: Any, size: tuple[int, int], language: str) -> None:
    assert snap_compare(make_app(desk_db, language, actor_code="op01"), terminal_size=size, run_before=steady)


@every_size_and_language
def test_help_on_the_dashboard(desk_db: Path, snap_compare: Any, size: tuple[int, int], language: str) -> None:
    app = make_app(desk_db, language, actor_code="op01")
    assert snap_compare(app, press=["f1"], terminal_size=size, run_before=steady)


@every_size_and_language
def test_quit_question_over_a_half_typed_complaint(
    desk_db: Path, snap_compare: Any, size: tuple[int, int], language: str
) -> None:
    async def half_typed(pilot: Pilot[Any]) -> None:
        await steady(pilot)
        await press(pilot, "n")
        await press(pilot, *"13900001111", "ctrl+q")

    app = make_app(desk_db, language, actor_code="op01")
    assert snap_compare(app, terminal_size=size, run_before=half_typed)


@every_size_and_language
def test_command_palette(desk_db: Path, snap_compare: Any, size: tuple[int, int], language: str) -> None:
    async def palette(pilot: Pilot[Any]) -> None:
        await steady(pilot)
        # One command asked for: with nothing typed, the two providers' lists arrive in either order.
        await press(pilot, "ctrl+p", *("log out" if language == "en" else "退出登录"))
        await asyncio.sleep(0.3)
        await steady(pilot)

    app = make_app(desk_db, language, actor_code="op01")
    assert snap_compare(app, terminal_size=size, run_before=palette)


@every_size_and_language
def test_another_operator_is_asked_before_discarding(
    desk_db: Path, snap_compare: Any, size: tuple[int, int], language: str
) -> None:
    async def take_over(pilot: Pilot[Any]) -> None:
        await steady(pilot)
        await press(pilot, "n")
        await press(pilot, *"13900001111", "ctrl+l")
        await press(pilot, "shift+tab", "ctrl+u", *"op02", "enter", *"1112", "enter")
        await steady(pilot)

    app = make_app(desk_db, language, actor_code="op01")
    assert snap_compare(app, terminal_size=size, run_before=take_over)
