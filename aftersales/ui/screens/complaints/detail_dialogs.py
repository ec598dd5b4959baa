"""The complaint detail's action dialogs: each saves through a service and keeps its text on failure."""

import re
from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, TextArea

from .... import i18n
from ....domain.enums import Remedy
from ....domain.errors import InvalidInput
from ....domain.permissions import Action, allowed
from ....domain.schemas import ComplaintView, StaffView
from ....domain.status_machine import status_choices
from ....services.complaints import actions
from ....services.complaints.read import get_complaint
from ....services.context import Desk
from ...dialogs.confirm import confirm_texts
from ...dialogs.form_dialog import FormDialog, filled_input, parse_yuan
from ...widgets.choice_select import ChoiceSelect
from ...widgets.tick_box import TickBox

_NUMBER = re.compile(r"^TS-\d{8}-\d{4,}$")


class ActionDialog(FormDialog[ComplaintView]):
    """A form over one complaint; `act` calls the service with the version shown when it opened.

    The detail underneath reloads whenever the database changes, so its version cannot be used:
    the operator decided on what this dialog showed. After a conflict the dialog adopts the
    stored version, so a second save (the operator has now seen the message) may go through.
    """

    title_key = ""
    step: ClassVar[Callable[[Desk, StaffView, int, dict[str, Any], int], ComplaintView]]

    def __init__(self, complaint: ComplaintView, on_conflict: Callable[[], None] | None = None) -> None:
        super().__init__(on_conflict)
        self.shown = complaint
        self.version = complaint.version

    @property
    def complaint(self) -> ComplaintView:
        """The complaint as it was when the dialog opened (or as re-read after a conflict)."""
        return self.shown

    def title_text(self) -> str:
        return i18n.t(self.title_key, number=self.complaint.number)

    def labelled(self, label_key: str, field: Widget) -> ComposeResult:
        """A field under its label, with the place for its error below."""
        yield Label(i18n.t(label_key))
        yield field
        yield self.field_error((field.id or "").removeprefix("field-"))

    def act(self, desk: Desk, actor: StaffView, complaint: ComplaintView, version: int,
            values: dict[str, Any]) -> ComplaintView:
        """Save through `step`, a service taking the form's values and the version shown."""
        return self.step(desk, actor, complaint.id, values, version)

    def perform(self, values: dict[str, Any]) -> ComplaintView:
        session = self.session
        assert session.actor is not None
        return self.act(session.desk, session.actor, self.shown, self.version, values)

    def reread(self) -> ComplaintView:
        return get_complaint(self.shown.id)

    def conflicted(self, current: Any) -> None:
        self.shown = current
        self.version = current.version


class AssignDialog(ActionDialog):
    """Give the complaint to a desk member; an operator can only take it for themself."""

    title_key = "detail.dialog.assign_title"

    def compose_fields(self) -> ComposeResult:
        actor = self.session.actor
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

    def act(self, desk: Desk, actor: StaffView, complaint: ComplaintView, version: int,
            values: dict[str, Any]) -> ComplaintView:
        return actions.assign(desk, actor, complaint.id, values["staff_code"], version)


class NoteDialog(ActionDialog):
    """An internal note, or a record that the customer was contacted."""

    title_key = "detail.dialog.note_title"

    def compose_fields(self) -> ComposeResult:
        yield from self.labelled("detail.dialog.note_text", TextArea(id="field-text", soft_wrap=True))
        yield TickBox(i18n.t("detail.dialog.note_contact"), id="field-customer_contact")

    def on_mount(self) -> None:
        self.query_one("#field-text", TextArea).focus()

    def values(self) -> dict[str, Any]:
        return {
            "text": self.query_one("#field-text", TextArea).text,
            "customer_contact": self.query_one("#field-customer_contact", Checkbox).value,
        }

    def act(self, desk: Desk, actor: StaffView, complaint: ComplaintView, version: int,
            values: dict[str, Any]) -> ComplaintView:
        return actions.add_note(desk, actor, complaint.id, values)


