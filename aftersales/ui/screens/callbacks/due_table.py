"""A table of call-backs due: when, which complaint, who to call (phone masked), why, tries so far."""

from datetime import datetime
from zoneinfo import ZoneInfo

from rich.text import Text
from textual.widgets import DataTable

from .... import i18n
from ....domain.callbacks import CallbackPurpose, DueRow
from ....domain.text import mask_phone, strip_controls
from ...formatting import local_time
from ...widgets.table_columns import set_columns

COLUMNS: list[tuple[str, int]] = [
    ("due", 13), ("complaint", 16), ("customer", 20), ("purpose", 40), ("attempts", 6), ("assignee", 6),
]
# On a narrow terminal the assignee and the tries give way first, then the purpose narrows down to PURPOSE_LEAST cells.
NARROW_DROPS = ("assignee", "attempts")
PURPOSE_LEAST = 12
CELL_PADDING = 2  # DataTable's space around each cell
EDGE = 1  # the scrollbar


def fit_columns(shown: list[str], width: int) -> dict[str, int]:
    """The columns of `shown` and their widths within `width` cells (all of them as wide as they like when
    `width` is 0, before the table has a size)."""
    widths = {name: least for name, least in COLUMNS if name in shown}

    def used() -> int:
        return sum(widths.values()) + CELL_PADDING * len(widths) + EDGE

    for drop in NARROW_DROPS:
        if not width or used() <= width:
            return widths
        widths.pop(drop, None)
    if "purpose" in widths and used() > width:
        widths["purpose"] = max(PURPOSE_LEAST, widths["purpose"] - (used() - width))
    return widths


def _cell(value: str, style: str = "") -> Text:
    return Text(strip_controls(value), style=style, no_wrap=True, overflow="ellipsis")


def purpose_text(purpose: CallbackPurpose, payment: bool) -> str:
    """The purpose's label, with "+ payment" when the call also confirms money."""
    text = i18n.label(purpose)
    return f"{text} + {i18n.label(CallbackPurpose.CONFIRM_PAYMENT)}" if payment else text


def due_cells(row: DueRow, now: datetime, zone: ZoneInfo, columns: list[str]) -> list[Text]:
    overdue = row.due_at <= now
    values = {
        "due": _cell(("⚠ " if overdue else "") + local_time(row.due_at, zone), "bold red" if overdue else ""),
        "complaint": _cell(row.complaint_number, "bold"),
        "customer": _cell(f"{row.customer_name} {mask_phone(row.phone)}"),
        "purpose": _cell(purpose_text(row.purpose, row.confirm_payment)),
        "attempts": _cell(str(row.attempts) if row.attempts else "—", "" if row.attempts else "dim"),
        "assignee": _cell(row.assignee_code or "—"),
    }
    return [values[name] for name in columns]


class DueTable(DataTable[Text]):
    """Call-backs due, overdue first; row keys are call-back ids."""

    DEFAULT_CSS = """
    DueTable { height: 1fr; scrollbar-size-vertical: 1; }
    """

    def __init__(self, *, columns: list[str] | None = None, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.wanted = columns or [name for name, _ in COLUMNS]
        self.widths = fit_columns(self.wanted, 0)
        self.rows_by_id: dict[int, DueRow] = {}
        self._drawn: tuple[list[DueRow], datetime, ZoneInfo] | None = None

    @property
    def shown(self) -> list[str]:
        """The columns on screen now (a narrow terminal leaves some out)."""
        return list(self.widths)

    def on_mount(self) -> None:
        self.label_columns()

    def on_resize(self) -> None:
        if fit_columns(self.wanted, self.size.width) != self.widths:
            self.label_columns()

    def label_columns(self) -> None:
        """Head the columns in the current language, as many and as wide as the table's width allows."""
        self.widths = fit_columns(self.wanted, self.size.width)
        set_columns(self, "callbacks.column.", self.widths)
        if self._drawn is not None:
            self.show(*self._drawn)

    def show(self, rows: list[DueRow], now: datetime, zone: ZoneInfo) -> None:
        """Put `rows` in, keeping the cursor on the same call-back when it is still due."""
        kept = self.current()
        self.clear()
        self._drawn = (rows, now, zone)
        self.rows_by_id = {row.id: row for row in rows}
        for row in rows:
            self.add_row(*due_cells(row, now, zone, self.shown), key=str(row.id))
        if kept is not None and kept.id in self.rows_by_id:
            self.move_cursor(row=self.get_row_index(str(kept.id)), animate=False)

    def current(self) -> DueRow | None:
        if not self.row_count or not self.rows_by_id:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return self.rows_by_id.get(int(key)) if key else None
