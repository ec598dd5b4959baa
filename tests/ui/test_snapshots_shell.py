"""Pictures of the shell's screens at a fixed size, clock and data."""

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from .conftest import make_app, settle

SIZE = (120, 36)


async def _settled(pilot: Pilot[Any]) -> None:
    await settle(pilot.app)  # type: ignore[arg-type]
    await pilot.pause()


def test_login_screen(desk_db: Path, snap_compare: Any) -> None:
    assert snap_compare(make_app(desk_db, user_code="op01"), terminal_size=SIZE, run_before=_settled)


async def _wrong_pin(pilot: Pilot[Any]) -> None:
    await pilot.press("9", "9", "9", "9", "enter")
    await _settled(pilot)


def test_login_wrong_pin(desk_db: Path, snap_compare: Any) -> None:
    assert snap_compare(make_app(desk_db, user_code="op01"), terminal_size=SIZE, run_before=_wrong_pin)


def test_dashboard_english(desk_db: Path, snap_compare: Any) -> None:
    assert snap_compare(make_app(desk_db, actor_code="op01"), terminal_size=SIZE, run_before=_settled)


def test_dashboard_chinese(desk_db: Path, snap_compare: Any) -> None:
    app = make_app(desk_db, language="zh_CN", actor_code="op01")
    assert snap_compare(app, terminal_size=SIZE, run_before=_settled)


def test_help_on_the_dashboard(desk_db: Path, snap_compare: Any) -> None:
    app = make_app(desk_db, actor_code="op01")
    assert snap_compare(app, press=["f1"], terminal_size=SIZE, run_before=_settled)


def test_section_not_yet_available(desk_db: Path, snap_compare: Any) -> None:
    app = make_app(desk_db, actor_code="op01")
    assert snap_compare(app, press=["4"], terminal_size=SIZE, run_before=_settled)
