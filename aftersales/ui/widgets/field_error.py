"""A form field's inline error line, hidden while the field is fine."""

from rich.text import Text
from textual.widgets import Static


class FieldError(Static):
    """The message under one form field; empty means no error and takes no space."""

    DEFAULT_CSS = """
    FieldError {
        display: none;
        height: auto;
        color: $text-error;
        padding-left: 15;
    }
    FieldError.-shown {
        display: block;
    }
    """

    def __init__(self, field: str) -> None:
        super().__init__("", id=f"error-{field}", markup=False)
        self.field = field
        self.message = ""

    def show(self, message: str) -> None:
        """Show `message` (or hide the line when it is empty)."""
        self.message = message
        self.update(Text("✗ " + message) if message else Text(""))
        self.set_class(bool(message), "-shown")
