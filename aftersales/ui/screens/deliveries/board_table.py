"""The board's list: one day's orders under slot headings (carried-over ones first), overdue and failed in red.

An OptionList of one-line rows laid out in columns, so a heading can span the width and the cursor steps
over headings by itself.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .... import i18n
from ....domain.deliveries import SLOT_HOURS, DeliveryKind, DeliveryStatus, OrderLine, Slot
from ....domain.text import mask_phone, strip_controls
from ....services.deliveries.board import BoardView, is_overdue

# Column → least width in cells; "address" takes what is left. NARROW_DROPS give way on a narrow terminal,
# first to last: the order, its slot, its status and its complaint's number stay at 80 columns.
COLUMNS: list[tuple[str, int]] = [
    ("order", 9), ("slot", 4), ("status", 8), ("crew", 6), ("kind", 8), ("contact", 18), ("address", 0),
    ("items", 12), ("complaint", 16),
]
NARROW_DROPS = ("items", "kind", "contact", "crew")
ADDRESS_MIN = 16
GAP = 1
# In front of the status of an order still open after its slot ended.
LATE = "⚠ "
# Cells OptionList takes around its rows (padding, scrollbar).
FRAME = 4

_STATUS_STYLE = {
    DeliveryStatus.FAILED: "bold red",
    DeliveryStatus.REQUESTED: "bold yellow",
    DeliveryStatus.RESCHEDULED: "yellow",
    DeliveryStatus.OUT: "cyan",
    DeliveryStatus.COMPLETED: "green",
    DeliveryStatus.CANCELLED: "dim",
}


def _widest(values: list[str], header: str, least: int) -> int:
    return max(least, cell_len(header), *(cell_len(value) for value in values))


def board_columns(width: int) -> list[tuple[str, int]]:
    """Columns and widths that fit `width` cells in the current language (status and slot never cut)."""
    widths = dict(COLUMNS)
    widths["status"] = _widest([LATE + i18n.label(s) for s in DeliveryStatus], i18n.t("deliveries.column.status"), 8)
    widths["slot"] = _widest([i18n.label(s) for s in Slot], i18n.t("deliveries.column.slot"), 4)
    widths["kind"] = min(12, _widest([i18n.label(k) for k in DeliveryKind], i18n.t("deliveries.column.kind"), 8))
    shown = [name for name, _ in COLUMNS]
    room = width - FRAME
    used = 0
    for drop in (None, *NARROW_DROPS):
        if drop is not None:
            shown.remove(drop)
        used = sum(widths[name] for name in shown if name != "address") + GAP * (len(shown) - 1)
        if room - used >= ADDRESS_MIN:
            break
    widths["address"] = max(ADDRESS_MIN, room - used)
    return [(name, widths[name]) for name in shown]


def _fit(value: str, width: int, style: str = "") -> Text:
    """`value` as literal text in exactly `width` cells: control codes stripped, cut with an ellipsis."""
    text = Text(strip_controls(value).replace("\n", " "), style=style, no_wrap=True)
    text.truncate(width, overflow="ellipsis", pad=True)
    return text


def _line(cells: list[Text]) -> Text:
    return Text(" " * GAP).join(cells)


def header_line(columns: list[tuple[str, int]]) -> Text:
    return _line([_fit(i18n.t(f"deliveries.column.{name}"), width, "bold") for name, width in columns])


def order_line(order: OrderLine, columns: list[tuple[str, int]], now: datetime, zone: ZoneInfo) -> Text:
    """One order as a row; a late order's status is marked ⚠ and red."""
    late = is_overdue(order, now, zone)
    status = (LATE if late else "") + i18n.label(order.status)
    values = {
        "order": (order.number, "bold"),
        "slot": (i18n.label(order.slot), ""),
        "status": (status, "bold red" if late else _STATUS_STYLE.get(order.status, "")),
        "crew": (order.crew or "—", "" if order.crew else "dim"),
        "kind": (i18n.label(order.kind), ""),
        "contact": (f"{order.contact_name} {mask_phone(order.contact_phone)}", ""),
        "address": (order.address, ""),
        "items": (order.items, ""),
        "complaint": (order.complaint_number, ""),
    }
    return _line([_fit(values[name][0], width, values[name][1]) for name, width in columns])


def settled_line(counts: dict[DeliveryStatus, int]) -> Text:
    """The line under a slot's open orders counting its delivered and cancelled ones (v lists them)."""
    done, off = counts.get(DeliveryStatus.COMPLETED, 0), counts.get(DeliveryStatus.CANCELLED, 0)
    return Text(f"  ✓ {i18n.t('deliveries.settled', done=done, cancelled=off)}", style="dim green")


def group_line(slot: Slot | None, count: int, shown: int | None = None) -> Text:
    """The heading above a slot's orders (or above the orders carried over from earlier days, of which
    `shown` are listed)."""
    if slot is None:
        key = "deliveries.group.carried" if shown is None or shown >= count else "deliveries.group.carried_some"
        return Text(f"▌{i18n.t(key, count=count, shown=shown)}", style="bold red")
    start, end = SLOT_HOURS[slot]
    return Text(f"▌{i18n.label(slot)} {start:%H}–{end:%H} · {count}", style="bold")


class BoardList(OptionList):
    """The day's orders under slot headings; option ids are order ids, headings are disabled options."""

    DEFAULT_CSS = """
    BoardList { height: 1fr; padding: 0 1; border: none; scrollbar-size-vertical: 1; }
    BoardList:focus { border: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.orders: dict[int, OrderLine] = {}

    def show(self, board: BoardView, columns: list[tuple[str, int]], now: datetime, zone: ZoneInfo,
             keep: int | None = None) -> None:
        """Draw `board`, the cursor on order `keep` if it is still there, else on the first order."""
        self.orders = {}
        options: list[Option] = []
        if board.carried:
            heading = group_line(None, board.carried_total, len(board.carried))
            options.append(Option(heading, id="group-carried", disabled=True))
            options.extend(self._order_options(board.carried, columns, now, zone))
        for slot in Slot:
            in_slot = [order for order in board.orders if order.slot is slot]
            settled = board.settled.get(slot, {})
            if not in_slot and not settled:
                continue
            count = len(in_slot) + sum(settled.values())
            options.append(Option(group_line(slot, count), id=f"group-{slot}", disabled=True))
            options.extend(self._order_options(in_slot, columns, now, zone))
            if settled:
                options.append(Option(settled_line(settled), id=f"settled-{slot}", disabled=True))
        self.clear_options()
        self.add_options(options)
        target = keep if keep in self.orders else next(iter(self.orders), None)
        if target is not None:
            self.highlighted = self.get_option_index(str(target))

    def _order_options(self, orders: list[OrderLine], columns: list[tuple[str, int]], now: datetime,
               zone: ZoneInfo) -> list[Option]:
        out = []
        for order in orders:
            self.orders[order.id] = order
            out.append(Option(order_line(order, columns, now, zone), id=str(order.id)))
        return out

    def current(self) -> OrderLine | None:
        """The order under the cursor (None on an empty board)."""
        option = self.highlighted_option
        if option is None or option.id is None or not option.id.isdigit():
            return None
        return self.orders.get(int(option.id))
