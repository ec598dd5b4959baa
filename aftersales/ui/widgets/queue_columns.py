"""Which queue columns a terminal of a given width shows, and how wide: by priority, nothing cut.

The complaint number always shows in full; then status, time left, severity, customer, shop,
owner, category and the time received, as long as each fits whole. Columns never shrink below what
their content needs (a category label is shown whole or not at all); what is left widens the
customer column a little and gives the shop name the rest.
"""

from dataclasses import dataclass

from rich.cells import cell_len

from ... import i18n
from ...domain.enums import Category, ComplaintStatus, Severity
from ...domain.schemas import QueueRow

# Display order.
ORDER = ("number", "time", "shop", "customer", "category", "severity", "status", "assignee", "time_left")
# Kept first when the terminal is narrow (the number can never go).
PRIORITY = ("number", "status", "time_left", "severity", "customer", "shop", "assignee", "category", "time")
PADDING = 2  # DataTable pads each cell by one on either side
SCROLLBAR = 1
NUMBER_CELLS = 16  # TS-YYYYMMDD-NNNN; a busy day's five-digit sequence needs 17
CUSTOMER_CELLS = (16, 22)  # least (a short name and the masked phone) and most
SHOP_CELLS = (8, 14)  # least, and most before the customer column grows; the shop also takes what is left


@dataclass(frozen=True)
class ColumnPlan:
    """The columns to show, in display order, with their widths in cells."""

    widths: dict[str, int]

    @property
    def keys(self) -> list[str]:
        return list(self.widths)


def _widest(texts: list[str]) -> int:
    return max((cell_len(text) for text in texts), default=0)


def least_widths(rows: list[QueueRow], time_left_texts: list[str]) -> dict[str, int]:
    """What each column needs in the current language: its header, its longest label, the loaded rows."""
    header = {key: cell_len(i18n.t(f"queue.column.{key}")) for key in ORDER}
    needs = {
        "number": max(NUMBER_CELLS, _widest([row.number for row in rows])),
        "time": 11,
        "shop": SHOP_CELLS[0],
        "customer": CUSTOMER_CELLS[0],
        "category": _widest([i18n.t(f"queue.category.{c.value}") for c in Category]),
        "severity": _widest([i18n.label(s) for s in Severity]),
        "status": _widest([i18n.label(s) for s in ComplaintStatus]),
        "assignee": max(6, _widest([row.assignee_code or "" for row in rows])),
        "time_left": _widest(time_left_texts),
    }
    return {key: max(needs[key], header[key]) for key in ORDER}


def plan_columns(width: int, least: dict[str, int]) -> ColumnPlan:
    """The columns that fit in `width` terminal cells, most important first, and their widths."""
    room = width - SCROLLBAR
    shown: set[str] = set()
    for key in PRIORITY:
        cost = least[key] + PADDING
        if cost <= room or key == "number":
            shown.add(key)
            room -= cost
    widths = {key: least[key] for key in ORDER if key in shown}
    room = max(0, room)
    # Spare cells: a shop name whole (most are), then the customer's, then the rest to the shop.
    for key, most in (("shop", SHOP_CELLS[1]), ("customer", CUSTOMER_CELLS[1])):
        if key in widths:
            grow = max(0, min(room, most - widths[key]))
            widths[key] += grow
            room -= grow
    if "shop" in widths:
        widths["shop"] += room
    return ColumnPlan(widths)
