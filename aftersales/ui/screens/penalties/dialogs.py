"""Recording a violation: from a complaint's detail (`v`) or from the penalties section (`p`)."""

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Label, Select, TextArea

from .... import i18n
from ....domain.errors import InvalidInput
from ....domain.penalties.enums import RuleKind, SubjectKind
from ....domain.penalties.schemas import SubjectRef, ViolationView
from ....domain.schemas import ComplaintView
from ....services.penalties.propose import propose_violation
from ...dialogs.form_dialog import FormDialog, filled_input
from ...dialogs.form_rows import form_row
from ...widgets.choice_select import ChoiceSelect

# Shared by the penalty and report dialogs: a narrow field, the summary and consequence lines, short text
# areas (fits 80 × 24); the label column is every FormDialog's.
FORM_CSS = """
    .form-row > .narrow { width: 14; }
    .summary { height: auto; margin-bottom: 1; }
    .consequence { height: auto; margin-bottom: 1; padding: 0 1; border-left: thick $warning; }
    TextArea { height: 4; }
"""


def field_row(label_key: str, *fields: Widget) -> Horizontal:
    """A label and its field(s) on one line."""
    return form_row(i18n.t(label_key), *fields)


def compact_input(value: str, field: str, max_length: int, **kwargs: Any) -> Input:
    """A one-line field `field-<field>` holding `value`, the cursor after it."""
    return filled_input(value, id=f"field-{field}", max_length=max_length, compact=True, **kwargs)


class ProposeDialog(FormDialog[ViolationView]):
    """Against whom (staff, shop or the department), which rule, when, and the evidence."""

    DEFAULT_CSS = FORM_CSS

    def __init__(self, subject: SubjectRef | None = None, complaint_number: str = "", today: date | None = None,
                 on_conflict: Any = None) -> None:
        super().__init__(on_conflict)
        self.subject = subject or SubjectRef(kind=SubjectKind.STAFF)
        self.complaint_number = complaint_number
        self.today = today

    def title_text(self) -> str:
        if self.complaint_number:
            return i18n.t("penalties.propose.title_complaint", number=self.complaint_number)
        return i18n.t("penalties.propose.title")

    def compose_fields(self) -> ComposeResult:
        policy = self.session.desk.penalties
        language = i18n.current_language()
        today = self.today or self.session.desk.clock().astimezone(self.session.desk.sla.zone).date()
        kinds = [(i18n.label(kind), kind.value) for kind in SubjectKind]
        yield field_row(
            "penalties.propose.subject",
            ChoiceSelect(kinds, id="field-subject_kind", value=self.subject.kind.value, allow_blank=False, compact=True,
                   classes="narrow"),
            compact_input(self.subject.code, "subject_code", 20, placeholder=i18n.t("penalties.propose.code_hint"),
                          disabled=self.subject.kind is SubjectKind.DEPARTMENT),
        )
        yield self.field_error("subject_code")
        rules = [(rule.title(language), code) for code, rule in policy.rules.items()]
        yield field_row("penalties.propose.rule",
                        ChoiceSelect(rules, id="field-rule_code", value=rules[0][1], allow_blank=False, compact=True))
        yield self.field_error("rule_code")
        yield field_row(
            "penalties.propose.incident",
            compact_input(today.isoformat(), "incident_date", 10, classes="narrow"),
            Label(i18n.t("penalties.propose.complaint")),
            compact_input(self.complaint_number, "complaint_number", 24, placeholder="TS-…"),
        )
        yield self.field_error("incident_date")
        yield self.field_error("complaint_number")
        yield Label(i18n.t("penalties.propose.evidence"))
        yield TextArea(id="field-evidence", soft_wrap=True)
        yield self.field_error("evidence")
        yield field_row("penalties.propose.loss", compact_input("", "loss", 1000,
                                                                placeholder=i18n.t("penalties.propose.loss_hint")))
        yield self.field_error("loss")

    def on_mount(self) -> None:
        target = "#field-evidence" if self.subject.code or self.subject.kind is SubjectKind.DEPARTMENT else "#field-subject_code"
        self.query_one(target).focus()
        self._show_loss()

    @on(Select.Changed, "#field-subject_kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        code = self.query_one("#field-subject_code", Input)
        code.disabled = event.value == SubjectKind.DEPARTMENT.value

    @on(Select.Changed, "#field-rule_code")
    def _rule_changed(self) -> None:
        self._show_loss()

    def _show_loss(self) -> None:
        """The loss is asked only for a rule the manager fines at discretion."""
        rule = self.session.desk.penalties.rule(str(self.query_one("#field-rule_code", Select).value))
        discretionary = rule is not None and rule.kind is RuleKind.DISCRETIONARY
        self.query_one("#field-loss", Input).parent.display = discretionary  # type: ignore[union-attr]

    def values(self) -> dict[str, Any]:
        text = self.query_one("#field-incident_date", Input).value.strip()
        try:
            incident = date.fromisoformat(text)
        except ValueError:
            raise InvalidInput("not a date", {"incident_date": i18n.t("penalties.validation.date_invalid")}) from None
        kind = str(self.query_one("#field-subject_kind", Select).value)
        return {
            "subject_kind": kind,
            "subject_code": "" if kind == SubjectKind.DEPARTMENT.value else self.query_one("#field-subject_code", Input).value,
            "rule_code": str(self.query_one("#field-rule_code", Select).value),
            "incident_date": incident,
            "complaint_number": self.query_one("#field-complaint_number", Input).value.strip().upper(),
            "evidence": self.query_one("#field-evidence", TextArea).text,
            "loss": self.query_one("#field-loss", Input).value,
        }

    def perform(self, values: dict[str, Any]) -> ViolationView:
        session = self.session
        assert session.actor is not None
        return propose_violation(session.desk, session.actor, values)


def from_complaint(complaint: ComplaintView, _on_conflict: Any) -> ProposeDialog:
    """The detail's `v`: against the complaint's assignee (else its shop), linked to the complaint."""
    if complaint.assignee is not None:
        subject = SubjectRef(kind=SubjectKind.STAFF, code=complaint.assignee.code, name=complaint.assignee.name)
    else:
        subject = SubjectRef(kind=SubjectKind.SHOP, code=complaint.shop.code, name=complaint.shop.name)
    return ProposeDialog(subject, complaint.number)
