"""Attaching files: picked in a folder tree (enter on a file adds or removes it) or typed and pasted as
paths, several at once, with a note; a refused file is named in one line and the form keeps its files."""

import shlex
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DirectoryTree, Input, Label, Static

from .... import i18n
from ....domain.attachments import DEFAULT_MAX_MB, MOST_FILES, AttachmentSubject
from ....domain.errors import FieldError, InvalidInput
from ...dialogs.form_dialog import FormDialog


def typed_paths(text: str) -> list[Path]:
    """Paths as typed or pasted: separated by spaces, quoted when a name holds one (as a file manager pastes
    them), `file://` prefixes and a leading `~` understood."""
    try:
        parts = shlex.split(text)
    except ValueError:  # an unbalanced quote: the whole line is one name
        parts = [text.strip()]
    return [Path(part.removeprefix("file://")).expanduser() for part in parts if part.strip()]


class AttachDialog(FormDialog[list[Any]]):
    """Files for one subject; `perform` attaches them all or none."""

    DEFAULT_CSS = """
    AttachDialog > Vertical { width: 90; }
    AttachDialog DirectoryTree { height: 10; border: round $primary-muted; }
    AttachDialog #chosen { height: auto; max-height: 5; color: $text-muted; }
    """
    long_labels = True

    def __init__(self, kind: AttachmentSubject, key: int, label: str, folder: Path | None = None) -> None:
        super().__init__()
        self.kind, self.key, self.label = kind, key, label
        self.folder = folder or Path.home()
        self.chosen: list[Path] = []

    def title_text(self) -> str:
        return i18n.t("attachments.dialog.title", subject=self.label)

    def save_label(self) -> str:
        return i18n.t("attachments.dialog.attach")

    def compose_fields(self) -> ComposeResult:
        yield DirectoryTree(self.folder, id="tree")
        yield Static(Text(i18n.t("attachments.dialog.none_chosen")), id="chosen")
        yield Label(i18n.t("attachments.dialog.paths"))
        yield Input(placeholder=i18n.t("attachments.dialog.paths_hint"), id="field-paths")
        yield self.field_error("paths")
        yield Label(i18n.t("attachments.dialog.note"))
        yield Input(id="field-note", max_length=500)
        yield self.field_error("note")

    def on_mount(self) -> None:
        self.query_one("#tree", DirectoryTree).focus()

    @on(DirectoryTree.FileSelected)
    def _toggle(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        path = Path(event.path)
        if path in self.chosen:
            self.chosen.remove(path)
        else:
            self.chosen.append(path)
        self._show_chosen()

    def _show_chosen(self) -> None:
        text = (i18n.t("attachments.dialog.chosen", count=len(self.chosen), names="  ".join(p.name for p in self.chosen))
                if self.chosen else i18n.t("attachments.dialog.none_chosen"))
        self.query_one("#chosen", Static).update(Text(text))

    def values(self) -> dict[str, Any]:
        typed = typed_paths(self.query_one("#field-paths", Input).value)
        paths = [*self.chosen, *(path for path in typed if path not in self.chosen)]
        if not paths:
            raise InvalidInput({"paths": FieldError("attachments.error.none")})
        if len(paths) > MOST_FILES:
            raise InvalidInput({"paths": FieldError("attachments.error.too_many", most=MOST_FILES)})
        return {"paths": paths, "note": self.query_one("#field-note", Input).value.strip()}

    def perform(self, values: dict[str, Any]) -> list[Any]:
        from ....services.attachments.attach import attach_files

        session = self.session
        assert session.actor is not None and session.desk is not None
        config = getattr(self.app, "config", None)
        max_mb = config.attachment_max_mb if config is not None else DEFAULT_MAX_MB
        return attach_files(session.desk, session.actor, self.kind, self.key, values["paths"], values["note"],
                            max_mb=max_mb)
