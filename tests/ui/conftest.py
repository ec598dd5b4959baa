"""Screen-test fixtures: a desk database with demo staff, shops and complaints on each engine, the desk
logged in on it, and snapshots taken in every language and size, named alike on every engine.

Screen tests take `db_target` (or `desk_db`, or `staff`): they run on a SQLite file and on PostgreSQL.
Those that need a file (read-only files, file locks, start-up from a file) take `db_path` and run on
SQLite alone.
"""

from collections.abc import Awaitable, Callable, Iterable
from datetime import timedelta
from functools import partial
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from aftersales.domain.clock import fixed_clock
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints.actions import acknowledge, assign
from aftersales.services.context import Desk

from ..factories import NOW, SHOPS, new_complaint
from .harness import LoggedIn, desk_running, make_app, settle
from .snapshot_variants import PictureLocation, Variant, picture_name

UI_COMPLAINTS = 20
Steps = Callable[[Pilot[Any]], Awaitable[None]]


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
def desk_db(db_target: str, staff: dict[str, StaffView]) -> str:
    """A desk database: the demo accounts, three shops and 20 complaints over the last 14 days."""
    seed_complaints(staff)
    return db_target


@pytest.fixture
def logged_in(db_target: str) -> LoggedIn:
    """`async with logged_in("lead01", "6") as (app, pilot)`: the desk on the test's database with that
    actor logged in, settled on that section (see harness.desk_running for the rest)."""
    return partial(desk_running, db_target)


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion, request: pytest.FixtureRequest) -> SnapshotAssertion:
    """Syrupy's snapshot named by snapshot_variants.picture_name: one picture for both engines."""
    location = PictureLocation(request.node, picture=picture_name(request.node))
    return SnapshotAssertion(session=snapshot.session, extension_class=snapshot.extension_class,
                             test_location=location, update_snapshots=snapshot.update_snapshots)


@pytest.fixture
def variant() -> Variant:
    """Stands in for the parametrisation a snapshot test takes from `@variants(...)`."""
    pytest.fail("a snapshot test takes its language and size from @variants(...)")


async def _still(pilot: Pilot[Any]) -> None:
    """Settled, and no cursor that could blink between two frames."""
    await settle(pilot)
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, (Input, TextArea))
        widget.cursor_blink = False
    await pilot.pause()


@pytest.fixture
def snap_desk(snap_compare: Callable[..., bool], db_target: str, variant: Variant) -> Callable[..., bool]:
    """Compare the desk's picture in the variant's language and size, after `steps`, with its snapshot:
    `snap_desk("op01", steps)` logged in, `snap_desk(None, steps, user_code="op01")` at the login."""

    def take(actor_code: str | None, steps: Steps | None = None, *, user_code: str | None = None,
             press: Iterable[str] = ()) -> bool:
        async def run_before(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            if steps is not None:
                await steps(pilot)
            await _still(pilot)

        app = make_app(db_target, actor_code, variant.language, user_code=user_code)
        return snap_compare(app, press=press, terminal_size=variant.size, run_before=run_before)

    return take
