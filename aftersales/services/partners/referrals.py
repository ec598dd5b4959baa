"""Referring a complaint to an outside partner (or recording one passed on by 12315), logging replies.

The complaint row keeps the earliest reply still awaited (`reply_due_at`), so the queue shows an
overdue reply like an overdue SLA without reading the referrals.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from peewee import fn

from ...domain.enums import EventKind
from ...domain.errors import ConflictError, FieldError, InvalidInput, NotFound
from ...domain.partners import ReferralInput, ReferralState, ReferralView, ReplyInput
from ...domain.permissions import Action
from ...domain.schemas import StaffView
from ...store.converters.partners import referral_views
from ...store.db import write_transaction
from ...store.models import Complaint, Partner, Referral, ReferralReply
from ...store.versioned import VersionedRecord
from ..audit import append_event
from ..context import Desk
from ..guard import require
from ..unit import unit_of_work
from ..validation import validate

REFERRAL_RECORD = VersionedRecord(
    Referral,
    missing=lambda referral_id: NotFound(what=f"#{referral_id}"),
    conflict=lambda row, _version: ConflictError(number=f"#{row.id}"),
)


def end_of_day(day: date, zone: ZoneInfo) -> datetime:
    """The last second of `day` in the mall's time zone: a reply due on a day is on time all that day."""
    return datetime.combine(day + timedelta(days=1), time(0, 0), zone) - timedelta(seconds=1)


def _keep_complaint_in_step(complaint_id: int) -> None:
    earliest = (Referral.select(fn.MIN(Referral.reply_due_at))
                .where((Referral.complaint == complaint_id) & (Referral.state == ReferralState.OPEN.value)).scalar())
    Complaint.update(reply_due_at=earliest).where(Complaint.id == complaint_id).execute()


@unit_of_work
def refer_complaint(desk: Desk, actor: StaffView, complaint_id: int,
                    data: ReferralInput | dict[str, object]) -> ReferralView:
    """Refer a complaint to a partner (or record one received from 12315), with the reply expected."""
    require(desk, actor, Action.REFER, complaint_id)
    valid = validate(ReferralInput, data)
    zone = desk.sla.zone
    today = desk.clock().astimezone(zone).date()
    if valid.referred_on > today:
        raise InvalidInput({"referred_on": FieldError("visits.validation.future")})
    if valid.reply_due_on < valid.referred_on:
        raise InvalidInput({"reply_due_on": FieldError("partners.validation.due_before")})
    with write_transaction(f"referring complaint #{complaint_id}"):
        complaint = Complaint.get_or_none(Complaint.id == complaint_id)
        if complaint is None:
            raise NotFound(what=f"#{complaint_id}")
        partner = Partner.get_or_none(Partner.code == valid.partner_code.upper())
        if partner is None or not partner.active:
            raise InvalidInput({"partner_code": FieldError("partners.validation.no_partner", code=valid.partner_code)})
        row = Referral.create(
            complaint=complaint_id, partner=partner.id, direction=valid.direction.value, referred_on=valid.referred_on,
            reference=valid.reference, reply_due_at=end_of_day(valid.reply_due_on, zone),
            state=ReferralState.OPEN.value, note=valid.note, created_by=actor.id, created_at=desk.clock(),
        )
        _keep_complaint_in_step(complaint_id)
        append_event(desk.clock(), actor, EventKind.REFERRED, complaint_id=complaint_id, field=valid.direction.value,
                     new=f"{partner.code} {valid.reference}".strip(),
                     note=f"{valid.reply_due_on.isoformat()} {valid.note}".strip())
        return referral_views([row], desk.clock())[0]


@unit_of_work
def log_reply(desk: Desk, actor: StaffView, referral_id: int, data: ReplyInput | dict[str, object],
              version: int | None) -> ReferralView:
    """Log a reply; a final one answers the referral, an interim one may give a new deadline."""
    valid = validate(ReplyInput, data)
    row = REFERRAL_RECORD.load(referral_id)
    require(desk, actor, Action.REFER, row.complaint_id)
    zone = desk.sla.zone
    if not valid.final and valid.next_due_on is not None and valid.next_due_on < desk.clock().astimezone(zone).date():
        raise InvalidInput({"next_due_on": FieldError("partners.validation.due_past")})
    with write_transaction(f"logging a reply on referral #{referral_id}"):
        row = REFERRAL_RECORD.load(referral_id, version)
        if row.state != ReferralState.OPEN.value:
            raise InvalidInput({"text": FieldError("partners.validation.answered")})
        ReferralReply.create(referral=referral_id, at=desk.clock(), text=valid.text, final=valid.final, by=actor.id)
        changes: dict[str, object] = {}
        if valid.final:
            changes["state"] = ReferralState.ANSWERED.value
        elif valid.next_due_on is not None:
            changes["reply_due_at"] = end_of_day(valid.next_due_on, zone)
        REFERRAL_RECORD.save(row, row.version, changes)
        _keep_complaint_in_step(row.complaint_id)
        append_event(desk.clock(), actor, EventKind.REFERRAL_REPLY, complaint_id=row.complaint_id,
                     field="final" if valid.final else "interim", new=f"#{referral_id}", note=valid.text)
        return referral_views([Referral.get_by_id(referral_id)], desk.clock())[0]


@unit_of_work
def complaint_referrals(complaint_id: int, now: datetime) -> list[ReferralView]:
    """A complaint's referrals, oldest first."""
    rows = Referral.select().where(Referral.complaint == complaint_id).order_by(Referral.referred_on, Referral.id)
    return referral_views(list(rows), now)


def overdue_replies(now: datetime, limit: int = 500) -> list[ReferralView]:
    """Open referrals past their reply deadline, the longest overdue first."""
    rows = (Referral.select().where((Referral.state == ReferralState.OPEN.value) & (Referral.reply_due_at < now))
            .order_by(Referral.reply_due_at).limit(limit))
    return referral_views(list(rows), now)


@unit_of_work
def latest_answered_referral() -> int | None:
    """The complaint of the latest referral answered for good; None when no partner has answered yet."""
    row = (Referral.select(Referral.complaint).where(Referral.state == ReferralState.ANSWERED.value)
           .order_by(Referral.id.desc()).first())
    return int(row.complaint_id) if row else None
