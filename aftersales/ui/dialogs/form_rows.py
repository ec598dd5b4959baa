"""Form rows (a muted label and its field on one line) of the dialogs; FormDialog styles them."""

from rich.text import Text
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label


def form_row(label: str, *fields: Widget) -> Horizontal:
    """`label` and its field(s) side by side; a field should be made with compact=True."""
    return Horizontal(Label(Text(label)), *fields, classes="form-row")
