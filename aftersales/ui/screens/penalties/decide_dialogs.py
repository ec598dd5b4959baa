"""Deciding a violation: confirm (its consequence spelt out first), waive, appeal, decide an appeal or a review."""

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select, Static

from .... import i18n
from ....domain.penalties.enums import RuleKind
from ....domain.penalties.schemas import Consequence, ViolationView
from ....domain.schemas import StaffView
from ....domain.text import strip_controls
from ....services.context import Desk
from ....services.penalties import decide
from ....services.penalties.read import confirm_consequence
from ...dialogs.form_dialog import FormDialog, parse_yuan
from ...widgets.choice_select import ChoiceSelect
from .dialogs import FORM_CSS, compact_input, field_row
from .wording import (
    confirm_consequence_text,
    money,
    overturn_consequence_text,
    rule_title,
    subject_text,
    tier_text,
)


class ViolationDialog(FormDialog[ViolationView]):
    """A decision on one violation, with what it is about on top."""

    DEFAULT_CSS = FORM_CSS
    title_key = ""

    def __init__(self, violation: ViolationView) -> None:
        super().__init__()
        self.violation = violation

    def title_text(self) -> str:
        return i18n.t(self.title_key, id=self.violation.id)

    def summary(self) -> Text:
        v = self.violation
        policy = self.session.desk.penalties
        out = Text()
        out.append(subject_text(v.subject), style="bold")
        out.append(f" · {rule_title(policy, v.rule_code)} · {v.incident_date.isoformat()}")
        if v.complaint_number:
            out.append(f" · {v.complaint_number}")
        out.append("\n" + i18n.t("penalties.summary.evidence", text=strip_controls(v.evidence)), style="dim")
        if v.loss:
            out.append("\n" + i18n.t("penalties.summary.loss", text=strip_controls(v.loss)), style="dim")
        if v.tier or v.amount_fen:
            out.append("\n" + i18n.t("penalties.summary.standing", tier=tier_text(v.tier), amount=money(v.amount_fen)))
        if v.appeal_reason:
            out.append("\n" + i18n.t("penalties.summary.appeal", text=strip_controls(v.appeal_reason)))
        return out

    def compose_fields(self) -> ComposeResult:
        yield Static(self.summary(), classes="summary")
        yield from self.decision_fields()

    def decision_fields(self) -> ComposeResult:
        yield from ()

    def note_field(self, label_key: str, field: str = "note") -> ComposeResult:
        yield field_row(label_key, compact_input("", field, 1000))
        yield self.field_error(field)

    def choice_field(self, texts: str, kept: str, changed: str) -> Horizontal:
        """The choice between keeping things as they are (first) and changing them, worded under penalties.<texts>."""
        choices = [(i18n.t(f"penalties.{texts}.{kept}"), kept), (i18n.t(f"penalties.{texts}.{changed}"), changed)]
        return field_row(f"penalties.{texts}.decision",
                         ChoiceSelect(choices, id="field-decision", value=kept, allow_blank=False, compact=True))

    def chosen(self, value: str) -> bool:
        return self.query_one("#field-decision", Select).value == value

    def on_mount(self) -> None:
        fields = self.query("Input")
        if fields:
            fields.first().focus()

    def text_of(self, field: str) -> str:
        return self.query_one(f"#field-{field}", Input).value

    @property
    def actor(self) -> Any:
        actor = self.session.actor
        assert actor is not None
        return actor


class ConsequenceDialog(ViolationDialog):
    """A decision opened with what it would lead to, worked out beforehand."""

    def __init__(self, violation: ViolationView, consequence: Consequence) -> None:
        super().__init__(violation)
        self.consequence = consequence