class StatusDialog(ActionDialog):
    """Plain status moves: only the states the status machine allows from here."""

    title_key = "detail.dialog.status_title"

    def compose_fields(self) -> ComposeResult:
        choices = status_choices(self.complaint.status)
        only = len(choices) == 1
        # A single choice is chosen already, with no blank to wrap round to.
        yield from self.labelled("detail.dialog.status_new", ChoiceSelect(
            [(i18n.label(s), s.value) for s in choices], id="field-status",
            prompt=i18n.t("detail.choose_status"),
            value=choices[0].value if only else Select.NULL, allow_blank=not only,
        ))
        yield from self.labelled("detail.dialog.status_note",
                                 Input(id="field-note", max_length=1000, select_on_focus=False))

    def values(self) -> dict[str, Any]:
        chosen = self.query_one("#field-status", Select).value
        if chosen is Select.NULL:
            raise InvalidInput("no status chosen", {"status": i18n.t("detail.choose_status")})
        return {"target": chosen, "note": self.query_one("#field-note", Input).value.strip()}

    def act(self, desk: Desk, actor: StaffView, complaint: ComplaintView, version: int,
            values: dict[str, Any]) -> ComplaintView:
        return actions.change_status(desk, actor, complaint.id, values["target"], version, note=values["note"])


class ResolveDialog(ActionDialog):
    """Decision, remedy and compensation (typed in yuan, stored in fen)."""

    title_key = "detail.dialog.resolve_title"
    step = staticmethod(actions.resolve)

    def compose_fields(self) -> ComposeResult:
        yield from self.labelled("detail.dialog.resolve_decision", TextArea(id="field-decision", soft_wrap=True))
        yield from self.labelled("detail.dialog.resolve_remedy", ChoiceSelect(
            [(i18n.label(r), r.value) for r in Remedy], id="field-remedy",
            value=self.complaint.remedy.value, allow_blank=False))
        # Empty means no compensation; a pre-filled "0" would end up in front of the typed amount.
        yield from self.labelled("detail.dialog.resolve_compensation", Input(
            id="field-compensation_fen", placeholder="0", max_length=16, select_on_focus=False))

    def on_mount(self) -> None:
        self.query_one("#field-decision", TextArea).focus()

    def values(self) -> dict[str, Any]:
        return {
            "decision": self.query_one("#field-decision", TextArea).text,
            "remedy": self.query_one("#field-remedy", Select).value,
            "compensation_fen": parse_yuan(self.query_one("#field-compensation_fen", Input).value),
        }


class WithdrawDialog(ActionDialog):
    """The customer withdrew the complaint: record why."""

    title_key = "detail.dialog.withdraw_title"
    step = staticmethod(actions.withdraw)

    def compose_fields(self) -> ComposeResult:
        yield from self.labelled("detail.dialog.withdraw_reason",
                                 Input(id="field-reason", max_length=1000, select_on_focus=False))

    def values(self) -> dict[str, Any]:
        return {"reason": self.query_one("#field-reason", Input).value}

    def confirmation(self, values: dict[str, Any]) -> tuple[str, str, str, str] | None:
        # Withdrawing closes the complaint for good: `enter` in the reason must not do it alone.
        return confirm_texts("withdraw", number=self.complaint.number)


class DuplicateDialog(ActionDialog):
    """Close as a duplicate of an earlier complaint, named by its TS- number."""

    title_key = "detail.dialog.duplicate_title"

    def compose_fields(self) -> ComposeResult:
        yield from self.labelled("detail.dialog.duplicate_original",
                                 filled_input("TS-", id="field-duplicate_of", max_length=24))

    def values(self) -> dict[str, Any]:
        number = self.query_one("#field-duplicate_of", Input).value.strip().upper()
        # A whole number pasted after the pre-filled prefix carries the prefix twice.
        if number.startswith("TS-TS-"):
            number = number[3:]
        if not _NUMBER.match(number):
            raise InvalidInput("not a complaint number", {"duplicate_of": i18n.t("detail.duplicate_number_invalid")})
        return {"original": number}

    def act(self, desk: Desk, actor: StaffView, complaint: ComplaintView, version: int,
            values: dict[str, Any]) -> ComplaintView:
        return actions.merge_duplicate(desk, actor, complaint.id, values["original"], version)
