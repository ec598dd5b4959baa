"""One complaint: header, description, timeline and the actions an operator takes on it."""

import re
from dataclasses import dataclass, field
from datetime import datetime

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from .... import i18n
from ....domain.enums import Category, ComplaintStatus
from ....domain.errors import NotFound
from ....domain.escalations.schemas import EscalationView
from ....domain.permissions import allowed
from ....domain.schemas import ComplaintView, EventView
from ....domain.sla import Hold, SlaPolicy
from ....domain.text import strip_controls
from ....services.complaints import actions
from ....services.complaints.read import get_complaint, timeline
from ....services.escalations.read import complaint_escalations
from ....services.escalations.repeat import shop_repeat
from ...background import run_in_background
from ...bindings import key_for
from ...formatting import local_time, yuan
from ...messages import DataChanged, LoadFailed, SaveFailed
from ...read_only import refuse_when_read_only
from ...widgets.desk_footer import DeskFooter
from ...widgets.section_bar import SectionBar
from ...widgets.sla_text import deadline_text, hold_text, target_seconds
from ...widgets.timeline import Timeline
from ..deliveries.complaint_panel import ComplaintLogistics
from ..desk_screen import DeskScreen, SavesInBackground
from ..escalations.panel import escalations_text
from .detail_actions import ACTIONS_BY_NAME, DETAIL_ACTIONS

_RUN = re.compile(r"^run\('(\w+)'\)$")
NARROW = 70  # below this many columns the facts stand one to a line
# Keys outside DETAIL_ACTIONS that keep a place in the footer; every other key is listed by F1 help.
_FOOTER_EXTRA = {"back", "help"}
FOOTER_ACTIONS = {f"run('{a.name}')" for a in DETAIL_ACTIONS if a.in_footer} | _FOOTER_EXTRA


@dataclass
class ActionSaved(Message):
    """A key action (acknowledge) was stored; `view` is the complaint as saved."""

    view: ComplaintView


@dataclass
class DetailLoaded(Message):
    """The complaint, its timeline, its escalations and the shop's repeated categories."""

    view: ComplaintView
    events: list[EventView]
    escalations: list[EscalationView] = field(default_factory=list)
    repeat: list[Category] = field(default_factory=list)


class DetailFooter(DeskFooter):
    """The footer of the detail: only FOOTER_ACTIONS, no palette key (both stay in F1 help)."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)

    def shown_keys(self, widgets: list[Widget]) -> list[Widget]:
        return [widget for widget in widgets if getattr(widget, "action", None) in FOOTER_ACTIONS]


def header_pairs(view: ComplaintView, now: datetime, policy: SlaPolicy) -> list[tuple[str, Text]]:
    """The complaint's facts as (label, value) pairs, in reading order; values are literal text."""

    def lit(value: str) -> Text:
        return Text(strip_controls(value))

    none = i18n.t("detail.none")
    assignee = f"{view.assignee.code} {view.assignee.name}" if view.assignee else none
    papers = " / ".join(x for x in (view.contract_no, view.receipt_no) if x) or none
    worked = view.status not in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED)
    zone = policy.zone
    hold = Hold(view.hold_since, view.hold_until) if view.hold_since is not None else None
    pairs: list[tuple[str, Text]] = [
        ("number", Text(view.number, style="bold")),
        ("status", Text(i18n.label(view.status), style="bold")),
        ("severity", Text(i18n.label(view.severity))),
        ("assignee", lit(assignee)),
        ("shop", lit(f"{view.shop.name} ({view.shop.code} {view.shop.unit})".replace(" )", ")"))),
        ("customer", lit(f"{view.customer.name} {view.customer.phone}")),
        ("product", lit(view.product or none)),
        ("contract", lit(papers)),
        ("category", Text(i18n.label(view.category))),
        ("channel", Text(i18n.label(view.channel))),
        ("remedy", Text(i18n.label(view.remedy))),
        ("received", Text(local_time(view.created_at, zone))),
        # Each deadline says itself whether it still counts: 受理 while new, 解决 until resolved.
        ("ack_due", deadline_text(view.ack_due_at, now, view.acknowledged_at, policy, hold,
                                  view.status is ComplaintStatus.NEW, target_seconds(policy, view.severity, True))),
        ("resolve_due", deadline_text(view.resolve_due_at, now, view.resolved_at, policy, hold, worked,
                                      target_seconds(policy, view.severity, False))),
    ]
    held = hold_text(view.held_seconds, hold, now, policy)
    if held is not None:
        pairs.append(("on_hold", held))
    if view.major_incident:
        pairs.append(("major", Text(i18n.label(view.major_reason) if view.major_reason else none, style="bold red")))
    if view.resolution or view.remedy_decided:
        decided = i18n.label(view.remedy_decided) if view.remedy_decided else none
        pairs += [("remedy_decided", Text(decided, style="bold")), ("compensation", Text(yuan(view.compensation_fen))),
                  ("resolution", lit(view.resolution or none))]
    if view.close_outcome:
        pairs += [("outcome", Text(i18n.label(view.close_outcome))), ("duplicate_of", Text(view.duplicate_of or none))]
    return [(i18n.t(f"detail.field.{key}"), value) for key, value in pairs]


