"""Pictures of the shell's screens at 80 × 24 and 120 × 36 in both languages: login, lock, dashboard,
help, quit question, palette."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from textual.pilot import Pilot

from aftersales.demo.marker import DEMO_KEY
from aftersales.store.db import connection
from aftersales.store.models import Meta

from .harness import press, type_phone
from .snapshot_variants import Variant, variants

Snap = Callable[..., bool]


@pytest.fixture
def demo_database(desk_db: str) -> Iterator[str]:
    """The desk database marked as a demo, so the login screen lists its accounts."""
    with connection():
        Meta.create(key=DEMO_KEY, value="test")
    yield desk_db
    with connection():  # PostgreSQL keeps the meta table between tests
        Meta.delete().where(Meta.key == DEMO_KEY).execute()


@variants()
def test_login(snap_desk: Snap, desk_db: str) -> None:
    assert snap_desk(None, user_code="op01")


@variants()
def test_login_of_a_demo_database_after_a_wrong_pin(snap_desk: Snap, demo_database: str) -> None:
    async def wrong_pin(pilot: Pilot[Any]) -> None:
        await press(pilot, *"9999", "enter")

    assert snap_desk(None, wrong_pin, user_code="op01")


@variants()
def test_locked_desk(snap_desk: Snap, desk_db: str) -> None:
    async def lock(pilot: Pilot[Any]) -> None:
        await press(pilot, "ctrl+l")

    assert snap_desk("op01", lock)


@variants()
def test_dashboard(snap_desk: Snap, desk_db: str) -> None:
    assert snap_desk("op01")


@variants()
def test_help_on_the_dashboard(snap_desk: Snap, desk_db: str) -> None:
    assert snap_desk("op01", press=["f1"])


@variants()
def test_quit_question_over_a_half_typed_complaint(snap_desk: Snap, desk_db: str) -> None:
    async def half_typed(pilot: Pilot[Any]) -> None:
        await press(pilot, "n")
        await type_phone(pilot, "13900001111")  # the question is asked over the caller's history
        await press(pilot, "ctrl+q")

    assert snap_desk("op01", half_typed)


@variants()
def test_command_palette(snap_desk: Snap, desk_db: str, variant: Variant) -> None:
    async def palette(pilot: Pilot[Any]) -> None:
        # One command asked for: with nothing typed, the two providers' lists arrive in either order.
        await press(pilot, "ctrl+p", *("log out" if variant.language == "en" else "退出登录"))

    assert snap_desk("op01", palette)


@variants()
def test_another_operator_is_asked_before_discarding(snap_desk: Snap, desk_db: str) -> None:
    async def take_over(pilot: Pilot[Any]) -> None:
        await press(pilot, "n")
        await type_phone(pilot, "13900001111")
        await press(pilot, "ctrl+l")
        await press(pilot, *"op02", "enter", *"1112", "enter")

    assert snap_desk("op01", take_over)
