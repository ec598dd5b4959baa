"""The call-backs due today, overdue first: the caller's own (or everyone's); `enter` opens the call."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Static

from .... import i18n
from ....domain.callbacks import DueRow
from ....services.callbacks.read import due_callbacks, due_counts
from ...background import run_in_background
from ...messages import DataChanged, LoadFailed
from ...widgets.desk_footer import DeskFooter
from ...widgets.section_bar import SectionBar
from ..desk_screen import DeskScreen
from .callback_dialog import CallbackDialog
from .due_table import DueTable


@dataclass
class DueLoaded(Message):
    """The caller's call-backs due (the first `limit`), with their own and overdue counts."""

    rows: list[DueRow]
    mine: int
    overdue: int


def load_due(widget: Widget, everyone: bool, limit: int, group: str) -> None:
    """Read the due list for the logged-in caller in a worker; `widget` gets DueLoaded or LoadFailed."""
    app: Any = widget.app
    session = app.session

    def read() -> DueLoaded | None:
        actor = session.actor
        if actor is None:
            return None
        desk = session.desk
        now = desk.clock()
        rows = due_callbacks(actor, now, desk.sla.zone, everyone=everyone, limit=limit)
        mine, overdue = due_counts(actor, now, desk.sla.zone)
        return DueLoaded(rows, mine, overdue)

    run_in_background(widget, read, group=group, failed="callbacks.load_failed")


def open_call(widget: Widget, row: DueRow | None, reload: Any) -> None:
    """The call-back dialog for `row`; afterwards every screen hears that data changed."""
    if row is None:
        return
    app: Any = widget.app

    def closed(result: object) -> None:
        if result is not None:
            app.notify(i18n.t("detail.saved"), markup=False)
            app.data_changed()
        reload()

    app.push_screen(CallbackDialog(callback_id=row.id, on_conflict=reload), closed)


def heading(mine: int, overdue: int, shown: int, everyone: bool) -> Text:
    text = Text(i18n.t("callbacks.heading_everyone" if everyone else "callbacks.heading", mine=mine, shown=shown),
                style="bold")
    if overdue:
        text.append("  " + i18n.t("callbacks.overdue", count=overdue), style="bold red")
    return text


class CallbacksDueScreen(DeskScreen):
    """Its own view of the call-backs due (the dashboard shows the first few)."""

    DEFAULT_CSS = """
    CallbacksDueScreen #due-hint { padding: 0 1; }
    """

    BINDINGS = [
        Binding("a", "toggle_everyone", "callbacks.key.everyone", id="callbacks.everyone"),
        Binding("o", "open_complaint", "callbacks.key.open", id="callbacks.open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.everyone = False
        self.loaded: DueLoaded | None = None

    def compose(self) -> ComposeResult:
        yield SectionBar("dashboard")
        yield Static("", id="due-heading", classes="status-line")
        yield DueTable(id="due-table")
        yield Static(Text(i18n.t("callbacks.hint")), id="due-hint", classes="hint")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one(DueTable).focus()
        self.reload()

    def reload(self) -> None:
        load_due(self, self.everyone, 200, "callbacks-due")

    def on_due_loaded(self, message: DueLoaded) -> None:
        self.loaded = message
        desk = self.session.desk
        now: datetime = desk.clock()
        self.query_one(DueTable).show(message.rows, now, desk.sla.zone)
        self.query_one("#due-heading", Static).update(heading(message.mine, message.overdue, len(message.rows),
                                                              self.everyone))

    def on_load_failed(self, message: LoadFailed) -> None:
        self.query_one("#due-heading", Static).update(Text(message.text, style="bold red"))

    def on_data_changed(self, _message: DataChanged) -> None:
        self.reload()

    def refresh_language(self) -> None:
        self.query_one("#due-hint", Static).update(Text(i18n.t("callbacks.hint")))
        self.query_one(DueTable).label_columns()
        if self.loaded is not None:
            self.on_due_loaded(self.loaded)

    @on(DataTable.RowSelected, "#due-table")
    def _call(self) -> None:
        open_call(self, self.query_one(DueTable).current(), self.reload)

    def action_toggle_everyone(self) -> None:
        self.everyone = not self.everyone
        self.reload()

    def action_open_complaint(self) -> None:
        row = self.query_one(DueTable).current()
        if row is not None:
            self.desk_app.open_complaint(row.complaint_id)


class CallbacksDuePanel(Vertical):
    """The dashboard's panel: the caller's first call-backs due; `enter` calls, `b` opens the whole list."""

    DEFAULT_CSS = """
    CallbacksDuePanel { height: 9; border: round $primary-darken-2; padding: 0 1; margin-top: 1; }
    CallbacksDuePanel.-short { height: 6; margin-top: 0; }
    CallbacksDuePanel > #panel-heading { height: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="panel-heading")
        yield DueTable(columns=["due", "complaint", "customer", "purpose", "attempts"], id="panel-table")

    def on_mount(self) -> None:
        self.load()

    def on_resize(self) -> None:
        # On a short terminal the panel shows its first two rows; `b` shows the whole list.
        self.set_class(self.app.size.height < 30, "-short")

    def load(self) -> None:
        load_due(self, False, 20, "callbacks-panel")

    def on_due_loaded(self, message: DueLoaded) -> None:
        message.stop()
        app: Any = self.app
        desk = app.session.desk
        self.query_one(DueTable).show(message.rows, desk.clock(), desk.sla.zone)
        line = heading(message.mine, message.overdue, len(message.rows), False)
        line.append("  " + i18n.t("callbacks.panel_hint"), style="dim")
        self.query_one("#panel-heading", Static).update(line)

    def on_load_failed(self, message: LoadFailed) -> None:
        message.stop()
        self.query_one("#panel-heading", Static).update(Text(message.text, style="bold red"))

    @on(DataTable.RowSelected, "#panel-table")
    def _call(self) -> None:
        open_call(self, self.query_one(DueTable).current(), self.load)
