"""A payroll month on screen: per person its deductions and adjustments, exported or finalised from here."""

from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from .... import i18n
from ....domain.penalties.enums import EntryKind
from ....domain.penalties.months import month_of, next_month
from ....domain.penalties.schemas import PayrollReport
from ....domain.permissions import Action, allowed
from ....services.penalties.payroll import payroll_report
from ...background import run_in_background
from ...formatting import local_time
from ...messages import DataChanged, LoadFailed
from ...widgets.section_bar import SectionBar
from ..desk_screen import DeskScreen
from .ledger_panel import cell, tier_move
from .payroll_dialogs import ExportDialog, FinaliseDialog
from .violation_screen import KeyFooter
from .wording import money, rule_title, subject_text

# Column → width (0: the rule, which takes what is left). Whether an entry is deducted is the month's state.
COLUMNS = {"subject": 16, "no": 4, "rule": 0, "incident": 10, "tier": 5, "entry": 0, "amount": 10}
FOOTER = {"month(-1)", "month(1)", "export", "finalise", "back", "help"}


def previous_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year - (number == 1):04d}-{(number - 2) % 12 + 1:02d}"


@dataclass
class PayrollLoaded(Message):
    """One payroll month."""

    report: PayrollReport


class PayrollScreen(DeskScreen):
    """One payroll month; `[` and `]` go to the month before and after."""

    DEFAULT_CSS = """
    PayrollScreen #payroll-header { height: auto; padding: 0 1; }
    """

    BINDINGS = [
        Binding("left_square_bracket", "month(-1)", "penalties.key.prev_month", id="payroll.prev", key_display="["),
        Binding("right_square_bracket", "month(1)", "penalties.key.next_month", id="payroll.next", key_display="]"),
        Binding("x", "export", "penalties.key.export", id="payroll.export"),
        Binding("f", "finalise", "penalties.key.finalise", id="payroll.finalise"),
    ]

    def __init__(self, month: str | None = None, folder: Path | None = None) -> None:
        super().__init__()
        self.month = month or ""
        self.folder = folder
        self.report: PayrollReport | None = None

    @property
    def current_month(self) -> str:
        desk = self.session.desk
        return month_of(desk.clock(), desk.sla.zone)

    def compose(self) -> ComposeResult:
        yield SectionBar("penalties")
        yield Static(Text(i18n.t("penalties.loading")), id="payroll-header")
        yield DataTable(id="payroll-table", classes="section-table", cursor_type="row")
        yield KeyFooter(FOOTER)

    def on_mount(self) -> None:
        self.month = self.month or self.current_month
        self.query_one(DataTable).focus()
        self.reload()

    def on_resize(self) -> None:
        if self.report is not None:
            self.post_message(PayrollLoaded(self.report))

    def reload(self) -> None:
        self._load(self.month)

    @on(DataChanged)
    def _changed(self) -> None:
        self.reload()

    def _load(self, month: str) -> None:
        session = self.session
        assert session.actor is not None
        actor = session.actor
        run_in_background(self, lambda: PayrollLoaded(payroll_report(session.desk, actor, month)), group="payroll",
                          failed="penalties.load_failed")

    def on_load_failed(self, message: LoadFailed) -> None:
        self.notify(message.text, severity="error", markup=False)

    def on_payroll_loaded(self, message: PayrollLoaded) -> None:
        report = self.report = message.report
        self.query_one("#payroll-header", Static).update(self._header(report))
        table: DataTable[Text] = self.query_one(DataTable)
        table.clear(columns=True)
        widths = self._widths()
        for column, width in widths.items():
            table.add_column(Text(i18n.t(f"penalties.payroll_col.{column}")), key=column, width=width)
        policy = self.session.desk.penalties
        for person in report.people:
            who = subject_text(person.subject)
            for line in person.lines:
                tier = str(line.tier_to or "–") if line.tier_from is None else tier_move(line.tier_from, line.tier_to)
                table.add_row(cell(who, width=widths["subject"]), cell(f"#{line.violation_id}"),
                              cell(rule_title(policy, line.rule_code), width=widths["rule"]),
                              cell(line.incident_date.isoformat()), cell(tier), cell(i18n.label(line.kind)),
                              cell(money(line.amount_fen)))
                who = ""
            table.add_row(cell(""), cell(""), cell(""), cell(""), cell(""),
                          cell(i18n.t("penalties.payroll.person_total"), "bold"), cell(money(person.total_fen), "bold"))
        self.refresh_bindings()

    def _widths(self) -> dict[str, int]:
        widths = dict(COLUMNS)
        widths["entry"] = max(cell_len(i18n.label(kind)) for kind in EntryKind)
        room = max(self.size.width, 60) - sum(widths.values()) - 2 * len(widths) - 1
        widths["rule"] = max(8, room)
        return widths

    def _header(self, report: PayrollReport) -> Text:
        entries = sum(len(person.lines) for person in report.people)
        out = Text(i18n.t("penalties.payroll_screen.title", month=report.month), style="bold")
        if report.final and report.finalised_at is not None:
            when = local_time(report.finalised_at, self.session.desk.sla.zone)
            out.append("  " + i18n.t("penalties.payroll_screen.final", by=report.finalised_by or "?", at=when),
                       style="green")
        else:
            out.append("  " + i18n.t("penalties.payroll_screen.open"), style="yellow")
        out.append("\n" + i18n.t("penalties.payroll_screen.totals", entries=entries, people=len(report.people),
                                 total=money(report.total_fen)))
        return out

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        actor = self.session.actor
        if action == "finalise":
            if actor is None or not allowed(actor.role, Action.FINALISE_PAYROLL):
                return False
            return True if self.report is not None and not self.report.final else None
        if action == "month" and parameters and int(str(parameters[0])) > 0:
            return True if self.month < self.current_month else None
        return True

    def action_month(self, step: int) -> None:
        target = next_month(self.month) if step > 0 else previous_month(self.month)
        if target > self.current_month:
            return
        self.month = target
        self.reload()

    def action_export(self) -> None:
        if self.report is not None:
            self.app.push_screen(ExportDialog(self.month, self.folder), self._exported)

    def _exported(self, result: tuple[Path, int] | None) -> None:
        if result is not None:
            path, count = result
            self.notify(i18n.t("penalties.export.done", count=count, path=str(path)), markup=False)

    def action_finalise(self) -> None:
        if self.report is not None and not self.report.final:
            self.app.push_screen(FinaliseDialog(self.report), self._finalised)

    def _finalised(self, result: PayrollReport | None) -> None:
        if result is not None:
            self.notify(i18n.t("penalties.finalise.done", month=result.month), markup=False)
            self.desk_app.data_changed()
