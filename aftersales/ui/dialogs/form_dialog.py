"""A modal form that saves through a service in a thread and keeps what was typed when refused.

Every section's dialogs (complaint actions, delivery orders, call-backs, escalations, violations)
derive from `FormDialog`: they lay out fields with `compose_fields`, read them with `values`,
and call one service in `perform`. A refusal puts each message under its field (widgets with
id `error-<field>`), anything else on the bottom line; the dialog stays open with its text.
The cursor starts at the first empty field of `required`; cancelling a dialog that holds typed
text asks first (escape, the Cancel button, or Enter on it).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ... import i18n
from ...domain.errors import ConflictError, FieldMessage, InvalidInput
from ...domain.text import yuan_to_fen
from ..background import run_in_background
from ..messages import LoadFailed, SaveFailed
from ..session import DeskSession
from .modal import DeskModal

Result = TypeVar("Result")


def parse_yuan(text: str, field: str = "compensation_fen") -> int:
    """`120.5` yuan → 12050 fen; full-width digits, `¥` and thousands commas are accepted."""
    fen = yuan_to_fen(text)
    if fen is None:
        raise InvalidInput(f"not an amount: {text!r}", {field: i18n.t("detail.money_invalid")})
    return fen


def filled_input(value: str, **kwargs: Any) -> Input:
    """An Input holding `value` with the cursor after it: focusing it must not select the text,
    or the first key typed would replace what was filled in."""
    field = Input(value, select_on_focus=False, **kwargs)
    field.cursor_position = len(value)
    return field


def required_fields(schema: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a service's input schema that have no default: a save cannot do without them."""
    return tuple(name for name, field in schema.model_fields.items() if field.is_required())


def is_empty(widget: Widget) -> bool:
    """True for a text field holding only blanks and a select with nothing chosen."""
    if isinstance(widget, Input):
        return not widget.value.strip()
    if isinstance(widget, TextArea):
        return not widget.text.strip()
    if isinstance(widget, Select):
        return widget.value is Select.NULL
    return False


@dataclass
class FormSaved(Message):
    """The dialog's service call succeeded; `result` is what it returned."""

    result: Any


@dataclass
class FormReread(Message):
    """After a conflict: the record as stored now (None when it could not be read)."""

    current: Any


