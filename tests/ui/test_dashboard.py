"""Dashboard figures from the service, and the screen that shows and refreshes them."""

from datetime import date

from textual.widgets import Digits, Static

from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.services.dashboard.figures import load_dashboard
from aftersales.store.models import Complaint
from aftersales.ui.screens.dashboard.dashboard import DashboardScreen

from ..factories import NOW, new_complaint
from .conftest import UI_COMPLAINTS
from .harness import LoggedIn, settle


def test_counts_by_status_and_my_open_work(desk_db: str, staff: dict[str, StaffView]) -> None:
    view = load_dashboard(staff["op01"], NOW)
    assert view.total == UI_COMPLAINTS
    assert view.by_status[ComplaintStatus.ACKNOWLEDGED] == 5  # every fourth, starting at the second
    assert view.by_status[ComplaintStatus.NEW] == 15
    assert view.my_open == 7  # every third, op01's own
    # Every fourth complaint is critical: each went to the manager at intake.
    assert view.open_escalations == 5 and view.todays_deliveries == 0


def test_overdue_counts_open_complaints_past_their_resolution_deadline(
    desk_db: str, staff: dict[str, StaffView]
) -> None:
    expected = sum(1 for row in Complaint.select() if row.resolve_due_at < NOW)
    assert 0 < expected < UI_COMPLAINTS
    assert load_dashboard(staff["op01"], NOW).overdue == expected


def test_trend_has_fourteen_local_days_ending_today(desk_db: str, staff: dict[str, StaffView]) -> None:
    days = load_dashboard(staff["op01"], NOW).per_day
    assert [d.day for d in days][-1] == date(2026, 11, 27) and len(days) == 14
    assert days[0].day == date(2026, 11, 14)
    assert sum(d.count for d in days) == UI_COMPLAINTS
    assert days[-1].count == 2


async def test_screen_shows_the_figures(desk_db: str, logged_in: LoggedIn) -> None:
    async with logged_in("op01") as (app, pilot):
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.query_one("#value-my_open", Digits).value == "7"
        table = app.screen.query_one("#status-table", Static)
        rendered = app.screen.query_one("#trend-note", Static).render()
        assert "11-14 to 11-27: 20 complaints" in str(rendered)
        assert table.visual is not None


async def test_screen_refreshes_when_data_changes(
    desk_db: str, logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    async with logged_in("op01") as (app, pilot):
        new_complaint(desk, staff["op02"], phone="13900002222")
        app.data_changed()
        # The figures and the call-backs panel both reload.
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.view is not None
        assert screen.view.total == UI_COMPLAINTS + 1
        assert "21 complaints" in str(screen.query_one("#trend-note", Static).render())
