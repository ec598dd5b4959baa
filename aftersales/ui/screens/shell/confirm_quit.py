"""Asks before quitting while a form holds text that was never saved."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ....i18n import t


class ConfirmQuitScreen(ModalScreen[bool]):
    """Answers True to quit and lose the unsaved text, False to stay."""

    BINDINGS = [
        Binding("y", "answer(True)", "shell.quit.yes", id="quit.yes"),
        Binding("n,escape", "answer(False)", "shell.quit.no", id="quit.no"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-quit"):
            yield Static(t("shell.quit.title"), markup=False, classes="panel-title")
            yield Static(t("shell.quit.body"), markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("shell.quit.yes"), variant="error", id="quit-yes")
                yield Button(t("shell.quit.no"), variant="primary", id="quit-no")

    def on_mount(self) -> None:
        self.query_one("#quit-no", Button).focus()

    def action_answer(self, leave: bool) -> None:
        self.dismiss(leave)

    @on(Button.Pressed, "#quit-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#quit-no")
    def _no(self) -> None:
        self.dismiss(False)
