"""A shop's supervision visits, newest first; overdue rectifications stand out."""

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from .... import i18n
from ....domain.directory import ShopEntry
from ....domain.permissions import Action, allowed
from ....domain.supervision import RectificationState, VisitView
from ....services.supervision.visits import local_today, shop_visits
from ...background import run_in_background
from ...messages import DataChanged, LoadFailed
from ...read_only import refuse_when_read_only
from ...widgets.desk_footer import DeskFooter
from ...widgets.section_bar import SectionBar
from ...widgets.table_columns import set_columns
from ..desk_screen import DeskScreen
from ..directory.base import cell
from .dialogs import FollowUpDialog, VisitDialog

COLUMNS = ("visited_on", "findings", "rectification", "due_on", "state", "followed_up_on", "by")


@dataclass
class VisitsLoaded(Message):
    """The shop's visits, newest first."""

    visits: list[VisitView]


class VisitsScreen(DeskScreen):
    """Visits to one shop: `a` records one, `f` closes the selected visit's rectification."""

    BINDINGS = [
        Binding("a", "add", "visits.key.add", id="visits.add"),
        Binding("f", "follow_up", "visits.key.follow_up", id="visits.follow_up"),
        Binding("p", "files", "attachments.key.files", id="visits.files", show=False),
        Binding("escape", "back", "visits.key.back", id="visits.back"),
    ]

    def __init__(self, shop: ShopEntry) -> None:
        super().__init__()
        self.shop = shop
        self.visits: list[VisitView] = []

    def compose(self) -> ComposeResult:
        yield SectionBar("shops")
        yield Static(self._title(), id="visits-title", classes="table-title")
        yield DataTable(id="visits-table", classes="section-table", cursor_type="row", zebra_stripes=True)
        yield Static(Text(i18n.t("documents.loading")), id="visits-status", classes="status-line")
        yield DeskFooter()

    def _title(self) -> Text:
        return Text(i18n.t("visits.title", code=self.shop.code, name=self.shop.name))

    def on_mount(self) -> None:
        self._columns()
        self.query_one(DataTable).focus()
        self._load()

    def _columns(self) -> None:
        set_columns(self.query_one(DataTable), "visits.column.", COLUMNS)

    def _load(self) -> None:
        desk, code = self.session.desk, self.shop.code
        run_in_background(self, lambda: VisitsLoaded(shop_visits(code, local_today(desk))), group="visits",
                          failed="directory.load_failed")

    def on_visits_loaded(self, message: VisitsLoaded) -> None:
        self.visits = message.visits
        self._show()

    def on_load_failed(self, message: LoadFailed) -> None:
        self._status(message.text)

    def _show(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for visit in self.visits:
            style = "bold red" if visit.overdue else ("dim" if visit.state is RectificationState.CLOSED else "")
            state = i18n.t("visits.overdue_mark") if visit.overdue else i18n.label(visit.state)
            table.add_row(cell(visit.visited_on.isoformat()), cell(visit.findings), cell(visit.rectification),
                          cell(visit.due_on.isoformat() if visit.due_on else ""), cell(state, style),
                          cell(visit.followed_up_on.isoformat() if visit.followed_up_on else ""),
                          cell(visit.recorded_by))
        if self.visits:
            table.move_cursor(row=min(row, len(self.visits) - 1), animate=False)
        opened = sum(1 for v in self.visits if v.state is RectificationState.OPEN)
        overdue = sum(1 for v in self.visits if v.overdue)
        text = i18n.t("visits.count", count=len(self.visits), open=opened, overdue=overdue) if self.visits \
            else i18n.t("visits.empty")
        self._status(text)
        self.refresh_bindings()

    def _status(self, text: str) -> None:
        self.query_one("#visits-status", Static).update(Text(text))

    def on_data_changed(self, _message: DataChanged) -> None:
        self._load()

    def refresh_language(self) -> None:
        self.query_one("#visits-title", Static).update(self._title())
        self._columns()
        self._show()

    def current(self) -> VisitView | None:
        row = self.query_one(DataTable).cursor_row
        return self.visits[row] if 0 <= row < len(self.visits) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add", "follow_up"):
            actor = self.session.actor
            if actor is None or not allowed(actor.role, Action.RECORD_VISIT):
                return False
            if action == "follow_up":
                visit = self.current()
                return True if visit is not None and visit.state is RectificationState.OPEN else None
        return True

    @on(DataTable.RowHighlighted)
    def _moved(self) -> None:
        self.refresh_bindings()

    def action_add(self) -> None:
        if not refuse_when_read_only(self.app):
            self.app.push_screen(VisitDialog(self.shop, local_today(self.session.desk)), self._saved)

    def action_files(self) -> None:
        """The visit's photos: before and after the rectification."""
        visit = self.current()
        if visit is not None:
            from ....domain.attachments import AttachmentSubject
            from ..attachments.files import AttachmentsScreen

            self.app.push_screen(AttachmentsScreen(AttachmentSubject.VISIT, visit.id,
                                                   i18n.t("attachments.visit", id=visit.id)))

    def action_follow_up(self) -> None:
        visit = self.current()
        if visit is not None and visit.state is RectificationState.OPEN and not refuse_when_read_only(self.app):
            self.app.push_screen(FollowUpDialog(visit, local_today(self.session.desk)), self._saved)

    def _saved(self, result: Any) -> None:
        if result is not None:
            self.notify(i18n.t("visits.saved", code=self.shop.code), markup=False)
            self.desk_app.data_changed()

    def action_back(self) -> None:
        self.dismiss()
