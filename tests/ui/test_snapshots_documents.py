"""Pictures of the sales documents view: stock by holder and the latest moves, 120 × 36 English, 80 × 24 Chinese."""

from pathlib import Path
from typing import Any

from aftersales.domain.documents.enums import DocumentMove
from aftersales.services.context import Desk
from aftersales.services.documents.moves import move_documents
from aftersales.services.staff.auth import login

from ..factories import NOW
from .conftest import make_app
from .directory_harness import go
from .queue_harness import settle

WIDE = (120, 36)
NARROW = (80, 24)


def _documents(desk_db: Path) -> None:
    """Every kind received, some issued, one shop's numbers returned, used, voided and lost."""
    desk = Desk(clock=lambda: NOW)
    lead = login(desk, "lead01", "2222")
    for kind, first, last, shop, move in [
        ("contract", "HT20261100001", "HT20261102000", "", DocumentMove.RECEIVE),
        ("contract", "HT20261100001", "HT20261100500", "S001", DocumentMove.ISSUE),
        ("receipt", "XS0000001", "XS0005000", "", DocumentMove.RECEIVE),
        ("receipt", "XS0000001", "XS0001000", "S002", DocumentMove.ISSUE),
        ("receipt", "XS0000901", "XS0001000", "S002", DocumentMove.RETURN),
        ("receipt", "XS0000001", "XS0000300", "S002", DocumentMove.USE),
        ("receipt", "XS0000301", "XS0000305", "S002", DocumentMove.VOID),
        ("receipt", "XS0000306", "XS0000306", "S002", DocumentMove.LOSE),
        ("price_tag", "JQ00000001", "JQ01000000", "", DocumentMove.RECEIVE),
        ("price_tag", "JQ00000001", "JQ00020000", "S003", DocumentMove.ISSUE),
    ]:
        move_documents(desk, lead, {"kind": kind, "move": move, "first": first, "last": last, "shop_code": shop})


def _open(keys: tuple[str, ...]) -> Any:
    async def run_before(pilot: Any) -> None:
        await go(pilot, "6")
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def test_documents_view_english(desk_db: Path, snap_compare: Any) -> None:
    _documents(desk_db)
    assert snap_compare(make_app(desk_db, actor_code="lead01"), terminal_size=WIDE, run_before=_open(("d",)))


def test_documents_view_chinese_80x24(desk_db: Path, snap_compare: Any) -> None:
    _documents(desk_db)
    app = make_app(desk_db, language="zh_CN", actor_code="lead01")
    assert snap_compare(app, terminal_size=NARROW, run_before=_open(("d",)))


def test_documents_move_dialog_80x24(desk_db: Path, snap_compare: Any) -> None:
    _documents(desk_db)
    app = make_app(desk_db, actor_code="lead01")
    assert snap_compare(app, terminal_size=NARROW, run_before=_open(("d", "m")))
