"""The Pareto of a month: the complaint categories (or products) that make up 80 % of the complaints, for the
mall, one shop, one brand or one shop category; as a chart and a table.

Keys: [ and ] step the month, o switches between categories and products, s picks the scope, escape goes back.
"""

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from .... import i18n
from ....domain.errors import InvalidInput
from ...background import run_in_background
from ...dialogs.form_dialog import PickDialog
from ...messages import DataChanged, LoadFailed
from ...widgets.choice_select import ChoiceSelect
from ...widgets.desk_footer import DeskFooter
from ...widgets.section_bar import SectionBar
from ...widgets.table_columns import set_columns
from ..desk_screen import DeskScreen
from ..directory.base import cell
from ..directory.fields import chosen, line, text_field
from ..scorecards.period import shifted
from .charts import ParetoChart
from .wording import fitted_widths, month_span, row_key_text, scope_text

SCOPES = ("mall", "shop", "brand", "category")
COLUMNS = ("number", "key", "count", "share", "cumulative")
# A product's or category's name takes what an 80-column terminal leaves; more on a wider one.
NARROW_BELOW = 100  # breakpoints.HORIZONTAL's -narrow


@dataclass
class ParetoRead(Message):
    """The Pareto rows of one month and scope."""

    asked: tuple[str, str, str | None, str]
    view: Any


