"""One complaint: header, description, timeline and the actions an operator takes on it."""

from datetime import datetime
from zoneinfo import ZoneInfo

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from .... import i18n
from ....domain.enums import ComplaintStatus
from ....domain.errors import ConflictError, DeskError, NotFound
from ....domain.permissions import allowed
from ....domain.schemas import ComplaintView, EventView
from ....domain.text import strip_controls
from ....services.complaints import actions
from ....services.complaints.read import get_complaint, timeline
from ....store.db import connection
from ...bindings import translate_bindings
from ...formatting import local_time, time_left, yuan
from ...messages import DataChanged, LoadFailed
from ...widgets.section_bar import SectionBar
from ...widgets.timeline import Timeline
from ..deliveries.complaint_panel import ComplaintLogistics
from ..desk_screen import DeskScreen
from .detail_actions import ACTIONS_BY_NAME, DETAIL_ACTIONS

# Keys outside DETAIL_ACTIONS that keep a place in the footer; every other key is listed by F1 help.
_FOOTER_EXTRA = {"back", "help"}
FOOTER_ACTIONS = {f"run('{a.name}')" for a in DETAIL_ACTIONS if a.in_footer} | _FOOTER_EXTRA


class ActionSaved(Message):
    """A key action (acknowledge) was stored; `view` is the complaint as saved."""

    def __init__(self, view: ComplaintView) -> None:
        super().__init__()
        self.view = view


class ActionFailed(Message):
    """A key action was refused (conflict, not allowed, storage)."""

    def __init__(self, error: DeskError) -> None:
        super().__init__()
        self.error = error


class DetailLoaded(Message):
    def __init__(self, view: ComplaintView, events: list[EventView]) -> None:
        super().__init__()
        self.view = view
        self.events = events


class DetailFooter(Footer):
    """The footer of the detail: only FOOTER_ACTIONS, no palette key (both stay in F1 help)."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if getattr(widget, "action", None) in FOOTER_ACTIONS:
                yield widget


def due_text(view: ComplaintView, now: datetime) -> Text:
    """Time left on the deadline that matters now; red once it has passed."""
    if view.status in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED):
        return Text(i18n.t("detail.none"), style="dim")
    due = view.ack_due_at if view.status is ComplaintStatus.NEW else view.resolve_due_at
    overdue = due < now
    return Text(time_left(due, now) + (f" ({i18n.t('detail.overdue')})" if overdue else ""),
                style="bold red" if overdue else "bold")


def header_table(view: ComplaintView, now: datetime, zone: ZoneInfo) -> Table:
    """The complaint's facts in two label/value columns; values are literal text."""
    grid = Table.grid(expand=True, padding=(0, 1))
    for ratio in (0, 1, 0, 1):
        grid.add_column(style="dim" if ratio == 0 else "", width=16 if ratio == 0 else None,
                        ratio=ratio or None, no_wrap=ratio == 0, overflow="fold")

    def lab(key: str) -> Text:
        return Text(i18n.t(f"detail.field.{key}"))

    def lit(value: str) -> Text:
        return Text(strip_controls(value))

    none = i18n.t("detail.none")
    assignee = f"{view.assignee.code} {view.assignee.name}" if view.assignee else none
    papers = " / ".join(x for x in (view.contract_no, view.receipt_no) if x) or none
    rows = [
        (lab("number"), Text(view.number, style="bold"), lab("status"), Text(i18n.label(view.status), style="bold")),
        (lab("severity"), Text(i18n.label(view.severity)), lab("time_left"), due_text(view, now)),
        (lab("shop"), lit(f"{view.shop.name} ({view.shop.code} {view.shop.unit})".replace(" )", ")")),
         lab("assignee"), lit(assignee)),
        (lab("customer"), lit(f"{view.customer.name} {view.customer.phone}"), lab("channel"),
         Text(i18n.label(view.channel))),
        (lab("product"), lit(view.product or none), lab("contract"), lit(papers)),
        (lab("category"), Text(i18n.label(view.category)), lab("remedy"), Text(i18n.label(view.remedy))),
        (lab("received"), Text(local_time(view.created_at, zone)), lab("resolve_due"),
         Text(local_time(view.resolve_due_at, zone))),
    ]
    if view.major_incident:
        reason = i18n.label(view.major_reason) if view.major_reason else none
        rows.append((lab("major"), Text(reason, style="bold red"), Text(""), Text("")))
    if view.resolution:
        rows.append((lab("resolution"), lit(view.resolution), lab("compensation"), Text(yuan(view.compensation_fen))))
    if view.close_outcome:
        rows.append((lab("outcome"), Text(i18n.label(view.close_outcome)), lab("duplicate_of"),
                     Text(view.duplicate_of or none)))
    for row in rows:
        grid.add_row(*row)
    return grid


