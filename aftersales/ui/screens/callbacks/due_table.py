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
        self.shown = columns or [name for name, _ in COLUMNS]
        self.rows_by_id: dict[int, DueRow] = {}

    def on_mount(self) -> None:
        self.label_columns()

    def label_columns(self) -> None:
        widths = dict(COLUMNS)
        set_columns(self, "callbacks.column.", {name: widths[name] for name in self.shown})

    def show(self, rows: list[DueRow], now: datetime, zone: ZoneInfo) -> None:
        """Put `rows` in, keeping the cursor on the same call-back when it is still due."""
        kept = self.current()
        self.clear()
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
