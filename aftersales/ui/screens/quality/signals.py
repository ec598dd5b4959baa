"""The quality signals of a month (section 7, key q): what rose beyond its control limits, where, by which rule.

Keys: [ and ] step the month, enter opens a signal's chart and complaints, a acknowledges it, r sends it to
its shop as a rectification (a team lead or the manager; others read), p the Pareto, t the emerging terms,
b writes the monthly market-information brief.
"""

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from .... import i18n
from ...background import run_in_background
from ...messages import DataChanged, LoadFailed
from ...read_only import refuse_when_read_only
from ...widgets.desk_footer import DeskFooter
from ...widgets.section_bar import SectionBar
from ...widgets.table_columns import set_columns
from ..desk_screen import DeskScreen
from ..directory.base import cell
from ..scorecards.period import shifted
from .wording import fitted_widths, last_month, refusal, signal_cells

COLUMNS = ("scope", "label", "rule", "value", "limits", "since", "state")
CAPS = {"label": 16}


@dataclass
class SignalsLoaded(Message):
    """The signals of `period`."""

    period: str
    signals: list[Any]


class SignalsScreen(DeskScreen):
    """The month's signals, newest state first; every read runs in a worker."""

    BINDINGS = [
        Binding("enter", "open", "quality_view.key.open", id="signals.open"),
        Binding("a", "acknowledge", "quality_view.key.acknowledge", id="signals.acknowledge"),
        Binding("r", "rectify", "quality_view.key.rectify", id="signals.rectify"),
        Binding("p", "pareto", "quality_view.key.pareto", id="signals.pareto"),
        Binding("t", "terms", "quality_view.key.terms", id="signals.terms"),
        Binding("b", "brief", "quality_view.key.brief", id="signals.brief"),
        Binding("left_square_bracket", "month(-1)", "quality_view.key.previous", id="signals.previous",
                key_display="[", show=False),
        Binding("right_square_bracket", "month(1)", "quality_view.key.next", id="signals.next",
                key_display="]", show=False),
        Binding("escape", "back", "quality_view.key.back", id="signals.back"),
    ]

    def __init__(self, period: str | None = None) -> None:
        super().__init__()
        self.period = period or last_month(self.session.desk)
        self.signals: list[Any] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield SectionBar("reports")
        yield Static(self._title(), id="signals-title", classes="table-title")
        yield DataTable(id="signals-table", classes="section-table", cursor_type="row", zebra_stripes=True)
        yield Static(Text(i18n.t("quality_view.loading")), id="signals-status", classes="status-line")
        yield DeskFooter()

    def _title(self) -> Text:
        return Text(i18n.t("quality_view.title", period=self.period))

    def on_mount(self) -> None:
        self._columns()
        self.query_one(DataTable).focus()
        self._load()

    def _columns(self) -> None:
        set_columns(self.query_one(DataTable), "quality_view.column.", COLUMNS)

    def _load(self) -> None:
        period = self.period

        def read() -> SignalsLoaded:
            from ....services.quality.read import list_signals

            return SignalsLoaded(period, list_signals(period))

        run_in_background(self, read, group="signals", failed="quality_view.load_failed")

    def on_signals_loaded(self, message: SignalsLoaded) -> None:
        if message.period != self.period or (self.loaded and message.signals == self.signals):
            return  # a read for another month, or nothing changed: the rows stay as drawn (and measured)
        self.signals = message.signals
        self.loaded = True
        self._show()

    def on_load_failed(self, message: LoadFailed) -> None:
        self._status(message.text)

    def _show(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        rows = [signal_cells(signal) for signal in self.signals]
        texts = [[text for _, text in cells] for cells in rows]
        set_columns(table, "quality_view.column.", fitted_widths("quality_view.column.", COLUMNS, texts, CAPS))
        for signal, cells in zip(self.signals, rows, strict=True):
            style = "bold" if signal.state == "new" else "dim"
            table.add_row(*[cell(text, style if name == "state" else "") for name, text in cells], key=str(signal.id))
        if self.signals:
            table.move_cursor(row=min(max(row, 0), len(self.signals) - 1), animate=False)
            new = sum(1 for signal in self.signals if signal.state == "new")
            self._status(i18n.t("quality_view.count", count=len(self.signals), new=new))
        else:
            self._status(i18n.t("quality_view.empty", period=self.period))
        self.refresh_bindings()

    def _status(self, text: str) -> None:
        self.query_one("#signals-status", Static).update(Text(text))

    def current(self) -> Any | None:
        row = self.query_one(DataTable).cursor_row
        return self.signals[row] if 0 <= row < len(self.signals) else None

    def on_data_changed(self, _message: DataChanged) -> None:
        self._load()

    def refresh_language(self) -> None:
        self.query_one("#signals-title", Static).update(self._title())
        self._columns()
        self._show()

    # ----- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("acknowledge", "rectify"):
            signal = self.current()
            return None if refusal(self.session.actor, signal) else True
        if action == "open":
            return True if self.current() is not None else None
        return True

    def unavailable_reason(self, action: str) -> str | None:
        if action in ("acknowledge", "rectify"):
            return refusal(self.session.actor, self.current())
        return None

    @on(DataTable.RowHighlighted)
    def _moved(self) -> None:
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#signals-table")
    def _chosen_row(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        signal = self.current()
        if signal is not None:
            from .detail import SignalDetailScreen

            self.app.push_screen(SignalDetailScreen(signal.id))

    def action_acknowledge(self) -> None:
        self._act("acknowledge")

    def action_rectify(self) -> None:
        self._act("rectify")

    def _act(self, kind: str) -> None:
        signal = self.current()
        if signal is None or refuse_when_read_only(self.app):
            return
        from .dialogs import act_on_signal

        act_on_signal(self, kind, signal)

    def action_month(self, step: int) -> None:
        self.period = shifted(self.period, step)
        self.loaded = False
        self.query_one("#signals-title", Static).update(self._title())
        self._status(i18n.t("quality_view.loading"))
        self._load()

    def action_pareto(self) -> None:
        from .pareto import ParetoScreen

        self.app.push_screen(ParetoScreen(self.period))

    def action_terms(self) -> None:
        from .terms import TermsScreen

        self.app.push_screen(TermsScreen(self.period))

    def action_brief(self) -> None:
        from .brief_dialog import BriefDialog

        self.app.push_screen(BriefDialog(self.period),
                             lambda done: self.notify(done, markup=False) if done else None)

    def action_back(self) -> None:
        self.dismiss()

