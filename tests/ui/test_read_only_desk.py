"""The desk on a read-only file: it says so on every screen, lets people log in and look, and
refuses every change before a form opens."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aftersales.store.db import close_database, open_database
from aftersales.store.models import Event
from aftersales.ui.dialogs.form_dialog import FormDialog
from aftersales.ui.screens.complaints.detail import DetailScreen
from aftersales.ui.screens.complaints.intake import IntakeScreen
from aftersales.ui.screens.dashboard.dashboard import DashboardScreen

from ..cli_helpers import digest
from .harness import LoggedIn, make_app, press, screen_text

SIZE = (120, 36)
BANNER = "Read-only: changes are disabled"


@pytest.fixture
def read_only_db(desk_db: str, db_path: Path) -> Iterator[Path]:
    """The desk database as a read-only file (a SQLite file: PostgreSQL has no such thing)."""
    close_database()
    db_path.chmod(0o444)
    open_database(db_path)
    yield db_path
    close_database()
    db_path.chmod(0o644)


async def test_login_works_and_writes_nothing_and_the_banner_shows(read_only_db: Path) -> None:
    before, events = digest(read_only_db), Event.select().count()
    app = make_app(read_only_db, user_code="op01")
    async with app.run_test(size=SIZE) as pilot:
        assert BANNER in screen_text(app)
        await press(pilot, *"1111", "enter")
        assert isinstance(app.screen, DashboardScreen)
        lines = screen_text(app).splitlines()
        assert lines[1].startswith(f" {BANNER}")
    assert Event.select().count() == events and digest(read_only_db) == before


async def test_new_complaint_is_refused_before_the_form_opens(
    read_only_db: Path, logged_in: LoggedIn
) -> None:
    notices: list[Any] = []
    async with logged_in("op01", notifications=True) as (app, pilot):
        await press(pilot, "n")
        notices = [n.message for n in app._notifications]
        assert not isinstance(app.screen, IntakeScreen)
    assert any(BANNER in message for message in notices)


async def test_detail_keys_open_no_dialog(read_only_db: Path, logged_in: LoggedIn) -> None:
    async with logged_in("op01", complaint=1, notifications=True) as (app, pilot):
        assert isinstance(app.screen, DetailScreen)
        for key in ("t", "a", "g"):
            await press(pilot, key)
            assert isinstance(app.screen, DetailScreen)
        assert BANNER in screen_text(app)


async def test_a_form_opened_anyway_has_nothing_to_fill(read_only_db: Path, logged_in: LoggedIn) -> None:
    async with logged_in("op01") as (app, pilot):
        await app.push_screen(FormDialog())
        await pilot.pause()
        assert BANNER in screen_text(app)
        assert not app.screen.query("#dialog-save")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
