"""Section 3, the deliveries board: the dispatcher's day by slot and status, and the keys that move orders."""

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static

from .... import i18n
from ....domain.deliveries import DeliveryMove, DeliveryStatus, OrderLine, delivery_moves, is_early
from ....domain.permissions import Action, allowed
from ....services.deliveries import orders
from ....services.deliveries.board import BoardView, is_overdue, load_board
from ....services.deliveries.quality import ShopQuality, shop_delivery_quality
from ...background import run_in_background
from ...bindings import key_for
from ...dialogs.confirm import ConfirmScreen
from ...messages import DataChanged, LoadFailed, SaveFailed
from ...widgets.desk_footer import DeskFooter
from ...widgets.section_bar import SectionBar
from ..desk_screen import DeskScreen, SavesInBackground
from .board_table import BoardList, board_columns, header_line
from .board_ways import move_refused
from .day_dialogs import DayDialog, RunsheetDialog
from .order_dialogs import MOVE_DIALOGS
from .shop_lines import quality_lines

QUALITY_DAYS = 30


@dataclass
class BoardLoaded(Message):
    """One day's board."""

    board: BoardView


@dataclass
class QualityLoaded(Message):
    """The delivery figures of the day's shops over the days before `day`."""

    day: date
    shops: list[ShopQuality]


class MoveDone(Message):
    """A move made without a dialog (out for delivery) was stored."""


# The moves asked about first when made before the order's promised day.
_EARLY_QUESTION = {"dispatch": "deliveries.dialog.early_out", "complete": "deliveries.dialog.early_complete"}


def _move(name: str) -> str:
    return f"move('{name}')"


