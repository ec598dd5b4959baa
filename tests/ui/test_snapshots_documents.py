"""Pictures of the sales documents view: stock by holder and the latest moves, 120 × 36 English, 80 × 24 Chinese."""

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from aftersales.domain.documents.enums import DocumentMove
from aftersales.services.context import Desk
from aftersales.services.documents.moves import move_documents
from aftersales.services.staff.auth import login

from ..factories import NOW
from .harness import press
from .snapshot_variants import variants

Snap = Callable[..., bool]

# The documents screen's two tables have drawn before their columns were sized on a loaded machine (seen on
# CI, and here with the cores kept busy): its pictures are taken with no other test beside them.
pytestmark = pytest.mark.alone


@pytest.fixture
def documents(desk_db: str) -> None:
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


def _open(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def steps(pilot: Pilot[Any]) -> None:
        for key in ("6", *keys):
            await press(pilot, key)

    return steps


@variants({"120x36-en": "test_documents_view_english", "80x24-zh": "test_documents_view_chinese_80x24"})
def test_documents_view(snap_desk: Snap, documents: None) -> None:
    assert snap_desk("lead01", _open("d"))


@variants({"80x24-en": "test_documents_move_dialog_80x24"})
def test_documents_move_dialog(snap_desk: Snap, documents: None) -> None:
    assert snap_desk("lead01", _open("d", "m"))
