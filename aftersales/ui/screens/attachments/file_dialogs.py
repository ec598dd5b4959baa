"""The two small forms of an attachment: where to save a copy, and why a lead withdraws it."""

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Label

from .... import i18n
from ....domain.errors import FieldError, InvalidInput
from ...dialogs.file_field import default_folder
from ...dialogs.form_dialog import FormDialog, filled_input


class SaveCopyDialog(FormDialog[Path]):
    """A copy of one attachment written to a new file (or into a folder, under its own name)."""

    def __init__(self, attachment_id: int, file_name: str) -> None:
        super().__init__()
        self.attachment_id, self.file_name = attachment_id, file_name

    def title_text(self) -> str:
        return i18n.t("attachments.save.title", name=self.file_name)

    def compose_fields(self) -> ComposeResult:
        yield Label(i18n.t("attachments.save.path"))
        yield filled_input(str(default_folder() / Path(self.file_name).name), id="field-path")
        yield self.field_error("path")

    def on_mount(self) -> None:
        self.query_one("#field-path", Input).focus()

    def values(self) -> dict[str, Any]:
        text = self.query_one("#field-path", Input).value.strip()
        if not text:
            raise InvalidInput({"path": FieldError("validation.required")})
        return {"path": Path(text).expanduser()}

    def perform(self, values: dict[str, Any]) -> Path:
        from ....services.attachments.read import save_copy

        return save_copy(self.attachment_id, values["path"])


class WithdrawAttachmentDialog(FormDialog[Any]):
    """A lead hides an attachment from its subject, saying why; the file itself is kept."""

    def __init__(self, attachment_id: int, file_name: str) -> None:
        super().__init__()
        self.attachment_id, self.file_name = attachment_id, file_name

    def title_text(self) -> str:
        return i18n.t("attachments.withdraw.title", name=self.file_name)

    def save_label(self) -> str:
        return i18n.t("attachments.withdraw.confirm")

    def compose_fields(self) -> ComposeResult:
        yield Label(i18n.t("attachments.withdraw.reason"))
        yield Input(id="field-reason", max_length=500)
        yield self.field_error("reason")

    def on_mount(self) -> None:
        self.query_one("#field-reason", Input).focus()

    def values(self) -> dict[str, Any]:
        reason = self.query_one("#field-reason", Input).value.strip()
        if not reason:
            raise InvalidInput({"reason": FieldError("validation.required")})
        return {"reason": reason}

    def perform(self, values: dict[str, Any]) -> Any:
        from ....services.attachments.attach import withdraw_attachment

        session = self.session
        assert session.actor is not None
        return withdraw_attachment(session.desk, session.actor, self.attachment_id, values["reason"])


def ask_save_copy(screen: Screen[Any], view: Any) -> None:
    """Ask where to save a copy of the attachment `view`, and say where it went."""

    def saved(path: Path | None) -> None:
        if path is not None:
            screen.app.notify(i18n.t("attachments.saved", path=str(path)))

    screen.app.push_screen(SaveCopyDialog(view.id, view.file_name), saved)
