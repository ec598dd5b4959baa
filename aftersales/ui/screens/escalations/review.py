"""Section 4: the escalation review queue of a team lead (level 1) or the management manager (both levels).

Sorted by level, severity, then age. Keys: acknowledge, instruct, reassign, raise to level 2, close with a
decision, open the complaint. Operators see an explanation instead (their complaints show escalations in
the detail); the service refuses them anyway.
"""

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from .... import i18n
from ....domain.escalations.enums import LEVEL_LEAD, EscalationState
from ....domain.escalations.schemas import EscalationView
from ....services.escalations import review
from ....services.escalations.read import REVIEW_PAGE, review_queue, reviewable_levels
from ...background import run_in_background
from ...formatting import business_left
from ...messages import DataChanged, LoadFailed, SaveFailed
from ...minute import every_minute
from ...read_only import refuse_when_read_only
from ...widgets.section_bar import SectionBar, badge_text
from ..desk_screen import DeskScreen, SavesInBackground
from ..penalties.ledger_panel import cell, fill_table
from ..penalties.violation_screen import KeyFooter
from .dialogs import CloseDialog, InstructDialog, ReassignDialog, ReviewDialog
from .panel import STATE_STYLE, reason_text

COLUMNS = ("level", "number", "severity", "trigger", "state", "age", "assignee", "reason")
# What a narrow table leaves out first: the assignee, then what raised it (the line under the table says it).
OPTIONAL = ("assignee", "trigger", "severity")
FOOTER = {"acknowledge", "instruct", "raise_level", "close", "open", "back", "help"}
_SEVERITY_STYLE = {"critical": "bold red", "high": "yellow"}


@dataclass
class QueueLoaded(Message):
    """The reviewer's queue (its first page)."""

    rows: list[EscalationView]


@dataclass
class ReviewDone(Message):
    """A key action (acknowledge, raise) was stored; `done_key` names what to say."""

    view: EscalationView
    done_key: str


def age_text(raised_at: datetime, now: datetime) -> str:
    """How long the escalation has waited, in wall time (`2d 3h`, `0h 40m`)."""
    return business_left(max(0, int((now - raised_at).total_seconds())), 86400)