def header_table(view: ComplaintView, now: datetime, policy: SlaPolicy, columns: int = 2) -> Table:
    """The facts in `columns` label/value pairs a line; labels as wide as the longest of their column."""
    pairs = header_pairs(view, now, policy)
    grid = Table.grid(expand=True, padding=(0, 1))
    for index in range(columns):
        labels = [label for label, _ in pairs[index::columns]]
        grid.add_column(style="dim", no_wrap=True, width=max(cell_len(label) for label in labels))
        grid.add_column(ratio=1, overflow="fold")
    for start in range(0, len(pairs), columns):
        line = pairs[start:start + columns]
        cells: list[Text] = []
        for label, value in line + [("", Text(""))] * (columns - len(line)):
            cells += [Text(label), value]
        grid.add_row(*cells)
    return grid


class DetailScreen(SavesInBackground, DeskScreen):
    """Everything about one complaint, and the keys that move it along."""

    DEFAULT_CSS = """
    DetailScreen #detail-body { height: 1fr; }
    DetailScreen #detail-body:focus { background-tint: $foreground 3%; }
    DetailScreen #detail-header { height: auto; padding: 0 1; }
    DetailScreen #detail-message { height: auto; padding: 0 1; color: $error; text-style: bold; }
    DetailScreen #detail-message.-empty { display: none; }
    DetailScreen #detail-description-box { height: auto; border: round $panel; padding: 0 1; }
    DetailScreen #detail-escalations { height: auto; border: round $warning; padding: 0 1; }
    DetailScreen #detail-escalations.-empty { display: none; }
    """

    BINDINGS = [Binding(a.key, f"run('{a.name}')", a.label, id=a.binding_id) for a in DETAIL_ACTIONS]

    def __init__(self, complaint_id: int) -> None:
        super().__init__()
        self.complaint_id = complaint_id
        self.complaint: ComplaintView | None = None
        self.loaded: DetailLoaded | None = None
        self.busy = False

    @property
    def version(self) -> int:
        """The version the operator is looking at; saves are refused if the stored one moved on."""
        return self.complaint.version if self.complaint else 0

    def compose(self) -> ComposeResult:
        yield SectionBar("complaints")
        # One scroll for everything: on a small terminal the timeline is below, a few lines down.
        with VerticalScroll(id="detail-body"):
            yield Static(Text(i18n.t("detail.loading")), id="detail-header")
            yield Static("", id="detail-escalations", classes="-empty")
            with Vertical(id="detail-description-box"):
                yield Static("", id="detail-description")
            yield ComplaintLogistics(self.complaint_id)
            yield Timeline(id="detail-timeline")
        yield Static("", id="detail-message", classes="-empty")
        yield DetailFooter()

    def on_mount(self) -> None:
        self.query_one("#detail-description-box").border_title = i18n.t("detail.description")
        self.query_one("#detail-body").focus()
        self.reload()

    def on_resize(self) -> None:
        if self.loaded is not None:
            self._show_header(self.loaded.view)

    def _show_header(self, view: ComplaintView) -> None:
        desk = self.session.desk
        columns = 1 if self.size.width < NARROW else 2
        self.query_one("#detail-header", Static).update(header_table(view, desk.clock(), desk.sla, columns))

    def refresh_language(self) -> None:
        """Show every text in the language just chosen (the data is reloaded right after)."""
        self.query_one("#detail-description-box").border_title = i18n.t("detail.description")
        if self.loaded is not None:
            self.on_detail_loaded(self.loaded)

    # ----- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the complaint and its events again (after a save, a conflict or a change elsewhere)."""
        self._load()
        self.query_one(ComplaintLogistics).reload()

    def _load(self) -> None:
        run_in_background(self, self._read, group="detail", failed="detail.load_failed")

    def _read(self) -> DetailLoaded:
        view = get_complaint(self.complaint_id)
        events = timeline(self.complaint_id)
        escalations = complaint_escalations(self.complaint_id)
        desk = self.session.desk
        repeat = shop_repeat(desk, view.shop.id, desk.clock().astimezone(desk.sla.zone).date())
        return DetailLoaded(view, events, escalations, repeat)

    def on_detail_loaded(self, message: DetailLoaded) -> None:
        view = message.view
        self.complaint = view
        self.loaded = message
        desk = self.session.desk
        self._show_header(view)
        self.query_one("#detail-description", Static).update(Text(strip_controls(view.description)))
        self.query_one(Timeline).show(message.events, desk.sla.zone)
        box = self.query_one("#detail-escalations", Static)
        shown = escalations_text(message.escalations, message.repeat, desk.sla.zone)
        box.update(shown or "")
        box.set_class(shown is None, "-empty")
        box.border_title = i18n.t("escalations.detail_title") if message.escalations else None
        self.refresh_bindings()

    def on_load_failed(self, message: LoadFailed) -> None:
        if isinstance(message.error, NotFound):
            self.show_message(i18n.t("detail.not_found", id=self.complaint_id))
        else:
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

    def unavailable_reason(self, action: str) -> str | None:
        match = _RUN.match(action)
        entry = ACTIONS_BY_NAME.get(match.group(1)) if match else None
        actor = self.session.actor
        if entry is None or actor is None:
            return None
        if self.complaint is None:
            return i18n.t("detail.unavailable.loading")
        if self.busy:
            return i18n.t("detail.unavailable.busy")
        return entry.refusal(self.complaint, actor, self.key_of)

    def key_of(self, name: str) -> str:
        """The key shown for the detail action `name` (or "deliveries", the section), keymap included."""
        action = "section('deliveries')" if name == "deliveries" else f"run('{name}')"
        found = key_for(self, action)
        if found is not None:
            return found
        return ACTIONS_BY_NAME[name].key if name in ACTIONS_BY_NAME else "3"

    def say_unavailable(self, reason: str) -> None:
        self.show_message(reason)

    def action_run(self, name: str) -> None:
        """Carry out the detail action `name`: its dialog, or directly (acknowledge)."""
        entry = ACTIONS_BY_NAME[name]
        if self.complaint is None or self.busy or refuse_when_read_only(self.app):
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

    def _acknowledge(self, version: int) -> None:
        session = self.session
        assert session.actor is not None
        actor = session.actor
        run_in_background(
            self, lambda: ActionSaved(actions.acknowledge(session.desk, actor, self.complaint_id, version)),
            group="detail-action", failed="background.save_failed", failure=SaveFailed,
        )

    def on_action_saved(self, message: ActionSaved) -> None:
        self.busy = False
        self._saved(message.view)

    def save_refused(self, text: str) -> None:
        self.show_message(text)
        super().save_refused(text)

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

