"""Pictures of the intake form at 80 × 24 and 120 × 36 in both languages: refused with errors, a returning
caller with the duplicate warning, and the question before discarding it."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from tests.factories import NOW, new_complaint

from .harness import press, type_phone
from .snapshot_variants import variants

Snap = Callable[..., bool]


@variants()
def test_intake_with_errors(snap_desk: Snap, staff: dict[str, StaffView]) -> None:
    async def wrong_form(pilot: Pilot[Any]) -> None:
        await press(pilot, "n")
        await press(pilot, *"12345", "tab", "tab", *"没有这家店")
        pilot.app.screen.query_one("#major_incident").focus()
        await press(pilot, "space")
        pilot.app.screen.query_one("#description", TextArea).focus()
        await press(pilot, *"坏了", "f10")

    assert snap_desk("op01", wrong_form)


@variants()
def test_intake_returning_customer_with_duplicate_warning(snap_desk: Snap, desk: Desk,
                                                          staff: dict[str, StaffView]) -> None:
    new_complaint(desk, staff["op02"], received_at=NOW - timedelta(days=40), shop_code="S003")
    new_complaint(desk, staff["op02"], received_at=NOW - timedelta(days=2))

    async def returning_caller(pilot: Pilot[Any]) -> None:
        await press(pilot, "n")
        await press(pilot, *"13812345678", "tab")
        await press(pilot, "tab", *"欧派", "enter")

    assert snap_desk("op01", returning_caller)


@variants()
def test_discard_question(snap_desk: Snap, staff: dict[str, StaffView]) -> None:
    async def discard(pilot: Pilot[Any]) -> None:
        await press(pilot, "n")
        await type_phone(pilot, "13900001111")  # the question is asked over the caller's history
        await press(pilot, "escape")

    assert snap_desk("op01", discard)
