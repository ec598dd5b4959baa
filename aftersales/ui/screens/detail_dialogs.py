"""The complaint detail's action dialogs: each saves through a service and keeps its text on failure."""

import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from ... import i18n
from ...domain.enums import Remedy
from ...domain.errors import ConflictError, DeskError, InvalidInput
from ...domain.permissions import Action, allowed
from ...domain.schemas import ComplaintView, StaffView
from ...domain.status_machine import status_choices
from ...services import complaint_actions as actions
from ...services.complaint_read import get_complaint
from ...services.context import Desk
from ...store.db import connection
from ..bindings import translate_bindings

if TYPE_CHECKING:
    from .detail import DetailScreen

_YUAN = re.compile(r"^\d{1,9}(\.\d{1,2})?$")
_NUMBER = re.compile(r"^TS-\d{8}-\d{4,}$")


def parse_yuan(text: str) -> int:
    """`120.5` yuan → 12050 fen; full-width digits, `¥` and thousands commas are accepted."""
    clean = unicodedata.normalize("NFKC", text).strip().lstrip("¥").replace(",", "").strip()
    if clean == "":
        return 0
    if not _YUAN.match(clean):
        raise InvalidInput(f"not an amount: {text!r}", {"compensation_fen": i18n.t("detail.money_invalid")})
    return int(Decimal(clean) * 100)


class ActionSaved(Message):
    """A detail action was stored; `view` is the complaint as saved."""

    def __init__(self, view: ComplaintView) -> None:
        super().__init__()
        self.view = view


class ActionFailed(Message):
    """A detail action was refused (conflict, bad input, not allowed, storage).

    After a conflict, `current` is the complaint as stored now, read in the same worker.
    """

    def __init__(self, error: DeskError, current: ComplaintView | None = None) -> None:
        super().__init__()
        self.error = error
        self.current = current


def filled_input(value: str, **kwargs: Any) -> Input:
    """An Input holding `value` with the cursor after it: focusing it must not select the text,
    or the first key typed would replace what was filled in."""
    field = Input(value, select_on_focus=False, **kwargs)
    field.cursor_position = len(value)
    return field


