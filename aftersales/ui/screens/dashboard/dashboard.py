"""The dashboard: counts by status, my open work, overdue, escalations, deliveries, 14-day trend."""

from dataclasses import dataclass
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, Static

from ....domain.enums import DESK_OPEN_STATUSES, ComplaintStatus
from ....domain.permissions import Action, allowed
from ....i18n import label, t
from ....services.dashboard.figures import DashboardView, load_dashboard
from ...background import run_in_background
from ...language import ScreenFollowsLanguage
from ...messages import DataChanged, LoadFailed
from ...widgets.desk_footer import DeskFooter
from ...widgets.section_bar import SectionBar
from ...widgets.trend_chart import TrendChart
from ..callbacks.due import CallbacksDuePanel

CARDS = ("my_open", "overdue", "escalations", "deliveries")
# The card a team lead and the manager see beside those: new quality signals (their title's catalog key).
SIGNALS_CARD = ("signals", "quality_view.dashboard.card")


class DashboardScreen(ScreenFollowsLanguage, Screen[None]):
    """Where the desk lands after login; figures load in a thread and refresh on every change."""

    # Cards over two panels; the chart takes what the status table leaves.
    DEFAULT_CSS = """
    #dashboard {
        padding: 1 1 0 1;
    }

    DashboardScreen.-short #dashboard {
        padding-top: 0;
    }

    #dash-cards {
        height: auto;
    }

    .card {
        width: 1fr;
        height: auto;
        border: round $primary;
        padding: 0 1;
        margin-right: 1;
    }

    DashboardScreen.-narrow .card {
        padding: 0;
    }

    .card.alert {
        border: round $error;
    }

    .card.alert Digits {
        color: $error;
    }

    .card-title {
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }

    /* A short terminal shows each card's figure as one line of text, so the call-backs keep their rows. */
    .card-line {
        display: none;
        text-style: bold;
    }

    DashboardScreen.-short .card-line {
        display: block;
    }

    DashboardScreen.-short .card Digits {
        display: none;
    }

    .card.alert .card-line {
        color: $error;
    }

    #dash-lower {
        height: 1fr;
        margin-top: 1;
    }

    DashboardScreen.-short #dash-lower {
        margin-top: 0;
    }

    .panel {
        border: round $primary-darken-2;
        padding: 0 1;
        height: 100%;
    }

    #dash-status {
        width: 34;
        margin-right: 1;
    }

    DashboardScreen.-narrow #dash-status {
        width: 30;
    }

    #dash-trend {
        width: 1fr;
    }
    """

    BINDINGS = [Binding("b", "callbacks", "callbacks.key.list", id="dashboard.callbacks")]

    @dataclass
    class Loaded(Message):
        """The dashboard figures arrived from the worker."""

        view: DashboardView

    def __init__(self) -> None:
        super().__init__()
        self.view: DashboardView | None = None

    def compose(self) -> ComposeResult:
        yield SectionBar("dashboard")
        with Vertical(id="dashboard"):
            with Horizontal(id="dash-cards"):
                for card, title in self._cards():
                    with Vertical(classes="card", id=f"card-{card}"):
                        yield Static(t(title), markup=False, classes="card-title")
                        yield Digits("…", id=f"value-{card}")
                        yield Static("…", markup=False, id=f"line-{card}", classes="card-line")
            with Horizontal(id="dash-lower"):
                with Vertical(id="dash-status", classes="panel"):
                    yield Static(t("dashboard.by_status"), markup=False, classes="panel-title")
                    yield Static(t("dashboard.loading"), markup=False, id="status-table")
                with Vertical(id="dash-trend", classes="panel"):
                    yield Static(t("dashboard.trend"), markup=False, classes="panel-title")
                    yield TrendChart(id="trend")
                    yield Static("", markup=False, id="trend-note", classes="hint")
            if self._calls_customers():
                yield CallbacksDuePanel(id="dash-callbacks")
        yield DeskFooter()

    def _cards(self) -> list[tuple[str, str]]:
        """(card, title key) of the cards the actor sees."""
        cards = [(card, f"dashboard.card.{card}") for card in CARDS]
        actor = getattr(self.app, "session").actor  # noqa: B009 - the desk app's attribute
        if actor is not None and allowed(actor.role, Action.ACT_ON_SIGNALS):
            cards.append(SIGNALS_CARD)
        return cards

    def _calls_customers(self) -> bool:
        actor = getattr(self.app, "session").actor  # noqa: B009 - the desk app's attribute
        return actor is not None and allowed(actor.role, Action.CALLBACK)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._calls_customers() if action == "callbacks" else True

    def action_callbacks(self) -> None:
        from ...palette import open_callbacks

        open_callbacks(self.app)

    def on_mount(self) -> None:
        # The figures are read once the dashboard's first frame is out (see the queue's on_mount).
        self.call_after_refresh(self.load)

    async def recompose(self) -> None:
        await super().recompose()
        if self.view is not None:
            self.show(self.view)

    @on(DataChanged)
    def _reload(self) -> None:
        self.load()
        for panel in self.query(CallbacksDuePanel):
            panel.load()

    def load(self) -> None:
        """Read the figures in a thread and post them back."""
        app: Any = self.app
        session = app.session
        actor = session.actor
        if actor is None:
            return
        run_in_background(self, lambda: self.Loaded(load_dashboard(actor, session.desk.clock(), session.desk.sla.zone)),
                          group="dashboard", failed="dashboard.failed")

    def on_load_failed(self, message: LoadFailed) -> None:
        self.notify(message.text, severity="error")

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
        if view.new_signals is not None and self.query(f"#card-{SIGNALS_CARD[0]}"):
            values[SIGNALS_CARD[0]] = view.new_signals
            self.query_one(f"#card-{SIGNALS_CARD[0]}").set_class(view.new_signals > 0, "alert")
        for card, value in values.items():
            self.query_one(f"#value-{card}", Digits).update(f"{value:,}")
            self.query_one(f"#line-{card}", Static).update(f"{value:,}")
        self.query_one("#card-overdue").set_class(view.overdue > 0, "alert")
        self.query_one("#status-table", Static).update(self._status_table(view))
        counts = [day.count for day in view.per_day]
        self.query_one(TrendChart).show([day.day for day in view.per_day], counts)
        if view.per_day:
            first, last = view.per_day[0].day, view.per_day[-1].day
            busiest = max(view.per_day, key=lambda day: day.count)
            note = t("dashboard.trend_note", first=f"{first:%m-%d}", last=f"{last:%m-%d}", total=f"{sum(counts):,}",
                     most=f"{busiest.count:,}", busiest=f"{busiest.day:%m-%d}")
            self.query_one("#trend-note", Static).update(note)

    @staticmethod
    def _status_table(view: DashboardView) -> Table:
        """The statuses the desk still works on and their sum, then what waits for a call-back, is
        closed, and everything."""
        table = Table(show_header=False, box=None, padding=(0, 0, 0, 1), expand=True)
        table.add_column(ratio=1, no_wrap=True, overflow="fold")
        table.add_column(justify="right", no_wrap=True)
        for status in DESK_OPEN_STATUSES:
            table.add_row(Text(label(status)), Text(f"{view.by_status.get(status, 0):,}"))
        table.add_row(Text(t("dashboard.open_total"), style="bold"), Text(f"{view.open_total:,}", style="bold"))
        table.add_row(Text(t("dashboard.awaiting_callback"), style="bold"),
                      Text(f"{view.awaiting_callback:,}", style="bold"))
        closed = view.by_status.get(ComplaintStatus.CLOSED, 0)
        table.add_row(Text(label(ComplaintStatus.CLOSED)), Text(f"{closed:,}"))
        table.add_row(Text(t("dashboard.total"), style="dim"), Text(f"{view.total:,}", style="dim"))
        if view.overdue_rectifications:
            style = "bold red"
            table.add_row(Text(t("visits.dashboard.overdue"), style=style),
                          Text(f"{view.overdue_rectifications:,}", style=style))
        return table