class ParetoScreen(DeskScreen):
    """A chart of the rows' shares beside their table; vital rows (within the first 80 %) in bold."""

    DEFAULT_CSS = """
    ParetoScreen #pareto-body { height: 1fr; }
    ParetoScreen #pareto-side { width: 1fr; }
    ParetoScreen #pareto-chart-title { height: 1; padding: 0 1; text-style: bold; }
    ParetoScreen #pareto-chart { height: 1fr; }
    ParetoScreen #pareto-table { width: 49; height: 1fr; }
    ParetoScreen.-normal #pareto-table, ParetoScreen.-wide #pareto-table { width: 61; }
    """

    BINDINGS = [
        Binding("o", "of", "quality_view.key.of", id="pareto.of"),
        Binding("s", "scope", "quality_view.key.scope", id="pareto.scope"),
        Binding("left_square_bracket", "month(-1)", "quality_view.key.previous", id="pareto.previous",
                key_display="["),
        Binding("right_square_bracket", "month(1)", "quality_view.key.next", id="pareto.next", key_display="]"),
        Binding("escape", "back", "quality_view.key.back", id="pareto.back"),
    ]

    def __init__(self, period: str, scope: str = "mall", key: str | None = None, of: str = "category") -> None:
        super().__init__()
        self.period = period
        self.scope = scope if scope in SCOPES else "mall"
        self.key = key if self.scope != "mall" else None
        self.of = of
        self.view: Any = None

    def compose(self) -> ComposeResult:
        yield SectionBar("reports")
        yield Static("", id="pareto-title", classes="table-title")
        with Horizontal(id="pareto-body"):
            with Vertical(id="pareto-side"):
                yield Static("", id="pareto-chart-title")
                yield ParetoChart(id="pareto-chart")
            yield DataTable(id="pareto-table", cursor_type="row", zebra_stripes=True)
        yield Static(Text(i18n.t("quality_view.loading")), id="pareto-status", classes="status-line")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self._heading()
        self._load()

    def _asked(self) -> tuple[str, str, str | None, str]:
        return self.period, self.scope, self.key, self.of

    def _heading(self) -> None:
        scope = scope_text(self.scope) + (f" {self.key}" if self.key else "")
        title = i18n.t("quality_view.pareto.title", period=self.period, scope=scope,
                       of=i18n.t(f"quality_view.pareto.of_{self.of}"))
        self.query_one("#pareto-title", Static).update(Text(title))
        set_columns(self.query_one(DataTable), "quality_view.pareto.column.", COLUMNS)

    def _load(self) -> None:
        asked = self._asked()
        first, last = month_span(self.period)

        def read() -> ParetoRead:
            from ....services.quality.pareto import pareto_for

            return ParetoRead(asked, pareto_for(first, last, asked[1], asked[2], asked[3]))

        run_in_background(self, read, group="pareto", failed="quality_view.load_failed")

    def on_pareto_read(self, message: ParetoRead) -> None:
        if message.asked == self._asked() and message.view != self.view:
            self.view = message.view
            self._show()

    def on_load_failed(self, message: LoadFailed) -> None:
        self.query_one("#pareto-status", Static).update(Text(message.text))

    def on_data_changed(self, _message: DataChanged) -> None:
        self._load()

    def refresh_language(self) -> None:
        self._heading()
        if self.view is not None:
            self._show()

    def _show(self) -> None:
        rows = self.view.rows
        table = self.query_one(DataTable)
        texts = [[str(number), row_key_text(row.key, self.of), f"{row.count:,}", f"{row.share * 100:.1f}",
                  f"{row.cumulative * 100:.1f}"] for number, row in enumerate(rows, start=1)]
        caps = {"key": 14 if self.app.size.width < NARROW_BELOW else 26}
        set_columns(table, "quality_view.pareto.column.", fitted_widths("quality_view.pareto.column.", COLUMNS, texts,
                                                                       caps))
        for row, shown in zip(rows, texts, strict=True):
            style = "bold" if row.vital else ""
            table.add_row(Text(shown[0], justify="right"), cell(shown[1], style),
                          Text(shown[2], justify="right", style=style), Text(shown[3], justify="right"),
                          Text(shown[4], justify="right"))
        self.query_one("#pareto-chart-title", Static).update(Text(i18n.t("quality_view.pareto.chart")))
        self.query_one(ParetoChart).show(rows)
        if rows:
            text = i18n.t("quality_view.pareto.total", total=f"{self.view.total:,}",
                          vital=sum(1 for row in rows if row.vital))
        else:
            text = i18n.t("quality_view.pareto.empty", period=self.period)
        self.query_one("#pareto-status", Static).update(Text(text))

    def _reload(self) -> None:
        self._heading()
        self.query_one("#pareto-status", Static).update(Text(i18n.t("quality_view.loading")))
        self._load()

    def action_month(self, step: int) -> None:
        self.period = shifted(self.period, step)
        self._reload()

    def action_of(self) -> None:
        self.of = "product" if self.of == "category" else "category"
        self._reload()

    def action_scope(self) -> None:
        def picked(result: Any) -> None:
            if result:
                self.scope, self.key = result
                self._reload()

        self.app.push_screen(ScopeDialog((self.scope, self.key)), picked)

    def action_back(self) -> None:
        self.dismiss()


class ScopeDialog(PickDialog[tuple[str, str | None]]):
    """The mall as a whole, or one shop (by code), one brand or one shop category."""

    title_key = "quality_view.pareto.key_title"
    save_key = "quality_view.dialog.save"
    field = "scope"

    def title_text(self) -> str:
        return i18n.t(self.title_key, scope=i18n.t("quality_view.key.scope"))

    def compose_fields(self) -> ComposeResult:
        scope, key = self.current
        options = [(scope_text(name), name) for name in SCOPES]
        yield line("scope_kind", "quality_view.key.scope",
                   ChoiceSelect(options, id="field-scope_kind", value=scope, allow_blank=False, compact=True))
        yield line("key", "quality_view.pareto.key_label", text_field("key", key or "", max_length=60))

    def values(self) -> dict[str, Any]:
        scope = chosen(self.query_one("#field-scope_kind", ChoiceSelect)) or "mall"
        key = self.query_one("#field-key", Input).value.strip()
        if scope != "mall" and not key:
            raise InvalidInput("no key", {"key": i18n.t("quality_view.pareto.key_label")})
        return {"scope": (scope, key if scope != "mall" else None)}
