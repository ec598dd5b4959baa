"""Sales documents (from section 6, key `d`): stock per kind and holder, the latest moves, look-up and export."""

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from .... import i18n
from ....domain.documents.enums import NumberState
from ....domain.documents.schemas import MoveView, StockLine
from ....domain.permissions import Action, allowed
from ....services.documents.read import recent_moves, stock_report
from ...background import run_in_background
from ...messages import DataChanged, LoadFailed
from ...read_only import refuse_when_read_only
from ...widgets.desk_footer import DeskFooter
from ...widgets.section_bar import SectionBar
from ...widgets.table_columns import set_columns
from ..desk_screen import DeskScreen
from ..directory.base import cell
from .dialogs import LookupDialog, MoveDialog

MOVES_SHOWN = 100
STATES = tuple(NumberState)


@dataclass
class DocumentsLoaded(Message):
    """Stock per kind and holder, and the latest moves."""

    stock: list[StockLine]
    moves: list[MoveView]


class DocumentsScreen(DeskScreen):
    """What the desk and each shop hold of every kind of numbered form, and what moved last."""

    BINDINGS = [
        Binding("m", "move", "documents.key.move", id="documents.move"),
        Binding("l", "lookup", "documents.key.lookup", id="documents.lookup"),
        Binding("x", "export", "documents.key.export", id="documents.export"),
        Binding("escape", "back", "documents.key.back", id="documents.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.stock: list[StockLine] = []
        self.moves: list[MoveView] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield SectionBar("shops")
        yield Static(Text(i18n.t("documents.stock_title")), id="stock-title", classes="table-title")
        yield DataTable(id="documents-stock", classes="section-table", cursor_type="row", zebra_stripes=True)
        yield Static(Text(i18n.t("documents.moves_title")), id="moves-title", classes="table-title")
        yield DataTable(id="documents-moves", classes="section-table", cursor_type="row", zebra_stripes=True)
        yield Static(Text(i18n.t("documents.loading")), id="documents-status", classes="status-line")
        yield DeskFooter()

    def on_mount(self) -> None:
        self._columns()
        self.query_one("#documents-stock", DataTable).focus()
        self._load()

    def _columns(self) -> None:
        stock = self.query_one("#documents-stock", DataTable)
        set_columns(stock, "documents.column.", ("kind", "holder"))
        for state in STATES:
            stock.add_column(Text(i18n.label(state), justify="right"), key=state.value)
        stock.add_column(Text(i18n.t("documents.total"), justify="right"), key="total")
        set_columns(self.query_one("#documents-moves", DataTable), "documents.column.",
                    ("at", "move", "numbers", "count", "shop", "by"))

    def _load(self) -> None:
        run_in_background(self, lambda: DocumentsLoaded(stock_report(), recent_moves(MOVES_SHOWN)), group="documents",
                          failed="directory.load_failed")

    def on_load_failed(self, message: LoadFailed) -> None:
        self.query_one("#documents-status", Static).update(Text(message.text))

    def on_documents_loaded(self, message: DocumentsLoaded) -> None:
        self.stock, self.moves, self.loaded = message.stock, message.moves, True
        self._show()

    def _show(self) -> None:
        zone = self.session.desk.sla.zone
        stock = self.query_one("#documents-stock", DataTable)
        stock.clear()
        for line in self.stock:
            holder = line.shop_code or i18n.t("documents.desk")
            counts = [Text(f"{line.counts.get(state, 0):,}", justify="right") for state in STATES]
            stock.add_row(cell(i18n.label(line.kind)), cell(holder), *counts, Text(f"{line.total:,}", justify="right"))
        moves = self.query_one("#documents-moves", DataTable)
        moves.clear()
        for move in self.moves:
            moves.add_row(cell(f"{move.at.astimezone(zone):%m-%d %H:%M}"), cell(i18n.label(move.move)),
                          cell(move.written), Text(f"{move.count:,}", justify="right"), cell(move.shop_code or "—"),
                          cell(move.actor_code))
        status = i18n.t("documents.empty") if not self.stock else ""
        self.query_one("#documents-status", Static).update(Text(status))

    def on_data_changed(self, _message: DataChanged) -> None:
        self._load()

    def refresh_language(self) -> None:
        self.query_one("#stock-title", Static).update(Text(i18n.t("documents.stock_title")))
        self.query_one("#moves-title", Static).update(Text(i18n.t("documents.moves_title")))
        self._columns()
        self._show()

    # ----- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move":
            actor = self.session.actor
            return actor is not None and allowed(actor.role, Action.MANAGE_DOCUMENTS)
        return True

    def action_move(self) -> None:
        if refuse_when_read_only(self.app):
            return
        self.app.push_screen(MoveDialog(), self._moved)

    def _moved(self, result: Any) -> None:
        if result is None:
            return
        self.notify(i18n.t("documents.cli.moved", move=i18n.label(result.move), numbers=result.written,
                           count=result.count, shop=result.shop_code), markup=False)
        self.desk_app.data_changed()

    def action_lookup(self) -> None:
        self.app.push_screen(LookupDialog())

    def action_export(self) -> None:
        from .export import ExportStockDialog

        self.app.push_screen(ExportStockDialog(), self._exported)

    def _exported(self, result: Any) -> None:
        if result is not None:
            self.notify(i18n.t("documents.exported", path=result), markup=False)

    def action_back(self) -> None:
        self.dismiss()
