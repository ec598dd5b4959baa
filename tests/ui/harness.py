"""The screen-test harness: the desk on a test database, one wait for a settled screen, its text, keys,
and a desk logged in on a section."""

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.worker import Worker, WorkerCancelled, WorkerError, WorkerFailed

from aftersales.domain.clock import fixed_clock
from aftersales.services.context import Desk
from aftersales.settings import DeskConfig
from aftersales.store.converters import staff_view
from aftersales.store.db import connection
from aftersales.store.models import Staff
from aftersales.ui.app import DeskApp
from aftersales.ui.screens.complaints.intake import PHONE_DEBOUNCE_S
from aftersales.ui.session import DeskSession
from tests.factories import NOW

SIZE = (120, 36)
# The database watcher runs until the app closes; a folder tree's loader until the tree goes.
ENDLESS_GROUPS = frozenset({"watch", "_loader"})
MOST_ROUNDS = 200  # worker generations one wait sits through before it calls the desk restless
LoggedIn = Callable[..., AbstractAsyncContextManager[tuple[DeskApp, Pilot[None]]]]  # the `logged_in` fixture


def make_app(
    target: str | Path,
    actor_code: str | None = None,
    language: str = "en",
    *,
    user_code: str | None = None,
    watch_interval: float | None = None,
) -> DeskApp:
    """The desk on `target` (a SQLite file or a postgresql:// URL) at the fixed test time: logged in as
    `actor_code` when given, else at the login screen (its code filled with `user_code`)."""
    actor = None
    if actor_code is not None:
        with connection():
            actor = staff_view(Staff.get(Staff.code == actor_code))
    session = DeskSession(db_target=str(target), desk=Desk(clock=fixed_clock(NOW)))
    return DeskApp(session, language=language, user_code=user_code, actor=actor, config=DeskConfig(),
                   watch_interval=watch_interval, cursor_blink=False)


def _busy(app: App[Any]) -> list[Worker[Any]]:
    return [worker for worker in app.workers if worker.group not in ENDLESS_GROUPS and not worker.is_finished]


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the desk is still: every worker done (the endless watcher aside), what they posted handled
    and drawn, and no new worker started by it.

    An exclusive worker cancelled by a newer one of its group ends the wait for that round only; the
    next round waits for the newer one. A worker that failed shows its failure on the screen, which
    is what the test reads.
    """
    app = pilot.app
    for _ in range(MOST_ROUNDS):
        await pilot.pause()  # messages posted so far are handled; a handler may start more workers
        busy = _busy(app)
        if not busy:
            return
        try:
            await app.workers.wait_for_complete(busy)
        except (WorkerCancelled, WorkerFailed, WorkerError):
            pass
    raise AssertionError(f"the desk kept starting workers: {[worker.name for worker in _busy(app)]}")


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press `keys` as a user would, then wait for the desk to settle."""
    await pilot.press(*keys)
    await settle(pilot)


async def type_phone(pilot: Pilot[Any], phone: str) -> None:
    """Type `phone` into the intake's focused phone field and wait for its look-up: the caller's history is
    asked for once typing pauses, so the screen a test reads next shows it."""
    await press(pilot, *phone)
    await pilot.pause(PHONE_DEBOUNCE_S + 0.1)
    await settle(pilot)


def screen_text(app: App[Any]) -> str:
    """What the terminal shows now, as plain lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def open_detail(pilot: Pilot[Any], complaint_id: int) -> None:
    """The complaints section with one complaint's detail on top."""
    await settle(pilot)
    await press(pilot, "2")
    app = pilot.app
    assert isinstance(app, DeskApp)
    app.open_complaint(complaint_id)
    await settle(pilot)


@asynccontextmanager
async def desk_running(
    target: str | Path,
    actor_code: str,
    section: str | None = None,
    *,
    complaint: int | None = None,
    language: str = "en",
    size: tuple[int, int] = SIZE,
    watch_interval: float | None = None,
    notifications: bool = False,
) -> AsyncIterator[tuple[DeskApp, Pilot[None]]]:
    """The desk on `target`, `actor_code` logged in, settled on the section of key `section` (or on
    complaint `complaint`'s detail, or where the actor starts); `notifications` draws the toasts."""
    app = make_app(target, actor_code, language, watch_interval=watch_interval)
    async with app.run_test(size=size, notifications=notifications) as pilot:
        await settle(pilot)
        if section is not None:
            await press(pilot, section)
        if complaint is not None:
            await open_detail(pilot, complaint)
        yield app, pilot
