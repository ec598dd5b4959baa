"""Two desks on one database, SQLite or PostgreSQL: a save at one shows at the other within 5 s,
and a desk's own save refreshes its screens once, not a second time when the watcher sees it."""

import asyncio
import os
import time

import pytest
from textual.pilot import Pilot

from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.ui.app import DeskApp
from aftersales.ui.screens.complaints.detail import DetailScreen
from tests.factories import new_complaint
from tests.other_desk import saves_elsewhere

from .harness import LoggedIn, press, screen_text, settle

WITHIN = 5.0
DESK_INTERVAL = 2.0  # how often a desk looks for other desks' saves (DeskApp's default)


async def _open_detail(app: DeskApp, pilot: Pilot[None], complaint_id: int) -> DetailScreen:
    app.open_complaint(complaint_id)
    screen = app.screen
    assert isinstance(screen, DetailScreen)
    await settle(pilot)
    assert screen.complaint is not None, screen_text(app)
    return screen


async def test_an_acknowledgement_at_another_desk_shows_here_within_five_seconds(
    db_target: str, logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView], engine: str
) -> None:
    made = new_complaint(desk, staff["op01"])
    async with logged_in("op01", watch_interval=DESK_INTERVAL) as (app, pilot):
        screen = await _open_detail(app, pilot, made.id)
        assert "Acknowledged" not in screen_text(app)
        await asyncio.to_thread(saves_elsewhere, db_target, "acknowledge", made.id, made.version)
        committed = time.monotonic()
        while time.monotonic() - committed < WITHIN and "Acknowledged" not in screen_text(app):
            await asyncio.sleep(0.1)
        assert "Acknowledged" in screen_text(app)
        if os.environ.get("AFTERSALES_TEST_FIGURES"):
            with open(os.environ["AFTERSALES_TEST_FIGURES"], "a", encoding="utf-8") as out:
                out.write(f"{engine}: another desk's save shown after {time.monotonic() - committed:.1f} s\n")
        assert screen.complaint is not None and screen.complaint.assignee is not None
        assert screen.complaint.assignee.code == "op02"


async def test_this_desks_own_save_refreshes_its_screens_once(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView], monkeypatch: pytest.MonkeyPatch
) -> None:
    refreshes: list[str] = []
    announce = DeskApp.data_changed

    def counted(self: DeskApp) -> None:
        refreshes.append(type(self.screen).__name__)
        announce(self)

    monkeypatch.setattr(DeskApp, "data_changed", counted)
    made = new_complaint(desk, staff["op01"])
    async with logged_in("op01", watch_interval=0.2) as (app, pilot):
        screen = await _open_detail(app, pilot, made.id)
        await press(pilot, "a")
        assert screen.complaint is not None and screen.complaint.assignee is not None
        await asyncio.sleep(1.0)  # five looks of the watcher
        assert refreshes == ["DetailScreen"]
