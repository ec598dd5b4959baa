"""Referring a complaint to an outside partner (or recording 12315's reference), and logging a reply."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Checkbox, Input, Select, Static

from .... import i18n
from ....domain.enums import Channel
from ....domain.errors import InvalidInput
from ....domain.partners import PartnerKind, PartnerView, ReferralDirection, ReferralState, ReferralView
from ....domain.schemas import ComplaintView
from ....services.partners.directory import partner_directory
from ....services.partners.referrals import complaint_referrals, log_reply, refer_complaint
from ...background import run_in_background
from ...dialogs.form_dialog import FormDialog
from ...widgets.choice_select import ChoiceSelect
from ...widgets.tick_box import TickBox
from ..directory.fields import choice_field, chosen, line, text_field, typed_dates

# 12315 asks for a reply within seven days; other partners are given the same unless told otherwise.
REPLY_DAYS = 7


@dataclass
class PartnersLoaded(Message):
    """The partners a complaint can be referred to."""

    partners: list[PartnerView]


@dataclass
class ReferralsLoaded(Message):
    """The complaint's referrals, with their replies."""

    referrals: list[ReferralView]


def _today(dialog: FormDialog[Any]) -> date:
    desk = dialog.session.desk
    return desk.clock().astimezone(desk.sla.zone).date()


class ReferralDialog(FormDialog[ReferralView]):
    """Refer the complaint to a partner, or (a 12315 complaint) record 12315's reference and deadline."""


    def __init__(self, complaint: ComplaintView, _on_conflict: Any = None) -> None:
        super().__init__()
        self.complaint = complaint
        self.from_12315 = complaint.channel is Channel.REFERRAL_12315

    def title_text(self) -> str:
        key = "partners.dialog.from_12315_title" if self.from_12315 else "partners.dialog.refer_title"
        return i18n.t(key, number=self.complaint.number)

    def compose_fields(self) -> ComposeResult:
        today = _today(self)
        direction = ReferralDirection.IN if self.from_12315 else ReferralDirection.OUT
        yield line("direction", "partners.column.direction", choice_field("direction", ReferralDirection, direction.value))
        partner = ChoiceSelect([], id="field-partner_code", compact=True, prompt=i18n.t("directory.choose"))
        yield line("partner_code", "partners.column.partner", partner)
        yield line("referred_on", "partners.column.referred_on", text_field("referred_on", today.isoformat(), max_length=10))
        yield line("reference", "partners.column.reference", text_field("reference", max_length=40))
        due = (today + timedelta(days=REPLY_DAYS)).isoformat()
        yield line("reply_due_on", "partners.column.reply_due_on", text_field("reply_due_on", due, max_length=10))
        yield line("note", "partners.column.note", text_field("note", max_length=1000))

    def on_mount(self) -> None:
        super().on_mount()
        self._load_partners()

    def _load_partners(self) -> None:
        run_in_background(self, lambda: PartnersLoaded(partner_directory()), group="referral-partners",
                          failed="directory.load_failed")

    def on_partners_loaded(self, message: PartnersLoaded) -> None:
        message.stop()
        partners = message.partners
        select = self.query_one("#field-partner_code", ChoiceSelect)
        select.set_choices([(f"{p.code}  {p.name}", p.code) for p in partners])
        wanted = PartnerKind.CONSUMER_ASSOCIATION if self.from_12315 else None
        match = next((p.code for p in partners if p.kind is wanted), None)
        if match is not None:
            select.value = match

    def values(self) -> dict[str, Any]:
        dates = typed_dates(self, "referred_on", "reply_due_on")
        out: dict[str, Any] = {name: self.query_one(f"#field-{name}", Input).value for name in ("reference", "note")}
        out.update(direction=chosen(self.query_one("#field-direction", Select)),
                   partner_code=chosen(self.query_one("#field-partner_code", Select)),
                   **dates)
        return out

    def perform(self, values: dict[str, Any]) -> ReferralView:
        session = self.session
        assert session.actor is not None
        return refer_complaint(session.desk, session.actor, self.complaint.id, values)


class ReplyDialog(FormDialog[ReferralView]):
    """A reply on one of the complaint's open referrals: final, or interim with a new deadline."""


    def __init__(self, complaint: ComplaintView, _on_conflict: Any = None) -> None:
        super().__init__()
        self.complaint = complaint
        self.referrals: list[ReferralView] = []

    def title_text(self) -> str:
        return i18n.t("partners.dialog.reply_title", number=self.complaint.number)

    def compose_fields(self) -> ComposeResult:
        yield Static("", id="referral-list", classes="hint")
        referral = ChoiceSelect([], id="field-referral", compact=True, prompt=i18n.t("directory.choose"))
        yield line("referral", "partners.column.partner", referral)
        yield line("text", "partners.column.text", text_field("text", max_length=2000))
        yield TickBox(i18n.t("partners.dialog.final_yes"), True, id="field-final", compact=True)
        yield line("next_due_on", "partners.column.next_due_on", text_field("next_due_on", max_length=10))

    def on_mount(self) -> None:
        super().on_mount()
        self._load()

    def _load(self) -> None:
        desk = self.session.desk
        run_in_background(self, lambda: ReferralsLoaded(complaint_referrals(self.complaint.id, desk.clock())),
                          group="referral-replies", failed="detail.load_failed")

    def on_referrals_loaded(self, message: ReferralsLoaded) -> None:
        message.stop()
        found = self.referrals = message.referrals
        zone = self.session.desk.sla.zone
        lines = []
        for r in found:
            lines.append(f"{r.partner_code} {r.reference} · {i18n.label(r.state)} · "
                         + i18n.t("partners.due", due=f"{r.reply_due_at.astimezone(zone):%Y-%m-%d}")
                         + (f" · {i18n.t('partners.overdue')}" if r.overdue else ""))
            lines += [f"  {reply.at.astimezone(zone):%m-%d %H:%M} {reply.by}: {reply.text}" for reply in r.replies]
        self.query_one("#referral-list", Static).update(Text("\n".join(lines) or i18n.t("partners.none")))
        waiting = [r for r in found if r.state is ReferralState.OPEN]
        select = self.query_one("#field-referral", ChoiceSelect)
        select.set_choices([(f"{r.partner_code} {r.reference}".strip(), r.id) for r in waiting])
        if waiting:
            select.value = waiting[0].id

    def values(self) -> dict[str, Any]:
        value = self.query_one("#field-referral", Select).value
        if value is Select.NULL:
            raise InvalidInput("no referral", {"referral": i18n.t("partners.validation.no_referral")})
        return {"referral": value, "text": self.query_one("#field-text", Input).value,
                "final": self.query_one("#field-final", Checkbox).value, **typed_dates(self, "next_due_on")}

    def perform(self, values: dict[str, Any]) -> ReferralView:
        session = self.session
        assert session.actor is not None
        referral_id = int(values.pop("referral"))
        version = next((r.version for r in self.referrals if r.id == referral_id), None)
        return log_reply(session.desk, session.actor, referral_id, values, version)
