"""One subject's ledger, opened from the people list (or `m` for one's own)."""

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable

from ....domain.penalties.schemas import LedgerView, SubjectRef, ViolationView
from ....services.penalties.read import ledger
from ...background import run_in_background
from ...widgets.section_bar import SectionBar
from .ledger_panel import LedgerPanel
from .violation_screen import KeyFooter, ViolationScreen

FOOTER = {"decide('confirm')", "decide('appeal')", "decide('appeal_decision')", "decide('review')", "propose", "back",
          "help"}


@dataclass
class LedgerLoaded(Message):
    """The subject's ledger."""

    view: LedgerView


class LedgerScreen(ViolationScreen):
    """Every violation of `subject`, its tiers, amounts, adjustments and the running total for the window."""

    def __init__(self, subject: SubjectRef) -> None:
        super().__init__()
        self.subject = subject

    def compose(self) -> ComposeResult:
        yield SectionBar("penalties")
        yield LedgerPanel()
        yield KeyFooter(FOOTER)

    def on_mount(self) -> None:
        self.query_one(LedgerPanel).table.focus()
        self.reload()

    def reload(self) -> None:
        self._load()

    def _load(self) -> None:
        session = self.session
        assert session.actor is not None
        actor = session.actor
        run_in_background(self, lambda: LedgerLoaded(ledger(session.desk, actor, self.subject)), group="ledger",
                          failed="penalties.load_failed")

    def on_ledger_loaded(self, message: LedgerLoaded) -> None:
        self.query_one(LedgerPanel).show(message.view, self.session.desk.penalties, self.session.desk.sla.zone)
        self.refresh_bindings()

    def selected_violation(self) -> ViolationView | None:
        return self.query_one(LedgerPanel).selected()

    def propose_subject(self) -> SubjectRef | None:
        return self.subject

    @on(DataTable.RowHighlighted)
    def _moved(self) -> None:
        self.refresh_bindings()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_act()
