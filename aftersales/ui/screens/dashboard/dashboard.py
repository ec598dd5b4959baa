"""The dashboard: counts by status, my open work, overdue, escalations, deliveries, 14-day trend."""

from typing import Any

from peewee import PeeweeException
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, Footer, Static

from ....domain.enums import ComplaintStatus
from ....domain.errors import DeskError
from ....domain.permissions import Action, allowed
from ....i18n import error_text, label, t
from ....services.dashboard.figures import DashboardView, load_dashboard
from ....store.db import connection
from ...messages import DataChanged
from ...widgets.bar_chart import bar_chart
from ...widgets.section_bar import SectionBar
from ..callbacks.due import CallbacksDuePanel

CARDS = ("my_open", "overdue", "escalations", "deliveries")
DAY_WIDTH = 5  # columns per day, shared by the bars and the numbers under them
TREND_HEIGHT = 6


class DashboardScreen(Screen[None]):
    """Where the desk lands after login; figures load in a thread and refresh on every change."""

    BINDINGS = [Binding("b", "callbacks", "callbacks.key.list", id="dashboard.callbacks")]

    class Loaded(Message):
        """The dashboard figures arrived from the worker."""

        def __init__(self, view: DashboardView) -> None:
            super().__init__()
            self.view = view

    def __init__(self) -> None:
        super().__init__()
        self.view: DashboardView | None = None

    def compose(self) -> ComposeResult:
        yield SectionBar("dashboard")
        with Vertical(id="dashboard"):
            with Horizontal(id="dash-cards"):
                for card in CARDS:
                    with Vertical(classes="card", id=f"card-{card}"):
                        yield Static(t(f"dashboard.card.{card}"), markup=False, classes="card-title")
                        yield Digits("…", id=f"value-{card}")
            with Horizontal(id="dash-lower"):
                with Vertical(id="dash-status", classes="panel"):
                    yield Static(t("dashboard.by_status"), markup=False, classes="panel-title")
                    yield Static(t("dashboard.loading"), markup=False, id="status-table")
                with Vertical(id="dash-trend", classes="panel"):
                    yield Static(t("dashboard.trend"), markup=False, classes="panel-title")
                    yield Static("", id="trend")
                    yield Static("", markup=False, id="trend-days")
                    yield Static("", markup=False, id="trend-note", classes="hint")
            if self._calls_customers():
                yield CallbacksDuePanel(id="dash-callbacks")
        yield Footer()

    def _calls_customers(self) -> bool:
        actor = getattr(self.app, "session").actor  # noqa: B009 - the desk app's attribute
        return actor is not None and allowed(actor.role, Action.CALLBACK)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._calls_customers() if action == "callbacks" else True

    def action_callbacks(self) -> None:
        from ...palette import open_callbacks

        open_callbacks(self.app)

    def on_mount(self) -> None:
        self.load()

    async def recompose(self) -> None:
        await super().recompose()
        if self.view is not None:
            self.show(self.view)

    @on(DataChanged)
    def _reload(self) -> None:
        self.load()
        for panel in self.query(CallbacksDuePanel):
            panel.load()

    @work(thread=True, exclusive=True, group="dashboard")
    def load(self) -> None:
        """Read the figures in a thread and post them back."""
        app: Any = self.app
        session = app.session
        if session.actor is None:
            return
        try:
            with connection():
                view = load_dashboard(session.actor, session.desk.clock(), session.desk.sla.zone)
        except (DeskError, PeeweeException) as exc:
            message = error_text(exc) if isinstance(exc, DeskError) else str(exc)
            app.call_from_thread(app.notify, t("dashboard.failed", reason=message), severity="error")
            return
        self.post_message(self.Loaded(view))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.view = message.view
        self.show(message.view)

    def show(self, view: DashboardView) -> None:
        """Put `view` on screen."""
        values = {
            "my_open": view.my_open,
            "overdue": view.overdue,
            "escalations": view.open_escalations,
            "deliveries": view.todays_deliveries,
        }
        for card, value in values.items():
            self.query_one(f"#value-{card}", Digits).update(f"{value:,}")
        self.query_one("#card-overdue").set_class(view.overdue > 0, "alert")
        self.query_one("#status-table", Static).update(self._status_table(view))
        counts = [day.count for day in view.per_day]
        self.query_one("#trend", Static).update(bar_chart(counts, TREND_HEIGHT, DAY_WIDTH, "dodger_blue2"))
        self.query_one("#trend-days", Static).update(self._day_numbers(view))
        if view.per_day:
            first, last = view.per_day[0].day, view.per_day[-1].day
            note = t("dashboard.trend_note", first=f"{first:%m-%d}", last=f"{last:%m-%d}", total=sum(counts))
            self.query_one("#trend-note", Static).update(note)

    @staticmethod
    def _status_table(view: DashboardView) -> Table:
        table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
        table.add_column(ratio=1)
        table.add_column(justify="right", no_wrap=True)
        for status in ComplaintStatus:
            table.add_row(Text(label(status)), Text(f"{view.by_status.get(status, 0):,}"))
        table.add_row(Text(t("dashboard.open_total"), style="bold"), Text(f"{view.open_total:,}", style="bold"))
        table.add_row(Text(t("dashboard.total"), style="dim"), Text(f"{view.total:,}", style="dim"))
        return table

    @staticmethod
    def _day_numbers(view: DashboardView) -> Text:
        days = Text(no_wrap=True)
        counts = Text(no_wrap=True)
        for day in view.per_day:
            days.append(f"{day.day:%d}".rjust(DAY_WIDTH - 1) + " ", style="dim")
            counts.append(f"{day.count}".rjust(DAY_WIDTH - 1) + " ", style="bold")
        return days + Text("\n") + counts
