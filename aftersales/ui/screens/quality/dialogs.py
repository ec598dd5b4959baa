"""Acting on a quality signal: acknowledging it with a note, or sending it to its shop as a rectification."""

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.widgets import TextArea

from .... import i18n
from ...dialogs.form_dialog import FormDialog
from ..directory.fields import line, text_field, typed_dates
from ..supervision.dialogs import text_box
from .wording import where_text


class SignalDialog(FormDialog[Any]):
    """A lead's note on one signal; `title_key` heads it, subclasses add fields and save."""

    DEFAULT_CSS = "SignalDialog TextArea { height: 4; }"
    save_key = "quality_view.dialog.save"
    required = ("note",)
    title_key = ""

    def __init__(self, signal: Any) -> None:
        super().__init__()
        self.signal = signal

    def title_text(self) -> str:
        return i18n.t(self.title_key, label=where_text(self.signal))

    def compose_fields(self) -> ComposeResult:
        yield line("note", "quality_view.dialog.note", text_box("note"))

    def values(self) -> dict[str, Any]:
        return {"note": self.query_one("#field-note", TextArea).text}


class AcknowledgeDialog(SignalDialog):
    """A note saying what was looked at and why nothing more is needed now."""

    title_key = "quality_view.dialog.ack_title"

    def perform(self, values: dict[str, Any]) -> Any:
        from ....services.quality.actions import acknowledge

        session = self.session
        assert session.actor is not None
        return acknowledge(session.desk, session.actor, self.signal.id, self.signal.version, values["note"])


class RectifyDialog(SignalDialog):
    """What the shop must put right and by when: recorded as a supervision visit to the shop."""

    title_key = "quality_view.dialog.rectify_title"

    def compose_fields(self) -> ComposeResult:
        yield from super().compose_fields()
        yield line("due_on", "quality_view.dialog.due_on",
                   text_field("due_on", max_length=10, placeholder=i18n.t("quality_view.dialog.date_hint")))

    def values(self) -> dict[str, Any]:
        return {**super().values(), **typed_dates(self, "due_on")}

    def perform(self, values: dict[str, Any]) -> Any:
        from ....services.quality.actions import send_to_shop

        session = self.session
        assert session.actor is not None
        due: date | None = values["due_on"]
        return send_to_shop(session.desk, session.actor, self.signal.id, self.signal.version, values["note"], due)


def act_on_signal(screen: Any, kind: str, signal: Any) -> None:
    """Open the dialog of `kind` ("acknowledge" or "rectify") over `screen`; a save is told and reread."""
    dialog = AcknowledgeDialog(signal) if kind == "acknowledge" else RectifyDialog(signal)
    said = "quality_view.saved_ack" if kind == "acknowledge" else "quality_view.saved_rectify"

    def saved(result: Any) -> None:
        if result is not None:
            screen.notify(i18n.t(said, label=where_text(signal)), markup=False)
            screen.desk_app.data_changed()

    screen.app.push_screen(dialog, saved)


