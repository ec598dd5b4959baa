"""Compact form rows (label and field on one line) for dialogs that must fit an 80 × 24 terminal."""

from rich.text import Text
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label

ROWS_CSS = """
.form-row { height: auto; margin-bottom: 0; }
.form-row > Label { width: 18; padding-top: 0; color: $text-muted; }
.form-row > Input, .form-row > Select { width: 1fr; }
.form-facts { height: auto; margin-bottom: 1; }
"""


def form_row(label: str, field: Widget) -> Horizontal:
    """`label` and `field` side by side; the field should be made with compact=True."""
    return Horizontal(Label(Text(label)), field, classes="form-row")
