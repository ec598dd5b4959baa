"""Pictures of the detail's dialogs at 80 × 24 and 120 × 36, in both languages."""

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from tests.factories import new_complaint

from .harness import open_detail, press
from .snapshot_variants import variants

# Dialog key, what is typed into it, and the keys after that.
DIALOGS = {
    "assign": ("g", ""),
    "note": ("t", "客户来电询问进度"),
    "status": ("s", ""),
    "resolve": ("r", "同意上门维修"),
    "withdraw_question": ("w", "客户已与商铺和解"),
    "duplicate": ("d", "20261127-0001"),
}


@variants()
@pytest.mark.parametrize("dialog", list(DIALOGS))
def test_dialog(snap_desk: Callable[..., bool], desk: Desk, staff: dict[str, StaffView], dialog: str) -> None:
    op = staff["op01"]
    new_complaint(desk, op, phone="13900000001")
    view = new_complaint(desk, op)
    view = actions.acknowledge(desk, op, view.id, 1)
    actions.change_status(desk, op, view.id, ComplaintStatus.INVESTIGATING, view.version)
    key, typed = DIALOGS[dialog]

    async def open_dialog(pilot: Pilot[Any]) -> None:
        await open_detail(pilot, view.id)
        await press(pilot, key)
        if typed:
            await press(pilot, *typed)
        if dialog == "withdraw_question":
            await press(pilot, "enter")

    assert snap_desk("op01", open_dialog)
