"""Dialogs of escalations: escalate from the detail; instruct, reassign, close and raise from the review queue."""

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Label, TextArea

from .... import i18n
from ....domain.escalations.schemas import EscalationView
from ....domain.schemas import ComplaintView, StaffView
from ....services.complaints.read import get_complaint
from ....services.context import Desk
from ....services.escalations import review
from ....services.escalations.raising import escalate
from ....services.escalations.read import escalation_by_id
from ...dialogs.form_dialog import FormDialog
from ..complaints.detail_dialogs import ActionDialog


class EscalateDialog(ActionDialog):
    """Escalate the complaint to the team lead by hand: a reason is required."""

    title_key = "escalations.dialog.escalate_title"

    def compose_fields(self) -> ComposeResult:
        yield Label(i18n.t("escalations.dialog.reason"))
        yield TextArea(id="field-reason", soft_wrap=True)
        yield self.field_error("reason")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#field-reason", TextArea).focus()

    def values(self) -> dict[str, Any]:
        return {"reason": self.query_one("#field-reason", TextArea).text}

    def act(self, desk: Desk, actor: StaffView, complaint: ComplaintView, version: int,
            values: dict[str, Any]) -> ComplaintView:
        escalate(desk, actor, complaint.id, values)
        return get_complaint(complaint.id)


class ReviewDialog(FormDialog[EscalationView]):
    """A form over one escalation; saves with the version it showed (a conflict re-reads it)."""

    title_key = ""

    def __init__(self, escalation: EscalationView, on_conflict: Callable[[], None] | None = None) -> None:
        super().__init__(on_conflict)
        self.shown = escalation
        self.version = escalation.version

    def title_text(self) -> str:
        return i18n.t(self.title_key, number=self.shown.number)

    def act(self, desk: Desk, actor: StaffView, values: dict[str, Any]) -> EscalationView:
        raise NotImplementedError

    def perform(self, values: dict[str, Any]) -> EscalationView:
        session = self.session
        assert session.actor is not None
        return self.act(session.desk, session.actor, values)

    def reread(self) -> EscalationView:
        return escalation_by_id(self.shown.id)

    def conflicted(self, current: Any) -> None:
        self.shown = current
        self.version = current.version


class _TextDialog(ReviewDialog):
    """One text to write, saved by `step` with the version shown."""

    field = ""
    label_key = ""
    step: Callable[[Desk, StaffView, int, dict[str, Any], int], EscalationView]

    def compose_fields(self) -> ComposeResult:
        yield Label(Text(i18n.t(self.label_key)))
        yield TextArea(id=f"field-{self.field}", soft_wrap=True)
        yield self.field_error(self.field)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(f"#field-{self.field}", TextArea).focus()

    def values(self) -> dict[str, Any]:
        return {self.field: self.query_one(f"#field-{self.field}", TextArea).text}

    def act(self, desk: Desk, actor: StaffView, values: dict[str, Any]) -> EscalationView:
        return self.step(desk, actor, self.shown.id, values, self.version)


class InstructDialog(_TextDialog):
    title_key = "escalations.dialog.instruct_title"
    field = "text"
    label_key = "escalations.dialog.instructions"
    step = staticmethod(review.instruct)


class CloseDialog(_TextDialog):
    title_key = "escalations.dialog.close_title"
    field = "decision"
    label_key = "escalations.dialog.decision"
    step = staticmethod(review.close)


class ReassignDialog(ReviewDialog):
    title_key = "escalations.dialog.reassign_title"

    def compose_fields(self) -> ComposeResult:
        yield Label(i18n.t("escalations.dialog.staff_code"))
        yield Input(self.shown.assignee_code or "", id="field-staff_code", max_length=20, select_on_focus=False)
        yield self.field_error("staff_code")
        yield self.field_error("assignee")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#field-staff_code", Input).focus()

    def values(self) -> dict[str, Any]:
        return {"staff_code": self.query_one("#field-staff_code", Input).value.strip()}

    def act(self, desk: Desk, actor: StaffView, values: dict[str, Any]) -> EscalationView:
        return review.reassign(desk, actor, self.shown.id, values)