class FormDialog(DeskModal[Result | None], Generic[Result]):
    """A form over one record; `perform` runs in a thread with the session's desk and actor."""

    DEFAULT_CSS = """
    FormDialog > Vertical { width: 76; padding: 0 2; border: thick $accent; overflow-y: auto; }
    FormDialog .field-error { color: $error; height: auto; }
    FormDialog .field-error.-empty { display: none; }
    FormDialog #dialog-error { color: $error; text-style: bold; height: auto; margin-top: 1; }
    FormDialog #dialog-error.-empty { display: none; }
    FormDialog TextArea { height: 5; }
    FormDialog .buttons { height: auto; margin: 1 0; }
    FormDialog Button { margin-right: 2; }
    FormDialog .form-row { height: auto; }
    FormDialog .form-row > Label { width: 14; color: $text-muted; }
    FormDialog.-long-labels .form-row > Label { width: 18; }
    FormDialog .form-row > Input, FormDialog .form-row > Select { width: 1fr; }
    FormDialog .form-field { height: auto; }
    FormDialog .form-facts { height: auto; margin-bottom: 1; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "detail.key.cancel", id="detail.dialog.cancel"),
        Binding("f2,ctrl+s", "save", "detail.key.save", id="detail.dialog.save"),
    ]

    # The catalog key of the save button's label (a decision dialog says "Confirm", "Waive" …).
    save_key = "detail.dialog.save"
    # Dialogs whose labels are longer (the deliveries' and call-backs') give the label column more room.
    long_labels = False
    # The fields (ids `field-<name>`) a save needs, in any order: the cursor starts at the first of them,
    # in the dialog's layout, that is still empty (else where the dialog's own on_mount put it).
    required: ClassVar[tuple[str, ...]] = ()

    def __init__(self, on_conflict: Callable[[], None] | None = None) -> None:
        super().__init__(classes="-long-labels" if self.long_labels else None)
        self.on_conflict = on_conflict
        self.saving = False
        self._dismissed = False

    @property
    def session(self) -> DeskSession:
        session: DeskSession = getattr(self.app, "session")  # noqa: B009 - the desk app's attribute
        return session

    def title_text(self) -> str:
        """The line at the top of the dialog."""
        return ""

    def compose(self) -> ComposeResult:
        read_only = self.session.read_only
        with Vertical():
            yield Label(Text(self.title_text()), classes="title")
            if read_only:
                # Keys normally refuse before a form opens; a form opened anyway offers nothing to fill.
                yield Static(Text(i18n.t("shell.read_only")), id="dialog-error")
            else:
                yield from self.compose_fields()
                yield Static("", id="dialog-error", classes="-empty")
            with Horizontal(classes="buttons"):
                if not read_only:
                    yield Button(self.save_label(), variant="primary", id="dialog-save")
                yield Button(i18n.t("detail.dialog.cancel"), id="dialog-cancel")

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def save_label(self) -> str:
        """The words on the save button (a confirmation says what it does instead)."""
        return i18n.t(self.save_key)

    def field_error(self, name: str) -> Static:
        """The place under a field where its error appears."""
        return Static("", id=f"error-{name}", classes="field-error -empty")

    def values(self) -> dict[str, Any]:
        """What the form holds, ready for the service; raise InvalidInput for local mistakes."""
        return {}

    def perform(self, values: dict[str, Any]) -> Result:
        """Call the service (in a worker thread; the service opens its own connection)."""
        raise NotImplementedError

    def reread(self) -> Any:
        """After a conflict: the record as stored now (adopted by `conflicted`), or None."""
        return None

    def conflicted(self, current: Any) -> None:
        """Adopt the stored record after a conflict, so a second save may go through."""

    def confirmation(self, values: dict[str, Any]) -> tuple[str, str, str, str] | None:
        """Question, detail, yes and no to ask before saving something that cannot be undone (None: no question)."""
        return None

    def on_mount(self) -> None:
        # Textual runs this after a subclass's own on_mount (handlers are called down the MRO), so a
        # required field still empty wins over the dialog's usual starting field.
        self._typed_at_start = self._typed()
        empty = self.first_empty_required()
        if empty is not None:
            empty.focus()

    def first_empty_required(self) -> Widget | None:
        """The first field, in the dialog's layout, that `required` names and that is still empty."""
        wanted = {f"field-{name}" for name in self.required}
        for widget in self.query("Input, TextArea, Select").results(Widget):
            if widget.id in wanted and not widget.disabled and is_empty(widget):
                return widget
        return None

    def _typed(self) -> list[str]:
        texts = [field.value for field in self.query(Input).results(Input)]
        texts += [area.text for area in self.query(TextArea).results(TextArea)]
        return texts

    def has_unsaved_text(self) -> bool:
        """True while a field holds text typed since the dialog opened (and not saved)."""
        return not self.is_dismissed and self._typed() != getattr(self, "_typed_at_start", self._typed())

    @property
    def is_dismissed(self) -> bool:
        return self._dismissed

    # ----- saving -----------------------------------------------------------------------------

    @on(Button.Pressed, "#dialog-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        if self.saving or self.session.read_only:
            return
        self.show_errors({}, "")
        try:
            values = self.values()
        except InvalidInput as exc:
            self.show_errors(exc.fields, i18n.error_text(exc))
            return
        question = self.confirmation(values)
        if question is None:
            self._start_saving(values)
            return
        from .confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._start_saving(values)

        self.app.push_screen(ConfirmScreen(*question), answered)

    def _start_saving(self, values: dict[str, Any]) -> None:
        if self.saving:
            return
        self.saving = True
        self._save(values)

    def _save(self, values: dict[str, Any]) -> None:
        run_in_background(self, lambda: FormSaved(self.perform(values)), group="form-dialog",
                          failed="background.save_failed", failure=SaveFailed)

    def _reread(self) -> None:
        # The conflict message matters more than this read: one that fails leaves the dialog as it is.
        run_in_background(self, lambda: FormReread(self.reread()), group="form-dialog-reread",
                          failed="background.load_failed", failure=lambda _text, _error: FormReread(None))

    @on(Button.Pressed, "#dialog-cancel")
    def action_cancel(self) -> None:
        """Close without saving; with typed text, ask first (`n`, escape or a stray Enter keep it)."""
        if not self.has_unsaved_text():
            self._close_unsaved()
            return
        from .confirm import ConfirmScreen, confirm_texts

        def answered(discard: bool | None) -> None:
            if discard:
                self._close_unsaved()

        self.app.push_screen(ConfirmScreen(*confirm_texts("discard_dialog")), answered)

    def _close_unsaved(self) -> None:
        if self._dismissed:
            return
        self._dismissed = True
        self.dismiss(None)

    def on_form_saved(self, message: FormSaved) -> None:
        message.stop()
        self.saving = False
        self._dismissed = True
        self.dismiss(message.result)

    def on_save_failed(self, message: SaveFailed) -> None:
        message.stop()
        error = message.error
        fields = error.fields if isinstance(error, InvalidInput) else {}
        self.show_errors(fields, message.text)
        if isinstance(error, ConflictError):
            # Saving waits for the stored record: a second save is checked against its version.
            self._reread()
            # Show the newer version underneath; the typed text stays in this dialog.
            if self.on_conflict is not None:
                self.on_conflict()
        else:
            self.saving = False

    def on_load_failed(self, message: LoadFailed) -> None:
        """Something the form shows (its choices, the record) could not be read: say so on the bottom line."""
        message.stop()
        self.show_errors({}, message.text)

    def on_form_reread(self, message: FormReread) -> None:
        message.stop()
        self.saving = False
        if message.current is not None:
            self.conflicted(message.current)

    def show_errors(self, refusals: Mapping[str, FieldMessage], general: str) -> None:
        """Put each refusal under its field, worded in the desk's language; anything without a field goes
        to the bottom line."""
        fields = i18n.field_texts(refusals)
        for widget in self.query(".field-error").results(Static):
            name = (widget.id or "").removeprefix("error-")
            message = fields.get(name, "")
            widget.update(Text(message))
            widget.set_class(not message, "-empty")
        unplaced = [msg for name, msg in fields.items() if not self.query(f"#error-{name}")]
        line = " ".join([general, *unplaced]).strip()
        banner = self.query_one("#dialog-error", Static)
        banner.update(Text(line))
        banner.set_class(not line, "-empty")
        marked = [widget for widget in self.query(".field-error").results(Static) if not widget.has_class("-empty")]
        first = marked[0] if marked else (banner if line else None)
        if first is not None:
            # Once shown, the line has a height: scroll a long dialog to the first error.
            self.call_after_refresh(lambda: first.scroll_visible(animate=False))


class PickDialog(FormDialog[Result]):
    """A value to choose, shown filled with the current one; nothing is stored, the value under `field`
    comes back."""

    title_key = ""
    field = ""

    def __init__(self, current: Result) -> None:
        super().__init__()
        self.current = current

    def title_text(self) -> str:
        return i18n.t(self.title_key)

    def perform(self, values: dict[str, Any]) -> Result:
        chosen: Result = values[self.field]
        return chosen
