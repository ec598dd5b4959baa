"""One attachment at full size: an image drawn as well as the terminal can, any other file described, with
the keys to open it with the system's viewer (o) and save a copy (s)."""

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, Static

from .... import i18n
from ....domain.attachments import IMAGES, file_size
from ...background import run_in_background
from ...dialogs.modal import DeskModal
from ...messages import LoadFailed
from .external import Opened, open_with_system
from .keys import keys_line


@dataclass
class ContentLoaded(Message):
    content: bytes


class ViewerScreen(DeskModal[None]):
    DEFAULT_CSS = """
    ViewerScreen > Vertical { width: 100%; height: 100%; border: thick $accent; padding: 0 1; }
    ViewerScreen #picture-box { width: 1fr; height: 1fr; }
    ViewerScreen #picture-box > * { width: auto; height: 1fr; max-width: 100%; }
    ViewerScreen #viewer-facts, ViewerScreen #viewer-keys { height: auto; color: $text-muted; }
    """

    BINDINGS = [
        Binding("o", "open", "attachments.key.open", id="viewer.open"),
        Binding("s", "save", "attachments.key.save", id="viewer.save"),
        Binding("escape", "close", "shell.key.back", id="viewer.close"),
    ]

    def __init__(self, view: Any) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        view = self.view
        with Vertical():
            yield Label(Text(f"{view.file_name} · {view.subject_label}"), classes="title")
            facts = f"{view.media_type} · {file_size(view.size)} · sha256 {view.sha256}"
            yield Static(Text(facts), id="viewer-facts")
            shown = i18n.t("attachments.loading") if view.media_type in IMAGES else i18n.t("attachments.not_image")
            with Vertical(id="picture-box"):
                yield Static(Text(shown), id="picture-text")
            yield Static(Text(keys_line(self)), id="viewer-keys")

    def on_mount(self) -> None:
        if self.view.media_type in IMAGES:
            from ....services.attachments.read import attachment_content

            attachment_id = self.view.id
            run_in_background(self, lambda: ContentLoaded(attachment_content(attachment_id)), group="content",
                              failed="background.load_failed")

    def on_content_loaded(self, message: ContentLoaded) -> None:
        from .images import full_widget

        box = self.query_one("#picture-box", Vertical)
        box.remove_children()
        box.mount(full_widget(self.app, message.content))

    def on_load_failed(self, message: LoadFailed) -> None:
        message.stop()
        self.query_one("#picture-text", Static).update(Text(message.text))

    def on_opened(self, message: Opened) -> None:
        self.app.notify(message.text, severity="error" if message.error else "information")

    def action_open(self) -> None:
        open_with_system(self, self.view)

    def action_save(self) -> None:
        from .file_dialogs import ask_save_copy

        ask_save_copy(self, self.view)

    def action_close(self) -> None:
        self.dismiss(None)