class DeliveryBoardScreen(SavesInBackground, DeskScreen):
    """One day's orders; `enter` opens an order's complaint (read-only for the dispatcher)."""

    DEFAULT_CSS = """
    DeliveryBoardScreen #board-header { height: 1; padding: 0 2; color: $text-muted; }
    DeliveryBoardScreen #board-shops { height: 5; border-top: solid $panel; padding: 0 1; }
    DeliveryBoardScreen #board-shop-lines { text-wrap: nowrap; text-overflow: ellipsis; }
    DeliveryBoardScreen #board-empty { padding: 1 2; }
    DeliveryBoardScreen #board-empty.-hidden { display: none; }
    """

    BINDINGS = [
        Binding("a", _move("accept"), "deliveries.key.accept", id="deliveries.accept"),
        Binding("g", _move("crew"), "deliveries.key.crew", id="deliveries.crew", show=False),
        Binding("o", _move("dispatch"), "deliveries.key.dispatch", id="deliveries.dispatch"),
        Binding("c", _move("complete"), "deliveries.key.complete", id="deliveries.complete"),
        Binding("f", _move("fail"), "deliveries.key.fail", id="deliveries.fail"),
        Binding("r", _move("reschedule"), "deliveries.key.reschedule", id="deliveries.reschedule"),
        Binding("x", _move("cancel"), "deliveries.key.cancel", id="deliveries.cancel", show=False),
        Binding("t", "day('today')", "deliveries.key.today", id="deliveries.today", show=False),
        Binding("m", "day('tomorrow')", "deliveries.key.tomorrow", id="deliveries.tomorrow", show=False),
        Binding("left_square_bracket", "day('previous')", "deliveries.key.previous", id="deliveries.previous",
                show=False, key_display="["),
        Binding("right_square_bracket", "day('next')", "deliveries.key.next", id="deliveries.next", show=False,
                key_display="]"),
        Binding("d", "choose_day", "deliveries.key.day", id="deliveries.day"),
        Binding("v", "toggle_settled", "deliveries.key.settled", id="deliveries.settled", show=False),
        Binding("e", "export", "deliveries.key.export", id="deliveries.export"),
        Binding("p", "files", "attachments.key.files", id="deliveries.files"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.day = date.min  # set to today on mount, when the desk's clock can be read
        # Delivered and cancelled orders are counted per slot unless asked for (key v).
        self.list_settled = False
        self.board: BoardView | None = None
        self.shops: list[ShopQuality] = []
        self.columns = board_columns(120)
        self.busy = False

    def today(self) -> date:
        desk = self.session.desk
        return desk.clock().astimezone(desk.sla.zone).date()

    @property
    def board_list(self) -> BoardList:
        return self.query_one(BoardList)

    def compose(self) -> ComposeResult:
        yield SectionBar("deliveries")
        title = Static("", id="board-title", classes="status-line")
        title.styles.height = "auto"  # the day's counts take a second line on a narrow terminal
        yield title
        yield Static("", id="board-header")
        yield BoardList(id="board-list")
        yield Static(Text(i18n.t("deliveries.empty")), id="board-empty", classes="hint -hidden")
        with VerticalScroll(id="board-shops"):
            yield Static("", id="board-shop-lines")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.day = self.today()
        self.board_list.focus()
        self._layout(self.size.width)
        self.reload()
        self.set_interval(60, self.redraw)

    def on_resize(self) -> None:
        columns = board_columns(self.size.width)
        if columns != self.columns:
            self._layout(self.size.width)
            self.redraw()

    def _layout(self, width: int) -> None:
        self.columns = board_columns(width)
        self.query_one("#board-header", Static).update(header_line(self.columns))

    def refresh_language(self) -> None:
        """Every text in the language just chosen; the rows stay where they are."""
        self.query_one("#board-empty", Static).update(Text(i18n.t("deliveries.empty")))
        self._layout(self.size.width)
        self.redraw()

    # ----- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        self._load(self.day, self.list_settled)

    def _load(self, day: date, list_settled: bool) -> None:
        desk = self.session.desk
        run_in_background(
            self, lambda: BoardLoaded(load_board(day, desk.clock(), desk.sla.zone, list_settled=list_settled)),
            group="board", failed="deliveries.load_failed",
        )

    def _load_quality(self, day: date, shop_ids: list[int]) -> None:
        # The summary is a help, not the board: a failure says why and the board goes on.
        start = day - timedelta(days=QUALITY_DAYS - 1)
        run_in_background(self, lambda: QualityLoaded(day, shop_delivery_quality(start, day, shop_ids)),
                          group="board-quality", failed="deliveries.load_failed")

    def on_board_loaded(self, message: BoardLoaded) -> None:
        if message.board.day != self.day:
            return
        self.board = message.board
        self.redraw()
        self._load_quality(self.day, sorted({order.shop_id for order in self._all_orders()}))

    def on_quality_loaded(self, message: QualityLoaded) -> None:
        if message.day == self.day:
            self.shops = message.shops
            self._show_shops()

    def on_load_failed(self, message: LoadFailed) -> None:
        self.query_one("#board-title", Static).update(Text(message.text, style="bold red"))

    def on_data_changed(self, _message: DataChanged) -> None:
        self.reload()

    def _all_orders(self) -> list[Any]:
        return [*self.board.carried, *self.board.orders] if self.board else []

    def redraw(self) -> None:
        """Draw the loaded board again (time moves on: a slot may have ended), keeping the cursor."""
        if self.board is None:
            return
        desk = self.session.desk
        now, zone = desk.clock(), desk.sla.zone
        listing = self.board_list
        kept = listing.current()
        listing.show(self.board, self.columns, now, zone, kept.id if kept else None)
        self.query_one("#board-empty").set_class(bool(self._all_orders()), "-hidden")
        self.query_one("#board-title", Static).update(self._title(now, zone))
        self._show_shops()
        self.refresh_bindings()

    def _title(self, now: Any, zone: Any) -> Text:
        board = self.board
        assert board is not None
        when = i18n.t(f"deliveries.when.{self._when()}") if self._when() else ""
        day = f"{board.day.isoformat()} {i18n.t(f'deliveries.weekday.{board.day.weekday()}')}"
        cancelled = sum(1 for order in board.orders if order.status is DeliveryStatus.CANCELLED)
        cancelled += sum(counts.get(DeliveryStatus.CANCELLED, 0) for counts in board.settled.values())
        # Every carried-over order is overdue, listed or not.
        overdue = board.carried_total + sum(1 for order in board.orders if is_overdue(order, now, zone))
        failed = sum(1 for order in self._all_orders() if order.status is DeliveryStatus.FAILED)
        title = Text(i18n.t("deliveries.title", day=day, when=when).strip() + "  ", style="bold")
        title.append(i18n.t("deliveries.counts", orders=board.day_total - cancelled, carried=board.carried_total))
        if overdue or failed:
            title.append("  " + i18n.t("deliveries.alerts", overdue=overdue, failed=failed), style="bold red")
        return title

    def _when(self) -> str:
        offset = (self.day - self.today()).days
        return {0: "today", 1: "tomorrow", -1: "yesterday"}.get(offset, "")

    def _show_shops(self) -> None:
        lines = quality_lines(self.shops, QUALITY_DAYS)
        self.query_one("#board-shop-lines", Static).update(lines)

    # ----- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Moves are hidden from roles that may not move orders, greyed when the order's state forbids them."""
        if action != "move" or not parameters:
            return True
        actor = self.session.actor
        if actor is None or not allowed(actor.role, Action.UPDATE_DELIVERY):
            return False
        if not self.is_mounted or self.busy:
            return None
        order = self.board_list.current()
        if order is None or DeliveryMove(str(parameters[0])) not in delivery_moves(order.status):
            return None
        return True

    def unavailable_reason(self, action: str) -> str | None:
        """A greyed move names the moves the highlighted order needs first (nothing while none is highlighted)."""
        order = self.board_list.current() if self.is_mounted and not self.busy else None
        name = action.removeprefix("move('").removesuffix("')")
        if order is None or name not in DeliveryMove.__members__.values():
            return None
        return move_refused(order, DeliveryMove(name), lambda step: key_for(self, _move(step.value)) or step.value)

    @on(OptionList.OptionHighlighted, "#board-list")
    def _highlighted(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#board-list")
    def _open(self, message: OptionList.OptionSelected) -> None:
        order = self.board_list.current()
        if order is not None:
            self.desk_app.open_complaint(order.complaint_id)

    def action_move(self, name: str) -> None:
        order = self.board_list.current()
        if order is None or self.busy:
            return
        desk = self.session.desk
        if name in _EARLY_QUESTION and is_early(order.promised_date, desk.clock(), desk.sla.zone):
            # Going out or delivering before the promised day is asked first; it then counts as early.
            question = ConfirmScreen(
                i18n.t(_EARLY_QUESTION[name], number=order.number, date=order.promised_date.strftime("%m-%d"),
                       slot=i18n.label(order.slot)),
                i18n.t("deliveries.dialog.early_detail"), i18n.t("deliveries.dialog.early_yes"),
                i18n.t("deliveries.dialog.early_no"))
            self.app.push_screen(question, lambda yes: self._make_move(name, order) if yes else None)
            return
        self._make_move(name, order)

    def _make_move(self, name: str, order: OrderLine) -> None:
        if self.busy:
            return
        dialog = MOVE_DIALOGS[name]
        if dialog is None:
            self.busy = True
            self._dispatch(order.id, order.version)
            return
        self.app.push_screen(dialog(order, self.reload), self._dialog_closed)

    def _dispatch(self, order_id: int, version: int) -> None:
        session = self.session
        assert session.actor is not None
        actor = session.actor

        def dispatch() -> MoveDone:
            orders.dispatch_order(session.desk, actor, order_id, version)
            return MoveDone()

        run_in_background(self, dispatch, group="board-move", failed="background.save_failed", failure=SaveFailed)

    def on_move_done(self, _message: MoveDone) -> None:
        self.busy = False
        self._saved(True)

    def _dialog_closed(self, result: object) -> None:
        if result is not None:
            self._saved(result)

    def _saved(self, _result: object) -> None:
        self.notify(i18n.t("detail.saved"), markup=False)
        self.reload()
        self.desk_app.data_changed()

    def action_day(self, which: str) -> None:
        steps = {"today": None, "tomorrow": None, "previous": -1, "next": 1}
        step = steps[which]
        if step is None:
            self.show_day(self.today() + timedelta(days=1 if which == "tomorrow" else 0))
        else:
            self.show_day(self.day + timedelta(days=step))

    def show_day(self, day: date) -> None:
        """Put `day` on the board."""
        self.day = day
        self.board = None
        self.shops = []
        self.reload()

    def action_toggle_settled(self) -> None:
        self.list_settled = not self.list_settled
        self.reload()

    def action_choose_day(self) -> None:
        self.app.push_screen(DayDialog(self.day), self._day_chosen)

    def _day_chosen(self, day: date | None) -> None:
        if day is not None:
            self.show_day(day)

    def action_files(self) -> None:
        """The order's photos and papers: what the crew delivered, signed notes."""
        order = self.board_list.current()
        if order is None:
            return
        from ....domain.attachments import AttachmentSubject
        from ..attachments.files import AttachmentsScreen

        self.app.push_screen(AttachmentsScreen(AttachmentSubject.DELIVERY, order.id, order.number))

    def action_export(self) -> None:
        self.app.push_screen(RunsheetDialog(self.day), self._exported)

    def _exported(self, result: tuple[Path, int] | None) -> None:
        if result is not None:
            out, count = result
            self.notify(i18n.t("deliveries.exported", out=str(out), count=count), markup=False)
