"""F1: the keys of the current screen and the global ones, read from the active bindings."""

from typing import Any, NamedTuple

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Static

from ....i18n import t
from ...bindings import describe
from ...dialogs.modal import DeskModal


class HelpRow(NamedTuple):
    """One key of the help: what to press, what it does, and whether it works everywhere."""

    key: str
    description: str
    everywhere: bool


def _textual_own(node: DOMNode) -> set[tuple[str, str]]:
    """(action, description) of the bindings Textual's own classes give `node` (cursor keys and the like)."""
    out: set[tuple[str, str]] = set()
    for cls in type(node).__mro__:
        if cls.__module__.startswith("textual."):
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
                out.add((binding.action, binding.description))
    return out


def help_rows(app: App[Any]) -> list[HelpRow]:
    """The desk's keys active on `app.screen` (keymap overrides included), plus the palette key.

    Editing and cursor keys of Textual's widgets are left out: they work as in any editor.
    """
    rows: list[HelpRow] = []
    where: dict[tuple[str, bool], int] = {}  # (description, everywhere) → its row, to join keys doing the same
    for active in app.screen.active_bindings.values():
        binding: Binding = active.binding
        # The desk's own bindings all carry an id; Textual's (cursor keys and the like) do not.
        ours = binding.action == "command_palette" or bool(binding.id)
        if not binding.description or (
            not ours and (binding.action, binding.description) in _textual_own(active.node)
        ):
            continue
        description = describe(binding)
        key = app.get_key_display(binding)
        everywhere = active.node is app
        index = where.get((description, everywhere))
        if index is None:
            where[(description, everywhere)] = len(rows)
            rows.append(HelpRow(key, description, everywhere))
        elif key not in rows[index].key.split(" "):
            rows[index] = rows[index]._replace(key=f"{rows[index].key} {key}")
    rows.sort(key=lambda row: row.everywhere)
    return rows


class HelpScreen(DeskModal[None]):
    """The key reference for the screen underneath."""

    DEFAULT_CSS = """
    #help-panel {
        width: 110;
        padding: 1 2;
        border: round $accent;
    }

    HelpScreen.-short #help-panel {
        padding: 0 2;
    }

    #help-scroll {
        height: auto;
        max-height: 1fr;
    }

    #help-groups {
        height: auto;
    }

    .help-column {
        width: 1fr;
        height: auto;
        margin-right: 2;
    }

    HelpScreen.-narrow #help-groups {
        layout: vertical;
    }

    .help-group {
        text-style: bold underline;
        margin-top: 1;
    }
    """

    BINDINGS = [Binding("escape,f1,q", "close", "help.close", id="help.close")]

    def __init__(self, rows: list[HelpRow]) -> None:
        super().__init__()
        self.rows = rows

    def _table(self, everywhere: bool) -> Table:
        table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for row in self.rows:
            if row.everywhere == everywhere:
                table.add_row(Text(row.key), Text(row.description))
        return table

    def compose(self) -> ComposeResult:
        with Vertical(id="help-panel"):
            yield Static(t("help.title"), markup=False, classes="panel-title")
            # Side by side on a wide terminal; one under the other (scrolling) on a narrow one.
            with VerticalScroll(id="help-scroll"), Horizontal(id="help-groups"):
                if any(not row.everywhere for row in self.rows):
                    with Vertical(classes="help-column"):
                        yield Static(t("help.this_screen"), markup=False, classes="help-group")
                        yield Static(self._table(everywhere=False))
                with Vertical(classes="help-column"):
                    yield Static(t("help.everywhere"), markup=False, classes="help-group")
                    yield Static(self._table(everywhere=True))
                    yield Static(t("help.palette_hint"), markup=False, classes="hint")
            yield Static(t("help.close_hint"), markup=False, classes="hint")

    def on_mount(self) -> None:
        # The list scrolls with the arrow keys when the terminal is too short for it.
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
