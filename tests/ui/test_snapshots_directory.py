"""Pictures of the staff and shop directories at 80 × 24 in Chinese and 120 × 36 in English, a shop
dialog, and a read-only desk."""

from pathlib import Path
from typing import Any

from aftersales.services.context import Desk
from aftersales.services.shops.directory import set_shop_active
from aftersales.services.staff.directory import set_staff_active
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Staff

from ..factories import NOW
from .conftest import make_app
from .directory_harness import go

WIDE = (120, 36)
NARROW = (80, 24)


def _with_inactive(desk_db: Path) -> None:
    """One deactivated shop, one deactivated and one locked staff member, so every state shows."""
    from aftersales.services.staff.auth import login

    admin = login(Desk(clock=lambda: NOW), "admin", "0000")
    set_shop_active(Desk(clock=lambda: NOW), admin, "S003", False, None)
    set_staff_active(Desk(clock=lambda: NOW), admin, "op02", False, None)
    from datetime import timedelta

    Staff.update(locked_until=NOW + timedelta(minutes=15)).where(Staff.code == "dc01").execute()


def _open(key: str, *then: str) -> Any:
    async def run_before(pilot: Any) -> None:
        await go(pilot, key)
        if then:
            await pilot.press(*then)
            await pilot.pause()

    return run_before


def test_staff_directory_english(desk_db: Path, snap_compare: Any) -> None:
    _with_inactive(desk_db)
    assert snap_compare(make_app(desk_db, actor_code="admin"), terminal_size=WIDE, run_before=_open("8"))


def test_staff_directory_chinese_80x24(desk_db: Path, snap_compare: Any) -> None:
    _with_inactive(desk_db)
    app = make_app(desk_db, language="zh_CN", actor_code="admin")
    assert snap_compare(app, terminal_size=NARROW, run_before=_open("8"))


def test_staff_add_dialog_chinese_80x24(desk_db: Path, snap_compare: Any) -> None:
    app = make_app(desk_db, language="zh_CN", actor_code="admin")
    assert snap_compare(app, terminal_size=NARROW, run_before=_open("8", "a"))


def test_shop_directory_english(desk_db: Path, snap_compare: Any) -> None:
    _with_inactive(desk_db)
    assert snap_compare(make_app(desk_db, actor_code="lead01"), terminal_size=WIDE, run_before=_open("6"))


def test_shop_directory_chinese_80x24(desk_db: Path, snap_compare: Any) -> None:
    _with_inactive(desk_db)
    app = make_app(desk_db, language="zh_CN", actor_code="lead01")
    assert snap_compare(app, terminal_size=NARROW, run_before=_open("6"))


def test_shop_edit_dialog_chinese_80x24(desk_db: Path, snap_compare: Any) -> None:
    app = make_app(desk_db, language="zh_CN", actor_code="lead01")
    assert snap_compare(app, terminal_size=NARROW, run_before=_open("6", "e"))


def test_shop_directory_read_only_80x24(desk_db: Path, snap_compare: Any) -> None:
    close_database()
    desk_db.chmod(0o444)
    try:
        open_database(desk_db)
        app = make_app(desk_db, language="zh_CN", actor_code="op01")
        assert snap_compare(app, terminal_size=NARROW, run_before=_open("6"))
    finally:
        close_database()
        desk_db.chmod(0o644)
