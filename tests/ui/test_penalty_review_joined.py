"""The ledger shows a violation that joined the open dismissal review, and names the review it joined."""

from datetime import date

from textual.widgets import DataTable

from aftersales.domain.schemas import StaffView
from aftersales.ui.screens.penalties.ledger import LedgerScreen
from tests.penalty_factories import desk_at, proposed_and_confirmed

from .harness import make_app, screen_text, settle

SIZE = (120, 36)


async def test_the_ledger_shows_the_fourth_violation_joined_the_review_of_the_third(
    db_target: str, staff: dict[str, StaffView]
) -> None:
    ids = [proposed_and_confirmed(desk_at(), staff, day=date(2026, month, 5)) for month in (2, 4, 6, 8)]
    app = make_app(db_target, "mgr01")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        people = app.screen.query_one("#people", DataTable)
        people.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LedgerScreen)
        await pilot.press("down", "down", "down")
        await settle(pilot)
        text = screen_text(app)
        assert f"#{ids[3]} " in text and "Joins the open dismissal review" in text
        assert f"the review of #{ids[2]}" in text
        assert text.count("Confirmed ⚑") == 2
