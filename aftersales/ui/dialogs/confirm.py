"""A yes/no question before something that cannot be undone; the safe answer has the focus."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from ...i18n import t
from .modal import DeskModal


class ConfirmScreen(DeskModal[bool]):
    """Dismisses with True only for `y` (or its button); `n`, escape and a stray enter answer False."""

    DEFAULT_CSS = """
    ConfirmScreen > Vertical { width: 64; border: thick $error; padding: 1 2; }
    ConfirmScreen #confirm-question { text-style: bold; }
    ConfirmScreen #confirm-detail { margin-top: 1; }
    ConfirmScreen Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "shell.confirm.yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "shell.confirm.no", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str, yes: str, no: str) -> None:
        super().__init__()
        self.question, self.detail, self.yes, self.no = question, detail, yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question), id="confirm-question")
            if self.detail:
                yield Static(Text(self.detail), id="confirm-detail")
            with Horizontal():
                yield Button(Text(f"{self.no} (n)"), id="confirm-no", variant="primary")
                yield Button(Text(f"{self.yes} (y)"), id="confirm-yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")


def confirm_texts(kind: str, **params: object) -> tuple[str, str, str, str]:
    """Question, detail, yes and no of the catalog's `shell.confirm.<kind>` texts."""
    return (
        t(f"shell.confirm.{kind}.question", **params),
        t(f"shell.confirm.{kind}.detail", **params),
        t(f"shell.confirm.{kind}.yes", **params),
        t(f"shell.confirm.{kind}.no", **params),
    )
