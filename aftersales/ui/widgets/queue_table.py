"""The complaint queue table: shows a window of rows and asks for more as the cursor nears its edges."""

from datetime import datetime
from zoneinfo import ZoneInfo

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from ... import i18n
from ...domain.enums import ComplaintStatus, Severity
from ...domain.schemas import QueueRow
from ...domain.sla import Hold, SlaPolicy
from ...domain.text import mask_phone, strip_controls
from ..bindings import TranslatedKeys
from ..formatting import local_time, time_left
from .queue_columns import CUSTOMER_CELLS, ColumnPlan, least_widths, plan_columns
from .queue_window import QueueWindow
from .sla_text import left_text, target_seconds
from .table_columns import set_columns

# Ask for the next page while the cursor is still a screen or so away from the end of what is loaded.
PREFETCH_MARGIN = 40

_SEVERITY_STYLE = {Severity.CRITICAL: "bold red", Severity.HIGH: "yellow"}
_NO_CLOCK = {ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED}
DEFAULT_POLICY = SlaPolicy()


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


def escalation_mark(row: QueueRow) -> Text:
    """`▲1` / `▲2` before the time left when the complaint is escalated, `✎` when a reviewer instructed."""
    if not row.escalation_level:
        return Text("")
    mark = Text(f"▲{row.escalation_level}", style="bold magenta" if row.escalation_level > 1 else "magenta")
    if row.instructed:
        mark.append("✎", style="bold")
    return mark + Text(" ")


def time_left_text(row: QueueRow, now: datetime, policy: SlaPolicy = DEFAULT_POLICY) -> Text:
    """Time left (business time) on the deadline that counts now, saying which: acknowledgement (受理)
    while new, resolution (解决) after; yellow when close, red once passed, paused with `⏸`. An escalated
    complaint shows its level (`▲1`, `▲2`, `✎` when instructed) in place of the deadline's name."""
    mark = escalation_mark(row)
    if row.reply_due_at is not None and row.reply_due_at < now and row.status is not ComplaintStatus.CLOSED:
        # An outside partner's reply (or the one owed to 12315) is overdue: shown like a missed SLA.
        late = mark + Text(i18n.t("partners.queue.reply") + " ", style="dim", no_wrap=True)
        late.append(time_left(row.reply_due_at, now), style="bold red")
        return late
    if row.status in _NO_CLOCK:
        return mark + _cell(i18n.t("queue.no_deadline"), "dim")
    new = row.status is ComplaintStatus.NEW
    due = row.ack_due_at if new else row.resolve_due_at
    cell = mark if mark else Text(i18n.t("queue.deadline.ack" if new else "queue.deadline.resolve") + " ", style="dim")
    cell.no_wrap = True
    hold = Hold(row.hold_since, row.hold_until) if row.hold_since is not None else None
    return cell + left_text(due, now, policy, hold, target_seconds(policy, row.severity, new))


def row_cells(
    row: QueueRow, now: datetime, zone: ZoneInfo, customer_width: int = 18, policy: SlaPolicy = DEFAULT_POLICY
) -> dict[str, Text]:
    """The cells of one queue line, by column."""
    return {
        "number": Text(row.number, no_wrap=True),  # never cut: its column is as wide as the longest
        "time": _cell(local_time(row.created_at, zone)),
        "shop": _cell(row.shop_name),
        "customer": customer_cell(row.customer_name, row.phone, customer_width),
        "category": _cell(i18n.t(f"queue.category.{row.category.value}")),
        "severity": _cell(i18n.label(row.severity), _SEVERITY_STYLE.get(row.severity, "")),
        "status": _cell(i18n.label(row.status)),
        "assignee": _cell(row.assignee_code or ""),
        "time_left": time_left_text(row, now, policy),
    }


class QueueTable(TranslatedKeys, DataTable[Text]):
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

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.window = QueueWindow()
        self.loading_more = False
        self.plan: ColumnPlan | None = None
        self.now: datetime | None = None
        self.zone: ZoneInfo | None = None
        # The desk's SLA policy (the queue screen sets it): time left is counted in its business hours.
        self.policy = DEFAULT_POLICY

    def on_mount(self) -> None:
        self.lay_out()

    def on_resize(self) -> None:
        # Another width may show other columns (or give the shop more room).
        if self.lay_out(self.now) and self.now is not None and self.zone is not None:
            self.show_window(self.now, self.zone, self.cursor_row, self.scroll_y)

    def relabel(self) -> None:
        """Column titles and widths in the current language (the rows are redrawn right after)."""
        self.plan = None

    def lay_out(self, now: datetime | None = None) -> bool:
        """Choose the columns for the current width, language and rows; True when they changed."""
        rows = self.window.rows
        lefts = [time_left_text(row, now, self.policy).plain for row in rows] if now is not None else []
        lefts += [i18n.t("queue.deadline.resolve") + " " + i18n.t("time.days_hours", d=10, h=23)]
        plan = plan_columns(self.size.width or 120, least_widths(rows, lefts))
        if plan == self.plan:
            return False
        self.plan = plan
        set_columns(self, "queue.column.", plan.widths, no_wrap=True)
        return True

    def show_window(self, now: datetime, zone: ZoneInfo, cursor_row: int = 0, scroll_y: float | None = None) -> None:
        """Redraw every loaded row and put the cursor on `cursor_row` (clamped)."""
        self.now, self.zone = now, zone
        self.lay_out(now)
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
        if self.plan is None:
            return
        if rows and self.lay_out(now):
            # New rows need wider columns (a five-digit number, a long overdue time): redraw them all.
            self.show_window(now, zone, self.cursor_row, self.scroll_y)
            return
        width = self.plan.widths.get("customer", CUSTOMER_CELLS[1])
        for row in rows:
            cells = row_cells(row, now, zone, width, self.policy)
            self.add_row(*(cells[key] for key in self.plan.keys), key=str(row.id))

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