class EscalationReviewScreen(SavesInBackground, DeskScreen):
    """Open escalations the logged-in reviewer handles."""

    DEFAULT_CSS = """
    EscalationReviewScreen #review-note { height: auto; padding: 1 2; }
    EscalationReviewScreen #review-detail { height: auto; max-height: 5; padding: 0 1; border-top: solid $panel; }
    """

    BINDINGS = [
        Binding("a", "acknowledge", "escalations.key.acknowledge", id="escalations.acknowledge"),
        Binding("i", "instruct", "escalations.key.instruct", id="escalations.instruct"),
        Binding("g", "reassign", "escalations.key.reassign", id="escalations.reassign"),
        Binding("u", "raise_level", "escalations.key.raise", id="escalations.raise"),
        Binding("c", "close", "escalations.key.close", id="escalations.close"),
        Binding("enter", "open", "escalations.key.open", id="escalations.open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[EscalationView] = []
        self.busy = False

    @property
    def reviewer(self) -> bool:
        actor = self.session.actor
        return actor is not None and bool(reviewable_levels(actor.role))

    def compose(self) -> ComposeResult:
        yield SectionBar("escalations")
        if self.reviewer:
            yield Static(Text(i18n.t("escalations.title")), id="review-title", classes="table-title")
            yield DataTable(id="review-table", classes="section-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="review-detail")
        else:
            yield Static(Text(i18n.t("escalations.not_reviewer")), id="review-note")
        yield KeyFooter(FOOTER)

    def on_mount(self) -> None:
        if self.reviewer:
            self.query_one("#review-table", DataTable).focus()
            self.reload()
            every_minute(self, self._redraw)

    # ----- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        if self.reviewer:
            self._load()

    @on(DataChanged)
    def _changed(self) -> None:
        self.reload()

    def _load(self) -> None:
        actor = self.session.actor
        if actor is None:
            return
        run_in_background(self, lambda: QueueLoaded(review_queue(actor)), group="escalation-review",
                          failed="escalations.load_failed")

    def on_queue_loaded(self, message: QueueLoaded) -> None:
        self.rows = message.rows
        self._redraw()

    def on_load_failed(self, message: LoadFailed) -> None:
        self.notify(message.text, severity="error", markup=False)

    def _redraw(self) -> None:
        tables = list(self.query("#review-table").results(DataTable))
        if not tables:
            return
        now = self.session.desk.clock()
        # The table holds the queue's first page: a shorter queue is counted by its rows (the badge is
        # read by another worker and may come in later), a longer one by the badge's whole count.
        total = len(self.rows) if len(self.rows) < REVIEW_PAGE else max(len(self.rows), self.session.open_escalations or 0)
        title = i18n.t("escalations.title") + " · " + i18n.t("escalations.count", count=badge_text(total))
        self.query_one("#review-title", Static).update(Text(title))
        rows = []
        for v in self.rows:
            note = v.instructions or reason_text(v)
            rows.append((str(v.id), [
                cell(f"▲{v.level}", "bold magenta" if v.level > LEVEL_LEAD else "magenta"), cell(v.number),
                cell(i18n.label(v.severity), _SEVERITY_STYLE.get(v.severity.value, "")), cell(i18n.label(v.trigger)),
                cell(i18n.label(v.state), STATE_STYLE[v.state]), cell(age_text(v.raised_at, now)),
                cell(v.assignee_code or "—"), cell(note, "italic" if v.instructions else ""),
            ]))
        fill_table(tables[0], COLUMNS, rows, "reason", catalog="escalations", optional=OPTIONAL)
        self._show_selected()
        self.refresh_bindings()

    @on(DataTable.RowHighlighted)
    def _show_selected(self) -> None:
        shown = self.selected()
        widgets = list(self.query("#review-detail").results(Static))
        if not widgets:
            return
        if shown is None:
            widgets[0].update(Text(i18n.t("escalations.empty")))
            return
        line = Text(f"{shown.number} · {shown.shop_name} · ", style="bold")
        line.append(reason_text(shown) or i18n.label(shown.trigger), style="")
        if shown.instructions:
            line.append("\n" + i18n.t("escalations.instructions", text=shown.instructions), style="italic")
        widgets[0].update(line)

    def selected(self) -> EscalationView | None:
        tables = list(self.query("#review-table").results(DataTable))
        if not tables or not self.rows:
            return None
        row = tables[0].cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # ----- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in {"acknowledge", "instruct", "reassign", "raise_level", "close", "open"}:
            return True
        if not self.reviewer:
            return False
        shown = self.selected()
        if shown is None or self.busy:
            return None
        if action == "acknowledge":
            return True if shown.state is EscalationState.OPEN else None
        if action == "raise_level":
            actor = self.session.actor
            return True if shown.level == LEVEL_LEAD and actor is not None else None
        return True

    def _dialog(self, dialog: type[ReviewDialog]) -> None:
        shown = self.selected()
        if shown is None or refuse_when_read_only(self.app):
            return
        self.app.push_screen(dialog(shown, self.reload), self._dialog_closed)

    def action_instruct(self) -> None:
        self._dialog(InstructDialog)

    def action_reassign(self) -> None:
        self._dialog(ReassignDialog)

    def action_close(self) -> None:
        self._dialog(CloseDialog)

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        # `enter` on the table arrives as the table's own selection, not as this screen's key.
        self.action_open()

    def action_open(self) -> None:
        shown = self.selected()
        if shown is not None:
            self.desk_app.open_complaint(shown.complaint_id)

    def action_acknowledge(self) -> None:
        self._direct("acknowledge")

    def action_raise_level(self) -> None:
        self._direct("raise")

    def _direct(self, what: str) -> None:
        shown = self.selected()
        if shown is None or self.busy or refuse_when_read_only(self.app):
            return
        self.busy = True
        self._run(what, shown)

    def _run(self, what: str, shown: EscalationView) -> None:
        session = self.session
        assert session.actor is not None
        actor = session.actor
        if what == "acknowledge":
            act, done_key = review.acknowledge, "escalations.done.acknowledged"
        else:
            act, done_key = review.raise_level, "escalations.done.raised"
        run_in_background(self, lambda: ReviewDone(act(session.desk, actor, shown.id, shown.version), done_key),
                          group="escalation-action", failed="background.save_failed", failure=SaveFailed)

    def on_review_done(self, message: ReviewDone) -> None:
        self.busy = False
        self._saved(message.view, message.done_key)
        self.refresh_bindings()

    def _dialog_closed(self, result: object) -> None:
        if isinstance(result, EscalationView):
            self._saved(result, "escalations.done.closed" if result.state is EscalationState.CLOSED
                        else "escalations.done.instructed")

    def _saved(self, view: EscalationView, done_key: str) -> None:
        self.notify(i18n.t(done_key, number=view.number, code=view.assignee_code or ""), markup=False)
        self.reload()
        self.desk_app.data_changed()