class ActionDialog(ModalScreen[ComplaintView | None]):
    """A form over one complaint; `perform` calls the service with the version shown when it opened.

    The detail underneath reloads whenever the database changes, so its version cannot be used:
    the operator decided on what this dialog showed. After a conflict the dialog adopts the
    stored version, so a second save (the operator has now seen the message) may go through.
    """

    DEFAULT_CSS = """
    ActionDialog { align: center middle; }
    ActionDialog > Vertical {
        width: 76; height: auto; max-height: 90%; padding: 0 2; border: thick $accent; background: $surface;
    }
    ActionDialog .title { text-style: bold; margin: 1 0; }
    ActionDialog .field-error { color: $error; height: auto; }
    ActionDialog .field-error.-empty { display: none; }
    ActionDialog #dialog-error { color: $error; text-style: bold; height: auto; margin-top: 1; }
    ActionDialog #dialog-error.-empty { display: none; }
    ActionDialog TextArea { height: 6; }
    ActionDialog .buttons { height: auto; margin: 1 0; }
    ActionDialog Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "detail.key.cancel", id="detail.dialog.cancel"),
        Binding("f2,ctrl+s", "save", "detail.key.save", id="detail.dialog.save"),
    ]

    title_key = ""

    def __init__(self, owner: "DetailScreen") -> None:
        super().__init__()
        self.owner = owner
        assert owner.complaint is not None
        self.shown: ComplaintView = owner.complaint
        self.version = owner.complaint.version
        self.saving = False
        translate_bindings(self)

    @property
    def complaint(self) -> ComplaintView:
        """The complaint as it was when the dialog opened (or as re-read after a conflict)."""
        return self.shown

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(i18n.t(self.title_key, number=self.complaint.number)), classes="title")
            yield from self.compose_fields()
            yield Static("", id="dialog-error", classes="-empty")
            with Horizontal(classes="buttons"):
                yield Button(i18n.t("detail.dialog.save"), variant="primary", id="dialog-save")
                yield Button(i18n.t("detail.dialog.cancel"), id="dialog-cancel")

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def field_error(self, name: str) -> Static:
        """The place under a field where its error appears."""
        return Static("", id=f"error-{name}", classes="field-error -empty")

    def values(self) -> dict[str, Any]:
        """What the form holds, ready for the service; raise InvalidInput for local mistakes."""
        return {}

    def perform(self, desk: Desk, actor: StaffView, complaint: ComplaintView, version: int,
                values: dict[str, Any]) -> ComplaintView:
        raise NotImplementedError

    # ----- saving -----------------------------------------------------------------------------

    @on(Button.Pressed, "#dialog-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        if self.saving:
            return
        self.show_errors({}, "")
        try:
            values = self.values()
        except InvalidInput as exc:
            self.show_errors(exc.fields, i18n.error_text(exc))
            return
        self.saving = True
        self._save(values, self.version)

    @on(Button.Pressed, "#dialog-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="detail-action")
    def _save(self, values: dict[str, Any], version: int) -> None:
        session = self.owner.session
        assert session.actor is not None
        try:
            with connection():
                view = self.perform(session.desk, session.actor, self.complaint, version, values)
        except ConflictError as exc:
            self.post_message(ActionFailed(exc, self._read_current()))
            return
        except DeskError as exc:
            self.post_message(ActionFailed(exc))
            return
        self.post_message(ActionSaved(view))

    def _read_current(self) -> ComplaintView | None:
        """The complaint as stored now; None if it cannot be read (the next save conflicts again)."""
        try:
            with connection():
                return get_complaint(self.shown.id)
        except Exception:  # the conflict message matters more than this read
            return None

    def on_action_saved(self, message: ActionSaved) -> None:
        message.stop()
        self.saving = False
        self.dismiss(message.view)

    def on_action_failed(self, message: ActionFailed) -> None:
        message.stop()
        self.saving = False
        error = message.error
        # Messages come from the services and validation already in the desk's language.
        fields = error.fields if isinstance(error, InvalidInput) else {}
        self.show_errors(fields, i18n.error_text(error))
        if isinstance(error, ConflictError):
            if message.current is not None:
                self.shown = message.current
                self.version = message.current.version
            # Show the newer version underneath; the typed text stays in this dialog.
            self.owner.reload()

    def show_errors(self, fields: dict[str, str], general: str) -> None:
        """Put each message under its field; anything without a field goes to the bottom line."""
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


class AssignDialog(ActionDialog):
    """Give the complaint to a desk member; an operator can only take it for themself."""

    title_key = "detail.dialog.assign_title"

    def compose_fields(self) -> ComposeResult:
        actor = self.owner.session.actor
        assert actor is not None
        if allowed(actor.role, Action.ASSIGN_ANY):
            yield Label(i18n.t("detail.dialog.assign_code"))
            current = self.complaint.assignee.code if self.complaint.assignee else ""
            yield filled_input(current, id="field-assignee", max_length=20)
        else:
            yield Label(Text(i18n.t("detail.dialog.assign_self", number=self.complaint.number, code=actor.code)))
            yield filled_input(actor.code, id="field-assignee", disabled=True)
        yield self.field_error("assignee")

    def values(self) -> dict[str, Any]:
        code = self.query_one("#field-assignee", Input).value.strip()
        if not code:
            raise InvalidInput("no staff code", {"assignee": i18n.t("detail.assign_code_missing")})
        return {"staff_code": code}

    def perform(self, desk: Desk, actor: StaffView, complaint: ComplaintView, version: int,
                values: dict[str, Any]) -> ComplaintView:
        return actions.assign(desk, actor, complaint.id, values["staff_code"], version)


class NoteDialog(ActionDialog):
    """An internal note, or a record that the customer was contacted."""

    title_key = "detail.dialog.note_title"

    def compose_fields(self) -> ComposeResult:
        yield Label(i18n.t("detail.dialog.note_text"))
        yield TextArea(id="field-text", soft_wrap=True)
        yield self.field_error("text")
        yield Checkbox(i18n.t("detail.dialog.note_contact"), id="field-customer_contact")

    def on_mount(self) -> None:
        self.query_one("#field-text", TextArea).focus()

    def values(self) -> dict[str, Any]:
        return {
            "text": self.query_one("#field-text", TextArea).text,
            "customer_contact": self.query_one("#field-customer_contact", Checkbox).value,
        }

    def perform(self, desk: Desk, actor: StaffView, complaint: ComplaintView, version: int,
                values: dict[str, Any]) -> ComplaintView:
        return actions.add_note(desk, actor, complaint.id, values)


class StatusDialog(ActionDialog):
    """Plain status moves: only the states the status machine allows from here."""

    title_key = "detail.dialog.status_title"

    def compose_fields(self) -> ComposeResult:
        choices = status_choices(self.complaint.status)
        yield Label(i18n.t("detail.dialog.status_new"))
        yield Select(
            [(Text(i18n.label(s)), s.value) for s in choices], id="field-status",
            prompt=i18n.t("detail.choose_status"),
            value=choices[0].value if len(choices) == 1 else Select.NULL,
        )
        yield self.field_error("status")
        yield Label(i18n.t("detail.dialog.status_note"))
        yield Input(id="field-note", max_length=1000, select_on_focus=False)
        yield self.field_error("note")

    def values(self) -> dict[str, Any]:
        chosen = self.query_one("#field-status", Select).value
        if chosen is Select.NULL:
            raise InvalidInput("no status chosen", {"status": i18n.t("detail.choose_status")})
        return {"target": chosen, "note": self.query_one("#field-note", Input).value.strip()}

    def perform(self, desk: Desk, actor: StaffView, complaint: ComplaintView, version: int,
                values: dict[str, Any]) -> ComplaintView:
        return actions.change_status(desk, actor, complaint.id, values["target"], version, note=values["note"])


class ResolveDialog(ActionDialog):
    """Decision, remedy and compensation (typed in yuan, stored in fen)."""

    title_key = "detail.dialog.resolve_title"

    def compose_fields(self) -> ComposeResult:
        yield Label(i18n.t("detail.dialog.resolve_decision"))
        yield TextArea(id="field-decision", soft_wrap=True)
        yield self.field_error("decision")
        yield Label(i18n.t("detail.dialog.resolve_remedy"))
        yield Select([(Text(i18n.label(r)), r.value) for r in Remedy], id="field-remedy",
                     value=self.complaint.remedy.value, allow_blank=False)
        yield self.field_error("remedy")
        yield Label(i18n.t("detail.dialog.resolve_compensation"))
        # Empty means no compensation; a pre-filled "0" would end up in front of the typed amount.
        yield Input(id="field-compensation_fen", placeholder="0", max_length=16, select_on_focus=False)
        yield self.field_error("compensation_fen")

    def on_mount(self) -> None:
        self.query_one("#field-decision", TextArea).focus()

    def values(self) -> dict[str, Any]:
        return {
            "decision": self.query_one("#field-decision", TextArea).text,
            "remedy": self.query_one("#field-remedy", Select).value,
            "compensation_fen": parse_yuan(self.query_one("#field-compensation_fen", Input).value),
        }

    def perform(self, desk: Desk, actor: StaffView, complaint: ComplaintView, version: int,
                values: dict[str, Any]) -> ComplaintView:
        return actions.resolve(desk, actor, complaint.id, values, version)


class WithdrawDialog(ActionDialog):
    """The customer withdrew the complaint: record why."""

    title_key = "detail.dialog.withdraw_title"

    def compose_fields(self) -> ComposeResult:
        yield Label(i18n.t("detail.dialog.withdraw_reason"))
        yield Input(id="field-reason", max_length=1000, select_on_focus=False)
        yield self.field_error("reason")

    def values(self) -> dict[str, Any]:
        return {"reason": self.query_one("#field-reason", Input).value}

    def perform(self, desk: Desk, actor: StaffView, complaint: ComplaintView, version: int,
                values: dict[str, Any]) -> ComplaintView:
        return actions.withdraw(desk, actor, complaint.id, values, version)


class DuplicateDialog(ActionDialog):
    """Close as a duplicate of an earlier complaint, named by its TS- number."""

    title_key = "detail.dialog.duplicate_title"

    def compose_fields(self) -> ComposeResult:
        yield Label(i18n.t("detail.dialog.duplicate_original"))
        yield filled_input("TS-", id="field-duplicate_of", max_length=24)
        yield self.field_error("duplicate_of")

    def values(self) -> dict[str, Any]:
        number = self.query_one("#field-duplicate_of", Input).value.strip().upper()
        # A whole number pasted after the pre-filled prefix carries the prefix twice.
        if number.startswith("TS-TS-"):
            number = number[3:]
        if not _NUMBER.match(number):
            raise InvalidInput("not a complaint number", {"duplicate_of": i18n.t("detail.duplicate_number_invalid")})
        return {"original": number}

    def perform(self, desk: Desk, actor: StaffView, complaint: ComplaintView, version: int,
                values: dict[str, Any]) -> ComplaintView:
        return actions.merge_duplicate(desk, actor, complaint.id, values["original"], version)
