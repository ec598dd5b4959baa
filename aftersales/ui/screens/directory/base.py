"""What the staff and shop directories share: one small table read in a thread, keys to add, edit
and deactivate, hidden from roles that may not, refused up front on a read-only file.

A directory holds tens (staff) to a few hundred (shops) rows, so it reads them all at once; the
cursor stays on the same record when the table reloads after a change here or at another desk.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from .... import i18n
from ....domain.permissions import Action, allowed
from ....domain.text import strip_controls
from ...background import run_in_background
from ...messages import DataChanged, LoadFailed
from ...read_only import refuse_when_read_only
from ...widgets.desk_footer import DeskFooter
from ...widgets.section_bar import SectionBar
from ...widgets.table_columns import set_columns
from ..desk_screen import DeskScreen


@dataclass
class EntriesLoaded(Message):
    """Every record of the directory, in the order shown."""

    entries: list[Any]


def cell(value: str, style: str = "") -> Text:
    """A table cell of user text: never markup, no control codes, one line."""
    return Text(strip_controls(value), style=style, no_wrap=True, overflow="ellipsis")


class DirectoryScreen(DeskScreen):
    """A list of records with keys to add (`a`), edit (`e`, `enter`) and deactivate or reactivate (`x`)."""

    BINDINGS = [
        Binding("a", "add", "directory.key.add", id="directory.add"),
        Binding("e", "edit", "directory.key.edit", id="directory.edit"),
        Binding("x", "toggle_active", "directory.key.toggle", id="directory.toggle"),
    ]

    section: ClassVar[str | None] = None
    permission: ClassVar[Action] = Action.VIEW
    prefix: ClassVar[str] = ""  # catalog prefix of the title, columns and counts: "shops" or "staff"
    columns: ClassVar[tuple[str, ...]] = ()
    # Actions that change the directory: hidden from a role without `permission`.
    changes: ClassVar[frozenset[str]] = frozenset({"add", "edit", "toggle_active"})
    # The dialog that adds a record (made with none) or edits one (made with it), and the one that
    # deactivates or reactivates a record.
    form: ClassVar[Callable[..., ModalScreen[Any]]]
    active_form: ClassVar[Callable[[Any], ModalScreen[Any]]]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Any] = []
        self.error = ""
        self.follow: str | None = None  # the code the cursor goes to at the next load (a record just added)

    # ----- what each directory provides ------------------------------------------------------

    def load_entries(self) -> list[Any]:
        """Every record, in the order shown (runs in a worker thread)."""
        raise NotImplementedError

    def cells(self, entry: Any) -> list[Text]:
        """The row of `entry`, one cell per column."""
        raise NotImplementedError

    # ----- layout and loading ----------------------------------------------------------------

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#directory-table", DataTable)

    def compose(self) -> ComposeResult:
        yield SectionBar(self.section)
        yield Static(Text(i18n.t(f"{self.prefix}.title")), id="directory-title", classes="table-title")
        yield DataTable(id="directory-table", classes="section-table", cursor_type="row", zebra_stripes=True)
        yield Static(Text(i18n.t("directory.loading")), id="directory-status", classes="status-line")
        yield DeskFooter()

    def on_mount(self) -> None:
        self._set_columns()
        self.table.focus()
        self.reload()

    def _set_columns(self, widths: list[int] | None = None) -> None:
        set_columns(self.table, f"{self.prefix}.column.",
                    dict(zip(self.columns, widths, strict=True)) if widths else self.columns)

    def refresh_language(self) -> None:
        """Every text in the language just chosen; the rows come back with the reload that follows."""
        self.query_one("#directory-title", Static).update(Text(i18n.t(f"{self.prefix}.title")))
        self._set_columns()
        self._show(self.entries)

    def reload(self) -> None:
        self._load()

    def _load(self) -> None:
        run_in_background(self, lambda: EntriesLoaded(self.load_entries()), group="directory",
                          failed="directory.load_failed")

    def on_entries_loaded(self, message: EntriesLoaded) -> None:
        self.error = ""
        self._show(message.entries)

    def on_load_failed(self, message: LoadFailed) -> None:
        self.error = message.text
        self._status()

    def on_data_changed(self, _message: DataChanged) -> None:
        self.reload()

    def _show(self, entries: list[Any]) -> None:
        """Put `entries` in the table, the cursor on the record it was on (by code)."""
        table = self.table
        current = self.current()
        wanted = self.follow or (current.code if current is not None else None)
        self.follow = None
        self.entries = entries
        rows = [self.cells(entry) for entry in entries]
        # Each column as wide as what it holds now ("inactive" after a deactivation), set outright.
        headers = [cell_len(i18n.t(f"{self.prefix}.column.{name}")) for name in self.columns]
        self._set_columns([max([header, *(row[index].cell_len for row in rows)])
                           for index, header in enumerate(headers)])
        for entry, cells in zip(entries, rows, strict=True):
            table.add_row(*cells, key=entry.code)
        codes = [entry.code for entry in entries]
        if wanted in codes:
            table.move_cursor(row=codes.index(wanted), animate=False)
        self._status()
        self.refresh_bindings()  # edit and deactivate need a row: the footer follows at once

    def _status(self) -> None:
        active = sum(1 for entry in self.entries if entry.active)
        text = self.error or i18n.t(f"{self.prefix}.count", count=len(self.entries), active=active)
        self.query_one("#directory-status", Static).update(Text(text))

    def current(self) -> Any:
        """The record under the cursor, or None on an empty table."""
        row = self.table.cursor_row
        return self.entries[row] if 0 <= row < len(self.entries) else None

    # ----- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the keys that change the directory from roles that may not; grey them on an empty one."""
        if action not in self.changes:
            return True
        actor = self.session.actor
        if actor is None or not allowed(actor.role, self.permission):
            return False
        return True if action == "add" or self.current() is not None else None

    def _open(self, dialog: ModalScreen[Any]) -> None:
        if refuse_when_read_only(self.app):
            return
        self.app.push_screen(dialog, self._saved)

    def action_add(self) -> None:
        if self._may_change():
            self._open(self.form())

    def action_edit(self) -> None:
        entry = self.current()
        if entry is not None and self._may_change():
            self._open(self.form(entry))

    def action_toggle_active(self) -> None:
        entry = self.current()
        if entry is not None and self._may_change():
            self._open(self.active_form(entry))

    @on(DataTable.RowSelected, "#directory-table")
    def _row_chosen(self) -> None:
        self.action_edit()

    def _may_change(self) -> bool:
        actor = self.session.actor
        return actor is not None and allowed(actor.role, self.permission)

    def _saved(self, result: Any) -> None:
        """A dialog stored a change: say so, and let every screen (this one too) read again."""
        if result is None:
            return
        self.follow = result.code
        self.notify(i18n.t("directory.saved", code=result.code), markup=False)
        self.desk_app.data_changed()
