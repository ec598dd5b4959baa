"""Section 7: a period's figures for the other departments, as charts or tables, against the period before.

Keys: [ and ] step the period, p switches month / quarter / year, f narrows by shop or category, t turns
between charts and tables, x exports the table shown, m writes the monthly register for finance, q opens the quality signals.
"""

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import ContentSwitcher, DataTable, OptionList, ProgressBar, Static

from .... import i18n
from ....domain.reports.figures import ReportFilters, ReportView
from ....domain.reports.period import Period, PeriodKind, like_for_like, measured, month_period
from ....services.reports.summary import load_report
from ....services.reports.tables import ReportTable, headline, report_tables, shown, signed_change
from ...background import run_in_background
from ...messages import DataChanged, LoadFailed
from ...widgets.desk_footer import DeskFooter
from ...widgets.section_bar import SectionBar
from ...widgets.table_columns import window
from ..desk_screen import DeskScreen
from .charts import BreachChart, ReceivedChart

KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR)


@dataclass
class ReportLoaded(Message):
    """A period's figures with the period before."""

    view: ReportView


class ReportsScreen(DeskScreen):
    """The figures of one period; every read runs in a worker with a progress bar."""

    DEFAULT_CSS = """
    ReportsScreen #reports { padding: 0 1; }
    ReportsScreen #reports-head { height: 1; }
    ReportsScreen #period-line { width: 1fr; text-style: bold; color: $accent; }
    ReportsScreen #progress { width: 30; }
    ReportsScreen #progress.-idle { display: none; }
    ReportsScreen #view { height: 1fr; }
    ReportsScreen #summary-panel { width: 50; border: round $primary-darken-2; padding: 0 1; }
    ReportsScreen.-narrow #summary-panel { width: 40; padding: 0; }
    ReportsScreen #charts { width: 1fr; }
    ReportsScreen #table-list { width: 34; height: 1fr; border: round $primary-darken-2; }
    ReportsScreen.-narrow #tables-view { layout: vertical; }
    ReportsScreen.-narrow #table-list { width: 1fr; height: 6; }
    ReportsScreen #table { width: 1fr; height: 1fr; }
    ReportsScreen #table-title { height: 1; text-style: bold; }
    """

    BINDINGS = [
        Binding("left_square_bracket", "shift(-1)", "reports.key.previous", id="reports.previous", key_display="["),
        Binding("right_square_bracket", "shift(1)", "reports.key.next", id="reports.next", key_display="]"),
        Binding("p", "period_kind", "reports.key.period", id="reports.period"),
        Binding("f", "filters", "reports.key.filters", id="reports.filters"),
        Binding("t", "toggle_view", "reports.key.view", id="reports.view"),
        Binding("x", "export", "reports.key.export", id="reports.export"),
        Binding("m", "register", "reports.key.register", id="reports.register"),
        Binding("left", "columns(-1)", "reports.key.columns", id="reports.columns_back", key_display="←→"),
        Binding("right", "columns(1)", "reports.key.columns", id="reports.columns", show=False),
        Binding("q", "signals", "quality_view.key.signals", id="reports.signals"),
    ]

    def __init__(self) -> None:
        super().__init__()
        today = self.session.desk.clock().astimezone(self.session.desk.sla.zone).date()
        self.period: Period = month_period(today.year, today.month)
        self.filters = ReportFilters()
        self.filter_text = ""
        self.view: ReportView | None = None
        self.tables: list[ReportTable] = []
        self.table_index = 0
        # The first of the table's columns shown after its first (a narrow desk pages through the others).
        self.column_start = 1
        self.hidden_columns = False
        self.loading = False
        self.stale = False

    def compose(self) -> ComposeResult:
        yield SectionBar("reports")
        with Vertical(id="reports"):
            with Horizontal(id="reports-head"):
                yield Static("", markup=False, id="period-line")
                yield ProgressBar(id="progress", show_eta=False, classes="-idle")
            with ContentSwitcher(id="view", initial="charts-view"):
                with Horizontal(id="charts-view"):
                    with Vertical(id="summary-panel"):
                        yield Static(i18n.t("reports.loading"), markup=False, id="summary")
                    with Vertical(id="charts"):
                        yield ReceivedChart(id="received-chart")
                        yield BreachChart(id="breach-chart")
                with Horizontal(id="tables-view"):
                    yield OptionList(id="table-list")
                    with Vertical():
                        yield Static("", markup=False, id="table-title")
                        yield DataTable(id="table", cursor_type="row", zebra_stripes=True)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.show_period()
        self.call_after_refresh(self.load)

    # ----- loading ----------------------------------------------------------------------------

    @on(DataChanged)
    def _changed(self) -> None:
        # Another desk's commits arrive often and a year's read takes seconds: while one read runs,
        # remember the change and read once more when it is done, instead of piling reads up.
        if self.loading:
            self.stale = True
        else:
            self.load()

    def load(self) -> None:
        self.loading = True
        self.stale = False
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.remove_class("-idle")
        self._read(self.period, self.filters)

    def _read(self, period: Period, filters: ReportFilters) -> None:
        app: Any = self.app
        desk = self.session.desk

        def progress(done: int, total: int) -> None:
            app.call_from_thread(self._progress, done, total)

        run_in_background(self, lambda: ReportLoaded(load_report(desk, period, filters, progress=progress)),
                          group="reports", failed="reports.load_failed")

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)

    def _read_done(self) -> None:
        self.loading = False
        self.query_one("#progress", ProgressBar).add_class("-idle")
        if self.stale:
            self.load()

    def on_load_failed(self, message: LoadFailed) -> None:
        self._read_done()
        self.notify(message.text, severity="error", markup=False)

    def on_report_loaded(self, message: ReportLoaded) -> None:
        view = message.view
        if view.current.period != self.period or view.current.filters != self.filters:
            return  # an older read finishing after the period changed; the newer one is still running
        self.view = view
        self._read_done()
        self.query_one("#summary", Static).update(self._summary(view))
        self.query_one(ReceivedChart).show(view.current.trend)
        self.query_one(BreachChart).show(view.current.trend)
        self.tables = report_tables(view, i18n.words())
        listing = self.query_one("#table-list", OptionList)
        listing.clear_options()
        listing.add_options([Text(table.title) for table in self.tables])
        listing.highlighted = min(self.table_index, len(self.tables) - 1)
        self.show_table(self.table_index)

    # ----- showing ----------------------------------------------------------------------------

    def show_period(self) -> None:
        kind = i18n.t(f"reports.period.{self.period.kind.value}")
        desk = self.session.desk
        now = desk.clock()
        at, partial = measured(self.period, desk.sla.zone, now)
        previous = like_for_like(self.period, desk.sla.zone, now)[0].label
        # The moment open work is measured at: the period's end, or now while it runs (then partial).
        line = i18n.t("reports.partial_line" if partial else "reports.period_line", period=self.period.label,
                      kind=kind, previous=previous, moment=f"{at.astimezone(desk.sla.zone):%Y-%m-%d %H:%M}")
        if self.filter_text:
            line += " · " + self.filter_text
        self.query_one("#period-line", Static).update(Text(line))

    @staticmethod
    def _summary(view: ReportView) -> Table:
        table = Table(box=None, padding=(0, 0, 0, 1), expand=True, show_edge=False)
        table.add_column(i18n.t("reports.column.metric"), ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(view.current.period.label, justify="right", no_wrap=True)
        table.add_column(i18n.t("reports.column.change"), justify="right", no_wrap=True)
        words = i18n.words()
        for (name, value, cell), (_, old, _) in zip(headline(view.current), headline(view.previous), strict=True):
            # Not coloured: a fall is good news for a breach rate and bad news for satisfaction.
            table.add_row(Text(words(f"reports.metric.{name}")), Text(shown(cell), style="bold"),
                          Text(signed_change(value, old), style="dim" if old is None else ""))
        return table

    def show_table(self, index: int) -> None:
        if not self.tables:
            return
        if index != self.table_index:
            self.column_start = 1
        self.table_index = max(0, min(index, len(self.tables) - 1))
        table = self.tables[self.table_index]
        grid = self.query_one("#table", DataTable)
        cells = [[Text(shown(cell) if number else "" if cell is None else str(cell),
                       justify="left" if number == 0 else "right", no_wrap=True, overflow="ellipsis")
                  for number, cell in enumerate(row)] for row in table.rows]
        widths = [max([cell_len(column)] + [row[number].cell_len for row in cells])
                  for number, column in enumerate(table.columns)]
        room = (grid.size.width or self.app.size.width) - 1 - grid.styles.scrollbar_size_vertical
        # The first column gives up cells (its names end in …) before a figure goes out of sight.
        widths[0] = min(widths[0], max(10, room - sum(w + 2 for w in widths[1:]) - 2))
        self.column_start = min(self.column_start, len(widths) - 1)
        kept = window(widths, room, self.column_start)
        self.hidden_columns = len(kept) < len(widths)
        title = table.title
        if self.hidden_columns:
            title += " · " + i18n.t("reports.columns_shown", first=kept[1] + 1, last=kept[-1] + 1,
                                    total=len(widths))
        self.query_one("#table-title", Static).update(Text(title))
        grid.clear(columns=True)
        for number in kept:
            grid.add_column(Text(table.columns[number], justify="left" if number == 0 else "right"),
                            key=str(number), width=widths[number])
        for row in cells:
            grid.add_row(*[row[number] for number in kept])
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "columns":
            return self.hidden_columns
        return True

    def action_columns(self, step: int) -> None:
        if self.tables:
            last = len(self.tables[self.table_index].columns) - 1
            self.column_start = max(1, min(self.column_start + step, last))
            self.show_table(self.table_index)

    def on_resize(self) -> None:
        if self.tables:
            self.show_table(self.table_index)

    @on(OptionList.OptionHighlighted, "#table-list")
    def _pick_table(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.table_index:
            self.show_table(event.option_index)

    # ----- actions ----------------------------------------------------------------------------

    def change_period(self, period: Period) -> None:
        self.period = period
        self.show_period()
        self.load()

    def action_shift(self, steps: int) -> None:
        self.change_period(self.period.shifted(steps))

    def action_period_kind(self) -> None:
        kind = self.period.kind
        following = KINDS[(KINDS.index(kind) + 1) % len(KINDS)] if kind in KINDS else PeriodKind.MONTH
        self.change_period(self.period.with_kind(following))

    def action_toggle_view(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        switcher.current = "tables-view" if switcher.current == "charts-view" else "charts-view"
        if switcher.current == "tables-view":
            self.query_one("#table-list", OptionList).focus()
            # Its columns are fitted to the width it has now that it shows.
            self.call_after_refresh(self.show_table, self.table_index)

    def action_filters(self) -> None:
        from .dialogs import FilterDialog

        def chosen(result: tuple[ReportFilters, str] | None) -> None:
            if result is not None:
                self.filters, self.filter_text = result
                self.show_period()
                self.load()

        self.app.push_screen(FilterDialog(self.period), chosen)

    def action_export(self) -> None:
        if not self.tables:
            return
        from .dialogs import ExportDialog

        switcher = self.query_one(ContentSwitcher)
        table = self.tables[self.table_index if switcher.current == "tables-view" else 0]
        self.app.push_screen(ExportDialog(table, self.period.label),
                             lambda done: self.notify(i18n.t("reports.exported", path=done), markup=False)
                             if done else None)

    def action_register(self) -> None:
        from .dialogs import RegisterDialog

        month = self.period.label if self.period.kind is PeriodKind.MONTH else f"{self.period.first:%Y-%m}"
        self.app.push_screen(RegisterDialog(month),
                             lambda done: self.notify(done, markup=False) if done else None)

    def action_signals(self) -> None:
        from ..quality.signals import SignalsScreen

        self.app.push_screen(SignalsScreen())
