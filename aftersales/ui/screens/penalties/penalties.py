"""Section 5: a lead's "to confirm" list and everyone's ledgers; an operator's own ledger."""

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from .... import i18n
from ....domain.penalties.schemas import LedgerView, PendingItem, SubjectSummary, ViolationView
from ....domain.permissions import Action, allowed
from ....services.penalties.read import ledger, own_subject, people, to_confirm
from ...background import run_in_background
from ...navigation import prepared
from ...widgets.section_bar import SectionBar
from .ledger_panel import FLAG, LedgerPanel, cell, fill_table
from .violation_screen import KeyFooter, ViolationScreen
from .wording import money, rule_title, subject_text

PENDING_COLUMNS = ("no", "waiting", "subject", "rule", "incident", "proposed_by")
PEOPLE_COLUMNS = ("subject", "kind", "count", "window_amount", "waiting_count", "flag")
SUPERVISOR_FOOTER = {"decide('confirm')", "decide('waive')", "propose", "payroll", "back", "help"}
OWN_FOOTER = {"decide('appeal')", "propose", "back", "help"}


@dataclass
class OverviewLoaded(Message):
    """What waits for the supervisor's decision, and every subject's summary."""

    pending: list[PendingItem]
    summaries: list[SubjectSummary]


@dataclass
class OwnLedgerLoaded(Message):
    """An operator's own ledger."""

    view: LedgerView


class PenaltiesScreen(ViolationScreen):
    """What waits for a decision and whose ledger holds what; operators see their own ledger only."""

    DEFAULT_CSS = """
    PenaltiesScreen #pending { height: auto; max-height: 9; }
    """

    BINDINGS = [
        Binding("y", "payroll", "penalties.key.payroll", id="penalties.payroll"),
        Binding("m", "my_ledger", "penalties.key.my_ledger", id="penalties.my_ledger"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pending: list[PendingItem] = []
        self.summaries: list[SubjectSummary] = []

    @property
    def supervisor(self) -> bool:
        actor = self.session.actor
        return actor is not None and allowed(actor.role, Action.VIEW_PENALTIES)

    def compose(self) -> ComposeResult:
        yield SectionBar("penalties")
        if self.supervisor:
            yield Static(Text(i18n.t("penalties.pending_title", count="…")), id="pending-title", classes="table-title")
            yield DataTable(id="pending", cursor_type="row")
            yield Static(Text(i18n.t("penalties.people_title")), classes="table-title")
            yield DataTable(id="people", classes="section-table", cursor_type="row")
        else:
            yield LedgerPanel(id="own-ledger")
        yield KeyFooter(SUPERVISOR_FOOTER if self.supervisor else OWN_FOOTER)

    def on_mount(self) -> None:
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("payroll", "my_ledger"):
            return self.supervisor
        return super().check_action(action, parameters)

    # ----- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        self._load()

    def _load(self) -> None:
        session = self.session
        actor = session.actor
        if actor is None:
            return

        def read() -> Message:
            if allowed(actor.role, Action.VIEW_PENALTIES):
                waiting = to_confirm(session.desk, actor)
                return OverviewLoaded(waiting, people(session.desk, actor))
            return OwnLedgerLoaded(ledger(session.desk, actor, own_subject(actor)))

        run_in_background(self, read, group="penalties", failed="penalties.load_failed")

    def on_own_ledger_loaded(self, message: OwnLedgerLoaded) -> None:
        panel = self.query_one(LedgerPanel)
        panel.show(message.view, self.session.desk.penalties, self.session.desk.sla.zone)
        self.refresh_bindings()

    def on_overview_loaded(self, message: OverviewLoaded) -> None:
        self.pending, self.summaries = message.pending, message.summaries
        policy = self.session.desk.penalties
        title = self.query_one("#pending-title", Static)
        title.update(Text(i18n.t("penalties.pending_title", count=len(self.pending))))
        rows = []
        for item in self.pending:
            v, style = item.violation, "" if item.can_decide else "dim"
            rows.append((str(v.id), [cell(f"#{v.id}", style), cell(i18n.t(f"penalties.waiting.{item.waiting}"), style),
                                     cell(subject_text(v.subject), style), cell(rule_title(policy, v.rule_code), style),
                                     cell(v.incident_date.isoformat(), style), cell(v.proposed_by, style)]))
        fill_table(self.query_one("#pending", DataTable), PENDING_COLUMNS, rows, "rule")
        rows = [(f"{s.subject.kind.value}:{s.subject.code}",
                 [cell(subject_text(s.subject)), cell(i18n.label(s.subject.kind)), cell(str(s.window_count)),
                  cell(money(s.window_fen)), cell(str(s.pending) if s.pending else ""),
                  cell(FLAG if s.open_review else "", "bold red")]) for s in self.summaries]
        fill_table(self.query_one("#people", DataTable), PEOPLE_COLUMNS, rows, "subject")
        if self.focused is None or not isinstance(self.focused, DataTable):
            self.query_one("#pending" if self.pending else "#people", DataTable).focus()
        self.refresh_bindings()

    # ----- the violation under the cursor -----------------------------------------------------

    def selected_violation(self) -> ViolationView | None:
        # While the screen is recomposed (a language switch) its widgets are briefly absent.
        if not self.supervisor:
            panels = self.query(LedgerPanel)
            return panels.first().selected() if panels else None
        tables = self.query("#pending").results(DataTable)
        table = next(tables, None)
        if table is None or self.focused is not table or not self.pending or table.cursor_row >= len(self.pending):
            return None
        return self.pending[table.cursor_row].violation

    @on(DataTable.RowHighlighted)
    @on(DataTable.RowSelected, "#pending")
    def _moved(self, event: DataTable.RowHighlighted | DataTable.RowSelected) -> None:
        self.refresh_bindings()
        if isinstance(event, DataTable.RowSelected):
            self.action_act()

    @on(DataTable.RowSelected, "#people")
    def _open_person(self, event: DataTable.RowSelected) -> None:
        if event.cursor_row < len(self.summaries):
            self._open_ledger(self.summaries[event.cursor_row])

    @on(DataTable.RowSelected, "#ledger-table")
    def _own_row(self) -> None:
        self.action_act()

    def _open_ledger(self, summary: SubjectSummary) -> None:
        from .ledger import LedgerScreen

        self.app.push_screen(prepared(LedgerScreen(summary.subject)))

    def action_my_ledger(self) -> None:
        from .ledger import LedgerScreen

        self.app.push_screen(prepared(LedgerScreen(own_subject(self.actor))))

    def action_payroll(self) -> None:
        from .payroll import PayrollScreen

        if self.supervisor:
            self.app.push_screen(prepared(PayrollScreen()))
