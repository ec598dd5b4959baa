"""The complaint queue table: shows a window of rows and asks for more as the cursor nears its edges."""

from datetime import datetime
from zoneinfo import ZoneInfo

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from ... import i18n
from ...domain.enums import Category, ComplaintStatus, Severity
from ...domain.schemas import QueueRow
from ...domain.text import mask_phone, strip_controls
from ..bindings import translate_bindings
from ..formatting import local_time, time_left
from .queue_window import QueueWindow

# Column order and least widths in terminal cells (Chinese characters take two).
COLUMNS: list[tuple[str, int]] = [
    ("number", 16),
    ("time", 11),
    ("shop", 9),
    ("customer", 16),
    ("category", 0),  # whatever is left, up to its longest label
    ("severity", 8),
    ("status", 0),  # its longest label, never cut ("Awaiting delivery", "等待配送")
    ("assignee", 6),
    ("time_left", 8),
]
# Cells the columns share on a 120-column terminal: less two padding cells per column and
# the one-cell scrollbar.
TABLE_CELLS = 120 - 2 * len(COLUMNS) - 1
# Where cells left over go, in turn, and how wide each may grow.
_GROWS = [("customer", 18), ("shop", 14)]
# Ask for the next page while the cursor is still a screen or so away from the end of what is loaded.
PREFETCH_MARGIN = 40

_SEVERITY_STYLE = {Severity.CRITICAL: "bold red", Severity.HIGH: "yellow"}
_NO_CLOCK = {ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED}


def column_widths() -> dict[str, int]:
    """Widths for the current language: status never cut, then category, customer and shop share the rest."""
    widths = dict(COLUMNS)
    header = cell_len(i18n.t("queue.column.status"))
    widths["status"] = max(header, *(cell_len(i18n.label(s)) for s in ComplaintStatus))
    free = TABLE_CELLS - sum(widths.values())
    longest = max(cell_len(i18n.label(c)) for c in Category)
    widths["category"] = max(6, min(longest, free))
    free -= widths["category"]
    for key, most in _GROWS:
        grow = max(0, min(free, most - widths[key]))
        widths[key] += grow
        free -= grow
    return widths


def _cell(value: str, style: str = "") -> Text:
    """User text as a one-line cell: never markup, no control codes, cut with an ellipsis when too wide."""
    return Text(strip_controls(value), style=style, no_wrap=True, overflow="ellipsis")


def customer_cell(name: str, phone: str, width: int) -> Text:
    """`name 139****1234` in `width` cells: a long name is cut, the phone's last digits stay in view."""
    masked = mask_phone(phone)
    room = width - cell_len(masked) - 1
    name = strip_controls(name)
    if room < 2:
        return _cell(f"{name} {masked}")
    if cell_len(name) > room:
        kept = ""
        for char in name:  # whole characters only: half a wide character cannot be shown
            if cell_len(kept + char) > room - 1:
                break
            kept += char
        name = kept + "…"
    return Text(f"{name} {masked}", no_wrap=True, overflow="ellipsis")


def row_cells(row: QueueRow, now: datetime, zone: ZoneInfo, customer_width: int = 18) -> list[Text]:
    """The cells of one queue line."""
    if row.status in _NO_CLOCK:
        left = _cell(i18n.t("queue.no_deadline"), "dim")
    else:
        due = row.ack_due_at if row.status is ComplaintStatus.NEW else row.resolve_due_at
        left = _cell(time_left(due, now), "bold red" if due < now else "")
    return [
        _cell(row.number),
        _cell(local_time(row.created_at, zone)),
        _cell(row.shop_name),
        customer_cell(row.customer_name, row.phone, customer_width),
        _cell(i18n.label(row.category)),
        _cell(i18n.label(row.severity), _SEVERITY_STYLE.get(row.severity, "")),
        _cell(i18n.label(row.status)),
        _cell(row.assignee_code or ""),
        left,
    ]


class QueueTable(DataTable[Text]):
    """DataTable over a QueueWindow; `home`/`end` jump to the first/last page of the whole queue."""

    DEFAULT_CSS = """
    QueueTable { scrollbar-size-vertical: 1; }
    """

    BINDINGS = [
        Binding("home,ctrl+home", "first_page", "queue.key.first", show=False, id="queue.first"),
        Binding("end,ctrl+end", "last_page", "queue.key.last", show=False, id="queue.last"),
    ]

    class NeedRows(Message):
        """The cursor is near an edge of the loaded rows: fetch the next (or previous) page."""

        def __init__(self, forward: bool) -> None:
            super().__init__()
            self.forward = forward

    class Jump(Message):
        """Go to the first or last page of the whole queue."""

        def __init__(self, to_end: bool) -> None:
            super().__init__()
            self.to_end = to_end

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.window = QueueWindow()
        self.loading_more = False
        translate_bindings(self)

    def on_mount(self) -> None:
        for key, width in column_widths().items():
            self.add_column(Text(i18n.t(f"queue.column.{key}")), width=width, key=key)

    def relabel(self) -> None:
        """Column titles and widths in the current language (the rows are redrawn right after)."""
        for key, width in column_widths().items():
            column = self.columns[ColumnKey(key)]
            column.label = Text(i18n.t(f"queue.column.{key}"))
            column.width = width
        self.refresh()

    def show_window(self, now: datetime, zone: ZoneInfo, cursor_row: int = 0, scroll_y: float | None = None) -> None:
        """Redraw every loaded row and put the cursor on `cursor_row` (clamped)."""
        self.clear()
        self.add_rows_of(self.window.rows, now, zone)
        if not self.window.rows:
            return
        target = max(0, min(cursor_row, len(self.window.rows) - 1))
        if scroll_y is None:
            self.move_cursor(row=target, scroll=True, animate=False)
        else:
            self.move_cursor(row=target, scroll=False)
            # Keep the rows where the eye left them after rows were dropped or added above.
            self.call_after_refresh(self.scroll_to, y=max(0.0, scroll_y), animate=False, immediate=True)

    def add_rows_of(self, rows: list[QueueRow], now: datetime, zone: ZoneInfo) -> None:
        width = self.columns[ColumnKey("customer")].width
        for row in rows:
            self.add_row(*row_cells(row, now, zone, width), key=str(row.id))

    def current_id(self) -> int | None:
        """Id of the complaint under the cursor, if any."""
        if not self.window.rows or self.cursor_row >= len(self.window.rows):
            return None
        return self.window.rows[self.cursor_row].id

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.check_edges()

    def check_edges(self) -> None:
        """Ask for more rows when the cursor is close to either end of the window."""
        if self.loading_more or not self.window.rows:
            return
        row = self.cursor_row
        if self.window.more_after and row >= len(self.window.rows) - PREFETCH_MARGIN:
            self.loading_more = True
            self.post_message(self.NeedRows(forward=True))
        elif self.window.more_before and row < PREFETCH_MARGIN:
            self.loading_more = True
            self.post_message(self.NeedRows(forward=False))

    def action_first_page(self) -> None:
        if self.window.more_before:
            self.post_message(self.Jump(to_end=False))
        elif self.row_count:
            self.move_cursor(row=0)

    def action_last_page(self) -> None:
        if self.window.more_after:
            self.post_message(self.Jump(to_end=True))
        elif self.row_count:
            self.move_cursor(row=self.row_count - 1)
