"""The emerging terms of a month: words of the complaints' descriptions, and products, that rose significantly
against the month before (log-likelihood G²). Enter shows a term's complaints in the queue."""

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
from ...widgets.desk_footer import DeskFooter
from ...widgets.section_bar import SectionBar
from ...widgets.table_columns import set_columns
from ..desk_screen import DeskScreen
from ..directory.base import cell
from ..scorecards.period import shifted
from .wording import fitted_widths

COLUMNS = ("term", "kind", "now", "before", "g2")
CAPS = {"term": 24}


@dataclass
class TermsRead(Message):
    """The emerging terms of `period`."""

    period: str
    terms: list[Any]


class TermsScreen(DeskScreen):
    """The terms, most significant first."""

    BINDINGS = [
        Binding("enter", "complaints", "quality_view.key.complaints", id="terms.complaints"),
        Binding("left_square_bracket", "month(-1)", "quality_view.key.previous", id="terms.previous",
                key_display="["),
        Binding("right_square_bracket", "month(1)", "quality_view.key.next", id="terms.next", key_display="]"),
        Binding("escape", "back", "quality_view.key.back", id="terms.back"),
    ]

    def __init__(self, period: str) -> None:
        super().__init__()
        self.period = period
        self.terms: list[Any] = []

    def compose(self) -> ComposeResult:
        yield SectionBar("reports")
        yield Static("", id="terms-title", classes="table-title")
        yield DataTable(id="terms-table", classes="section-table", cursor_type="row", zebra_stripes=True)
        yield Static(Text(i18n.t("quality_view.loading")), id="terms-status", classes="status-line")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self._heading()
        self._load()

    def _heading(self) -> None:
        self.query_one("#terms-title", Static).update(Text(i18n.t("quality_view.terms.title", period=self.period)))
        set_columns(self.query_one(DataTable), "quality_view.terms.column.", COLUMNS)

    def _load(self) -> None:
        period = self.period

        def read() -> TermsRead:
            from ....services.quality.terms import emerging_terms

            return TermsRead(period, emerging_terms(period))

        run_in_background(self, read, group="terms", failed="quality_view.load_failed")

    def on_terms_read(self, message: TermsRead) -> None:
        if message.period == self.period and (message.terms != self.terms or not self.terms):
            self.terms = message.terms
            self._show()

    def on_load_failed(self, message: LoadFailed) -> None:
        self.query_one("#terms-status", Static).update(Text(message.text))

    def on_data_changed(self, _message: DataChanged) -> None:
        self._load()

    def refresh_language(self) -> None:
        self._heading()
        self._show()

    def _show(self) -> None:
        table = self.query_one(DataTable)
        rows = [[term.term, i18n.t(f"quality_view.terms.kind_{term.kind}"), f"{term.now:,}", f"{term.before:,}",
                 f"{term.g2:.1f}"] for term in self.terms]
        set_columns(table, "quality_view.terms.column.", fitted_widths("quality_view.terms.column.", COLUMNS, rows, CAPS))
        for texts in rows:
            table.add_row(cell(texts[0]), cell(texts[1]), *[Text(text, justify="right") for text in texts[2:]])
        text = (i18n.t("quality_view.terms.count", count=len(self.terms)) if self.terms
                else i18n.t("quality_view.terms.empty", period=self.period))
        self.query_one("#terms-status", Static).update(Text(text))

    def current(self) -> Any | None:
        row = self.query_one(DataTable).cursor_row
        return self.terms[row] if 0 <= row < len(self.terms) else None

    @on(DataTable.RowSelected, "#terms-table")
    async def _chosen_row(self) -> None:
        await self.action_complaints()

    async def action_complaints(self) -> None:
        term = self.current()
        if term is None or not term.complaint_ids:
            return
        from .queue_jump import open_in_queue

        await open_in_queue(self.app, list(term.complaint_ids), i18n.t("quality_view.term_about", term=term.term))

    def action_month(self, step: int) -> None:
        self.period = shifted(self.period, step)
        self._heading()
        self.query_one("#terms-status", Static).update(Text(i18n.t("quality_view.loading")))
        self._load()

    def action_back(self) -> None:
        self.dismiss()