class ConfirmDialog(ConsequenceDialog):
    """Confirm a proposal after reading what it does: tier, amount, dismissal review, re-tiered others."""

    title_key = "penalties.confirm.title"
    save_key = "penalties.key.confirm"

    @property
    def discretionary(self) -> bool:
        return self.violation.rule_kind is RuleKind.DISCRETIONARY

    def decision_fields(self) -> ComposeResult:
        yield Static(confirm_consequence_text(self.consequence), id="consequence", classes="consequence")
        if self.discretionary:
            yield field_row("penalties.confirm.amount", compact_input("", "amount_fen", 12, placeholder="0.00"))
            yield self.field_error("amount_fen")
        yield from self.note_field("penalties.confirm.note")

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {"note": self.text_of("note")}
        if self.discretionary:
            values["amount_fen"] = parse_yuan(self.text_of("amount_fen"), "amount_fen") or None
        return values

    def perform(self, values: dict[str, Any]) -> ViolationView:
        return decide.confirm_violation(self.session.desk, self.actor, self.violation.id, values,
                                        shown_tier=self.consequence.tier)

    def reread(self) -> Consequence:
        return confirm_consequence(self.session.desk, self.actor, self.violation.id)

    def conflicted(self, current: Any) -> None:
        """Show the consequence as it is now; confirming again confirms that."""
        self.consequence = current
        self.query_one("#consequence", Static).update(confirm_consequence_text(current))


class ReasonDialog(ViolationDialog):
    """A decision that only needs a reason: what it leads to, a field for the reason, and `step` saves it.

    `decision` names its texts: penalties.<decision>.title, .consequence and .reason, and the key
    penalties.key.<decision> on the save button.
    """

    decision = ""
    step: ClassVar[Callable[[Desk, StaffView, int, dict[str, Any]], ViolationView]]

    def __init__(self, violation: ViolationView) -> None:
        super().__init__(violation)
        self.title_key = f"penalties.{self.decision}.title"
        self.save_key = f"penalties.key.{self.decision}"

    def decision_fields(self) -> ComposeResult:
        yield Static(Text(i18n.t(f"penalties.{self.decision}.consequence")), classes="consequence")
        yield from self.note_field(f"penalties.{self.decision}.reason", "reason")

    def values(self) -> dict[str, Any]:
        return {"reason": self.text_of("reason")}

    def perform(self, values: dict[str, Any]) -> ViolationView:
        return self.step(self.session.desk, self.actor, self.violation.id, values)


class WaiveDialog(ReasonDialog):
    decision = "waive"
    step = staticmethod(decide.waive_violation)


class AppealDialog(ReasonDialog):
    decision = "appeal"
    step = staticmethod(decide.appeal_violation)


class AppealDecisionDialog(ConsequenceDialog):
    """Uphold or overturn; what overturning would refund and re-tier is shown before choosing."""

    title_key = "penalties.appeal_decision.title"
    save_key = "penalties.key.decide"

    def decision_fields(self) -> ComposeResult:
        yield self.choice_field("appeal_decision", "uphold", "overturn")
        yield Static(self._consequence("uphold"), id="consequence", classes="consequence")
        yield from self.note_field("penalties.appeal_decision.note")

    def _consequence(self, choice: object) -> Text:
        if choice == "overturn":
            return overturn_consequence_text(self.consequence)
        return Text(i18n.t("penalties.appeal_decision.upheld", amount=money(self.violation.amount_fen)))

    @on(Select.Changed, "#field-decision")
    def _decision_changed(self, event: Select.Changed) -> None:
        self.query_one("#consequence", Static).update(self._consequence(event.value))

    def values(self) -> dict[str, Any]:
        return {"overturn": self.chosen("overturn"), "note": self.text_of("note")}

    def perform(self, values: dict[str, Any]) -> ViolationView:
        return decide.decide_appeal(self.session.desk, self.actor, self.violation.id, values)


class ReviewDialog(ViolationDialog):
    """The manager's decision on a dismissal review."""

    title_key = "penalties.review.title"
    save_key = "penalties.key.decide"

    def decision_fields(self) -> ComposeResult:
        yield self.choice_field("review", "retain", "dismiss")
        yield from self.note_field("penalties.review.note")

    def values(self) -> dict[str, Any]:
        return {"dismiss": self.chosen("dismiss"), "note": self.text_of("note")}

    def perform(self, values: dict[str, Any]) -> ViolationView:
        return decide.decide_review(self.session.desk, self.actor, self.violation.id, values)