class DetailScreen(DeskScreen):
    """Everything about one complaint, and the keys that move it along."""

    DEFAULT_CSS = """
    DetailScreen #detail-header { height: auto; padding: 0 1; }
    DetailScreen #detail-message { height: auto; padding: 0 1; color: $error; text-style: bold; }
    DetailScreen #detail-message.-empty { display: none; }
    DetailScreen #detail-description-box { height: auto; max-height: 8; border: round $panel; padding: 0 1; }
    """

    BINDINGS = [Binding(a.key, f"run('{a.name}')", a.label, id=a.binding_id) for a in DETAIL_ACTIONS]

    def __init__(self, complaint_id: int) -> None:
        super().__init__()
        self.complaint_id = complaint_id
        self.complaint: ComplaintView | None = None
        self.loaded: DetailLoaded | None = None
        self.busy = False
        translate_bindings(self)

    @property
    def version(self) -> int:
        """The version the operator is looking at; saves are refused if the stored one moved on."""
        return self.complaint.version if self.complaint else 0

    def compose(self) -> ComposeResult:
        yield SectionBar("complaints")
        yield Static(Text(i18n.t("detail.loading")), id="detail-header")
        yield Static("", id="detail-message", classes="-empty")
        with VerticalScroll(id="detail-description-box"):
            yield Static("", id="detail-description")
        yield ComplaintLogistics(self.complaint_id)
        yield Timeline(id="detail-timeline")
        yield DetailFooter()

    def on_mount(self) -> None:
        self.query_one("#detail-description-box").border_title = i18n.t("detail.description")
        self.query_one(Timeline).focus()
        self.reload()

    def refresh_language(self) -> None:
        """Show every text in the language just chosen (the data is reloaded right after)."""
        self.query_one("#detail-description-box").border_title = i18n.t("detail.description")
        self.query_one(SectionBar).show()
        if self.loaded is not None:
            self.on_detail_loaded(self.loaded)

    # ----- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the complaint and its events again (after a save, a conflict or a change elsewhere)."""
        self._load()
        self.query_one(ComplaintLogistics).reload()

    @work(thread=True, exclusive=True, group="detail")
    def _load(self) -> None:
        worker = get_current_worker()
        try:
            with connection():
                view = get_complaint(self.complaint_id)
                events = timeline(self.complaint_id)
        except NotFound:
            self.post_message(LoadFailed(i18n.t("detail.not_found", id=self.complaint_id)))
            return
        except Exception as exc:  # a failed read must leave the desk open and say why
            self.post_message(LoadFailed(i18n.t("detail.load_failed", error=str(exc))))
            return
        if not worker.is_cancelled:
            self.post_message(DetailLoaded(view, events))

    def on_detail_loaded(self, message: DetailLoaded) -> None:
        view = message.view
        self.complaint = view
        self.loaded = message
        desk = self.session.desk
        self.query_one("#detail-header", Static).update(header_table(view, desk.clock(), desk.sla.zone))
        self.query_one("#detail-description", Static).update(Text(strip_controls(view.description)))
        self.query_one(Timeline).show(message.events, desk.sla.zone)
        self.refresh_bindings()

    def on_load_failed(self, message: LoadFailed) -> None:
        self.show_message(message.text)

    def on_data_changed(self, _message: DataChanged) -> None:
        self.reload()

    def show_message(self, text: str) -> None:
        widget = self.query_one("#detail-message", Static)
        widget.update(Text(text))
        widget.set_class(not text, "-empty")

    # ----- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide what the role may never do; grey out what the complaint's state does not allow now."""
        if action != "run" or not parameters:
            return True
        entry = ACTIONS_BY_NAME.get(str(parameters[0]))
        if entry is None:
            return True
        actor = self.session.actor
        if actor is None or not allowed(actor.role, entry.permission):
            return False
        view = self.complaint
        if view is None or self.busy:
            return None
        return True if entry.possible(view, actor) else None

    def action_run(self, name: str) -> None:
        """Carry out the detail action `name`: its dialog, or directly (acknowledge)."""
        entry = ACTIONS_BY_NAME[name]
        if self.complaint is None or self.busy:
            return
        self.show_message("")
        if entry.dialog is None:
            self.action_acknowledge()
            return
        self.app.push_screen(entry.dialog(self.complaint, self.reload), self._dialog_closed)

    def action_acknowledge(self) -> None:
        if self.complaint is None or self.busy:
            return
        self.busy = True
        self.show_message("")
        self._acknowledge(self.version)

    @work(thread=True, exclusive=True, group="detail-action")
    def _acknowledge(self, version: int) -> None:
        session = self.session
        assert session.actor is not None
        try:
            with connection():
                view = actions.acknowledge(session.desk, session.actor, self.complaint_id, version)
        except DeskError as exc:
            self.post_message(ActionFailed(exc))
            return
        self.post_message(ActionSaved(view))

    def on_action_saved(self, message: ActionSaved) -> None:
        self.busy = False
        self._saved(message.view)

    def on_action_failed(self, message: ActionFailed) -> None:
        self.busy = False
        self.show_message(i18n.error_text(message.error))
        self.notify(i18n.error_text(message.error), severity="error", markup=False)
        if isinstance(message.error, ConflictError):
            self.reload()
        self.refresh_bindings()

    def _dialog_closed(self, result: object) -> None:
        if result is not None:
            self._saved(result)

    def _saved(self, result: object) -> None:
        """A dialog or key action stored something: say so and show the complaint as it is now."""
        if isinstance(result, ComplaintView):
            self.complaint = result
        self.notify(i18n.t("detail.saved"), markup=False)
        self.reload()
        self.desk_app.data_changed()

