"""Every shop's figures for a month in one list, sorted by any figure, worst first (section 6, key s)."""

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from .... import i18n
from ....domain.scorecard import Figure, ShopScore, worst_first
from ....services.scorecards.figures import month_of, shop_scores
from ....services.scorecards.wording import LIST_FIGURES, figure_text, figure_title
from ...background import run_in_background
from ...messages import DataChanged, LoadFailed
from ...widgets.desk_footer import DeskFooter
from ...widgets.section_bar import SectionBar
from ...widgets.table_columns import fitting
from ..desk_screen import DeskScreen
from ..directory.base import cell
from .period import PeriodDialog, shifted

NAME_CELLS = 14  # most shop names whole; longer ones end in …


@dataclass
class ScoresLoaded(Message):
    """Every shop's figures for `period`."""

    period: str
    scores: list[ShopScore]


class ShopRankingScreen(DeskScreen):
    """`s` sorts by the next figure (shift+s the one before), `[` `]` move a month, `p` types one, `enter`
    opens the shop's scorecard."""

    BINDINGS = [
        Binding("s", "sort(1)", "shops.key.sort", id="ranking.sort"),
        Binding("S", "sort(-1)", "shops.key.sort", id="ranking.sort_back", show=False),
        Binding("p", "period", "shops.key.period", id="ranking.period"),
        Binding("left_square_bracket", "month(-1)", "shops.key.period", id="ranking.earlier", show=False),
        Binding("right_square_bracket", "month(1)", "shops.key.period", id="ranking.later", show=False),
        Binding("enter", "open", "shops.key.scorecard", id="ranking.open"),
        Binding("escape", "back", "visits.key.back", id="ranking.back"),
    ]

    def __init__(self, period: str | None = None, figure: Figure = Figure.COMPLAINTS) -> None:
        super().__init__()
        self.period = period or ""
        self.figure = figure
        self.scores: list[ShopScore] = []
        self.figures: list[Figure] = list(LIST_FIGURES)

    def compose(self) -> ComposeResult:
        yield SectionBar("shops")
        yield Static("", id="ranking-title", classes="table-title")
        yield DataTable(id="ranking-table", classes="section-table", cursor_type="row", zebra_stripes=True)
        yield Static(Text(i18n.t("scorecard.loading")), id="ranking-status", classes="status-line")
        yield DeskFooter()

    def on_mount(self) -> None:
        if not self.period:
            desk = self.session.desk
            self.period = month_of(desk.clock(), desk.sla.zone)
        self.query_one(DataTable).focus()
        self._columns()
        self._load()

    def _columns(self) -> None:
        """The code, the name and the figures that fit the table's width: the sorted one first, then those
        after it in `s`'s order (a narrow desk reaches the others by sorting on)."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        code = Text(i18n.t("scorecard.column.code"))
        titles = [figure_title(f, i18n.words()) + (" ▼" if f is self.figure else "") for f in LIST_FIGURES]
        widths = [max([code.cell_len] + [cell_len(s.shop_code) for s in self.scores]), NAME_CELLS]
        widths += [max([cell_len(title)] + [cell_len(figure_text(s, f)) for s in self.scores])
                   for f, title in zip(LIST_FIGURES, titles, strict=True)]
        count = len(LIST_FIGURES)
        start = LIST_FIGURES.index(self.figure) if self.figure in LIST_FIGURES else 0
        later_first = [2 + (start + step) % count for step in range(count - 1, 0, -1)]
        room = (table.size.width or self.app.size.width) - 1
        self.figures = [LIST_FIGURES[i - 2] for i in fitting(widths, room, later_first) if i >= 2]
        table.add_column(code, key="code")
        table.add_column(Text(i18n.t("scorecard.column.name")), key="name", width=NAME_CELLS)
        for figure in self.figures:
            title = titles[LIST_FIGURES.index(figure)]
            table.add_column(Text(title, justify="right", style="bold" if figure is self.figure else ""),
                             key=figure.value)
        self.query_one("#ranking-title", Static).update(
            Text(i18n.t("scorecard.list_title", period=self.period, figure=figure_title(self.figure, i18n.words()))))

    def _load(self) -> None:
        desk, period = self.session.desk, self.period
        run_in_background(self, lambda: ScoresLoaded(period, shop_scores(period, desk.clock(), desk.sla.zone)),
                          group="ranking", failed="directory.load_failed")

    def on_load_failed(self, message: LoadFailed) -> None:
        self._status(message.text)

    def on_scores_loaded(self, message: ScoresLoaded) -> None:
        if message.period == self.period:
            # The cursor stays on the shop it was on; on the first load it starts on the worst.
            current = self.current()
            self.scores = message.scores
            self._show(current, reloaded=True)

    def _show(self, current: ShopScore | None = None, reloaded: bool = False) -> None:
        table = self.query_one(DataTable)
        if not reloaded:
            current = self.current()
        self.scores = worst_first(self.scores, self.figure)
        self._columns()
        for score in self.scores:
            style = "" if score.active else "dim"
            cells = [Text(figure_text(score, f), justify="right",
                          style="bold" if f is self.figure else style) for f in self.figures]
            table.add_row(cell(score.shop_code, style), cell(score.shop_name, style), *cells, key=score.shop_code)
        codes = [s.shop_code for s in self.scores]
        table.move_cursor(row=codes.index(current.shop_code) if current is not None and current.shop_code in codes
                          else 0, animate=False)
        self._status("")

    def _status(self, text: str) -> None:
        self.query_one("#ranking-status", Static).update(Text(text))

    def current(self) -> ShopScore | None:
        row = self.query_one(DataTable).cursor_row
        return self.scores[row] if 0 <= row < len(self.scores) else None

    def on_resize(self) -> None:
        if self.scores:
            self._show()

    def on_data_changed(self, _message: DataChanged) -> None:
        self._load()

    def refresh_language(self) -> None:
        self._show()

    def action_sort(self, step: int) -> None:
        """Sort by the next (or previous) figure, worst first."""
        index = LIST_FIGURES.index(self.figure) if self.figure in LIST_FIGURES else 0
        self.figure = LIST_FIGURES[(index + step) % len(LIST_FIGURES)]
        self._show()

    def action_month(self, step: int) -> None:
        self._set_period(shifted(self.period, step))

    def action_period(self) -> None:
        self.app.push_screen(PeriodDialog(self.period), self._chosen)

    def _chosen(self, period: Any) -> None:
        if period:
            self._set_period(str(period))

    def _set_period(self, period: str) -> None:
        self.period = period
        self._columns()
        self._status(i18n.t("scorecard.loading"))
        self._load()

    @on(DataTable.RowSelected, "#ranking-table")
    def _chosen_row(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        score = self.current()
        if score is not None:
            from .scorecard import ScorecardScreen

            self.app.push_screen(ScorecardScreen(score.shop_code, self.period))

    def action_back(self) -> None:
        self.dismiss()
