"""Supervision visits on screen: a lead records a visit with a rectification; overdue ones show on the shop
and the dashboard; a follow-up closes it."""

from datetime import date, timedelta

from textual.widgets import Input

from aftersales.services.context import Desk
from aftersales.services.staff.auth import login
from aftersales.services.supervision.visits import record_visit
from aftersales.ui.screens.supervision.dialogs import FollowUpDialog, VisitDialog
from aftersales.ui.screens.supervision.visits import VisitsScreen

from ..factories import NOW
from .harness import LoggedIn, press, screen_text
from .test_documents import table_rows

TODAY = date(2026, 11, 27)


def overdue_visit() -> None:
    desk = Desk(clock=lambda: NOW)
    lead = login(desk, "lead01", "2222")
    record_visit(desk, lead, {"shop_code": "S001", "visited_on": TODAY - timedelta(days=20),
                              "findings": "价格签与收银价不符", "rectification": "统一价签", "due_on": TODAY - timedelta(days=5)})


async def test_a_lead_records_a_visit_and_the_rectification_waits_on_the_shop(
    desk_db: str, logged_in: LoggedIn
) -> None:
    async with logged_in("lead01", "6") as (app, pilot):
        await press(pilot, "v")
        assert isinstance(app.screen, VisitsScreen)
        assert "No visits recorded" in screen_text(app)
        await press(pilot, "a")
        assert isinstance(app.screen, VisitDialog)
        await press(pilot, "tab", *"导购未出示合同", "tab", *"培训导购", "tab", *"2026-12-04", "f2")
        assert isinstance(app.screen, VisitsScreen)
        [row] = table_rows(app, "visits-table")
        assert row[:5] == ["2026-11-27", "导购未出示合同", "培训导购", "2026-12-04", "Rectification open"]


async def test_an_overdue_rectification_shows_on_the_dashboard_and_a_follow_up_closes_it(
    desk_db: str, logged_in: LoggedIn
) -> None:
    overdue_visit()
    async with logged_in("op01") as (app, pilot):
        assert "Rectifications overdue" in screen_text(app)
        await press(pilot, "6")
        await press(pilot, "v")
        assert table_rows(app, "visits-table")[0][4] == "OVERDUE"
        assert "1 overdue" in screen_text(app)
        await press(pilot, "f")
        assert isinstance(app.screen, FollowUpDialog)
        app.screen.query_one("#field-note", Input).focus()
        await press(pilot, *"价签已统一", "f2")
        assert table_rows(app, "visits-table")[0][4] == "Rectified"
        await press(pilot, "escape")
        await press(pilot, "1")
        assert "Rectifications overdue" not in screen_text(app)
