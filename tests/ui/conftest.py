"""App-test fixtures: a desk database with demo staff, shops and complaints, and a fixed-clock app."""

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from textual.worker import WorkerCancelled

from aftersales.domain.clock import fixed_clock
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints.actions import acknowledge, assign
from aftersales.services.context import Desk
from aftersales.settings import DeskConfig
from aftersales.store.converters import staff_view
from aftersales.store.db import connection
from aftersales.store.models import Staff
from aftersales.ui.app import DeskApp
from aftersales.ui.session import DeskSession

from ..factories import NOW, SHOPS, new_complaint

UI_COMPLAINTS = 20


def seed_complaints(staff: dict[str, StaffView], count: int = UI_COMPLAINTS) -> None:
    """`count` complaints over the last 14 days; every fourth acknowledged, every third assigned to op01."""
    severities = ["normal", "high", "low", "critical"]
    for k in range(count):
        at = NOW - timedelta(days=k % 14, hours=k % 5)
        desk = Desk(clock=fixed_clock(at))
        complaint = new_complaint(
            desk,
            staff["op01"],
            phone=f"1381234{k:04d}",
            shop_code=SHOPS[k % len(SHOPS)][0],
            severity=severities[k % len(severities)],
        )
        mine = k % 3 == 0
        if k % 4 == 1:
            acknowledge(desk, staff["op01" if mine else "op02"], complaint.id, complaint.version)
        elif mine:
            assign(desk, staff["op01"], complaint.id, "op01", complaint.version)


@pytest.fixture
def desk_db(db_path: Path, staff: dict[str, StaffView]) -> Path:
    """A desk database: the demo accounts, three shops and 20 complaints over the last 14 days."""
    seed_complaints(staff)
    return db_path


def make_app(
    db_path: Path,
    language: str = "en",
    actor_code: str | None = None,
    user_code: str | None = None,
    *,
    watch_interval: float | None = None,
) -> DeskApp:
    """The desk on `db_path` at the fixed test time, logged in as `actor_code` when given."""
    actor = None
    if actor_code is not None:
        with connection():
            actor = staff_view(Staff.get(Staff.code == actor_code))
    session = DeskSession(db_target=str(db_path), desk=Desk(clock=fixed_clock(NOW)))
    return DeskApp(
        session,
        language=language,
        user_code=user_code,
        actor=actor,
        config=DeskConfig(),
        watch_interval=watch_interval,
        cursor_blink=False,
    )


async def settle(app: DeskApp, rounds: int = 2) -> None:
    """Wait until the app's workers are done and their results shown (the database watcher never ends)."""
    for _ in range(rounds):
        busy = [worker for worker in app.workers if worker.group != "watch"]
        if busy:  # an empty list would mean "every worker", the watcher included
            try:
                await app.workers.wait_for_complete(busy)
            except WorkerCancelled:
                pass  # an exclusive worker replaced by a newer one: the next round waits for that one
        await asyncio.sleep(0.05)
