"""Asking before an intake form with typed text is thrown away."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ....i18n import t
from ...bindings import translate_bindings


class DiscardIntakeScreen(ModalScreen[bool]):
    """Dismisses with True only when the operator chooses to discard; escape keeps editing."""

    DEFAULT_CSS = """
    DiscardIntakeScreen {
        align: center middle;
    }
    DiscardIntakeScreen > Vertical {
        width: 56;
        height: auto;
        border: thick $error;
        background: $surface;
        padding: 1 2;
    }
    DiscardIntakeScreen #discard-question {
        text-style: bold;
    }
    DiscardIntakeScreen Horizontal {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    DiscardIntakeScreen Button {
        margin-left: 2;
    }
    """

    # The same answer keys as the quit question: y discards, n or escape keeps the text.
    BINDINGS = [
        Binding("y", "answer(True)", "intake.discard.yes", id="intake_discard.yes"),
        Binding("n,escape", "answer(False)", "intake.discard.no", id="intake_discard.no"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("intake.discard.question"), id="discard-question", markup=False)
            yield Static(t("intake.discard.detail"), markup=False)
            with Horizontal():
                yield Button(t("intake.discard.no"), id="keep", variant="primary")
                yield Button(t("intake.discard.yes"), id="discard", variant="error")

    def on_mount(self) -> None:
        # The safe answer has the focus, so a stray enter keeps the text.
        self.query_one("#keep", Button).focus()

    def action_answer(self, discard: bool) -> None:
        self.dismiss(discard)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "discard")
