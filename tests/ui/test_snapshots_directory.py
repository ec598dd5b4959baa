"""Pictures of the staff and shop directories at 80 × 24 in Chinese and 120 × 36 in English, a shop
dialog, and a read-only desk."""

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from aftersales.services.context import Desk
from aftersales.services.shops.directory import set_shop_active
from aftersales.services.staff.auth import login
from aftersales.services.staff.directory import set_staff_active
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Staff

from ..factories import NOW
from .harness import press
from .snapshot_variants import variants

Snap = Callable[..., bool]


@pytest.fixture
def with_inactive(desk_db: str) -> None:
    """One deactivated shop, one deactivated and one locked staff member, so every state shows."""
    admin = login(Desk(clock=lambda: NOW), "admin", "0000")
    set_shop_active(Desk(clock=lambda: NOW), admin, "S003", False, None)
    set_staff_active(Desk(clock=lambda: NOW), admin, "op02", False, None)
    Staff.update(locked_until=NOW + timedelta(minutes=15)).where(Staff.code == "dc01").execute()


def _open(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def steps(pilot: Pilot[Any]) -> None:
        for key in keys:
            await press(pilot, key)

    return steps


@variants({"120x36-en": "test_staff_directory_english", "80x24-zh": "test_staff_directory_chinese_80x24"})
def test_staff_directory(snap_desk: Snap, with_inactive: None) -> None:
    assert snap_desk("admin", _open("8"))


@variants({"80x24-zh": "test_staff_add_dialog_chinese_80x24"})
def test_staff_add_dialog(snap_desk: Snap, desk_db: str) -> None:
    assert snap_desk("admin", _open("8", "a"))


@variants({"120x36-en": "test_shop_directory_english", "80x24-zh": "test_shop_directory_chinese_80x24"})
def test_shop_directory(snap_desk: Snap, with_inactive: None) -> None:
    assert snap_desk("lead01", _open("6"))


@variants({"80x24-zh": "test_shop_edit_dialog_chinese_80x24"})
def test_shop_edit_dialog(snap_desk: Snap, desk_db: str) -> None:
    assert snap_desk("lead01", _open("6", "e"))


@pytest.fixture
def read_only_file(desk_db: str, db_path: Path) -> Iterator[None]:
    close_database()
    db_path.chmod(0o444)
    open_database(db_path)
    yield
    close_database()
    db_path.chmod(0o644)


@variants({"80x24-zh": "test_shop_directory_read_only_80x24"})
def test_shop_directory_read_only(snap_desk: Snap, read_only_file: None) -> None:
    """A read-only SQLite file: SQLite alone has one."""
    assert snap_desk("op01", _open("6"))
