"""Partner and referral rows as views."""

from datetime import datetime
from typing import Any

from ...domain.partners import (
    PartnerKind,
    PartnerView,
    ReferralDirection,
    ReferralState,
    ReferralView,
    ReplyView,
)
from ..models import Complaint, Partner, ReferralReply, Staff


def partner_view(row: Any) -> PartnerView:
    return PartnerView(id=row.id, code=row.code, name=row.name, kind=PartnerKind(row.kind), contact=row.contact,
                       phone=row.phone, serves=row.serves, active=row.active, version=row.version)


def referral_views(rows: list[Any], now: datetime) -> list[ReferralView]:
    """Views of referral rows with their partners, complaint numbers and replies (one query each)."""
    if not rows:
        return []
    ids = [row.id for row in rows]
    partners = {p.id: p for p in Partner.select().where(Partner.id.in_(list({row.partner_id for row in rows})))}
    numbers = {c.id: c.number for c in Complaint.select(Complaint.id, Complaint.number)
               .where(Complaint.id.in_(list({row.complaint_id for row in rows})))}
    replies: dict[int, list[Any]] = {}
    for reply in ReferralReply.select().where(ReferralReply.referral.in_(ids)).order_by(ReferralReply.at, ReferralReply.id):
        replies.setdefault(reply.referral_id, []).append(reply)
    staff_ids = {reply.by_id for found in replies.values() for reply in found}
    staff = {s.id: s.code for s in Staff.select(Staff.id, Staff.code).where(Staff.id.in_(list(staff_ids)))} \
        if staff_ids else {}
    out = []
    for row in rows:
        partner = partners[row.partner_id]
        state = ReferralState(row.state)
        out.append(ReferralView(
            id=row.id, complaint_id=row.complaint_id, complaint_number=numbers.get(row.complaint_id, ""),
            partner_code=partner.code, partner_name=partner.name, partner_kind=PartnerKind(partner.kind),
            direction=ReferralDirection(row.direction), referred_on=row.referred_on, reference=row.reference,
            reply_due_at=row.reply_due_at, state=state,
            replies=[ReplyView(at=r.at, text=r.text, final=r.final, by=staff.get(r.by_id, ""))
                     for r in replies.get(row.id, [])],
            version=row.version, overdue=state is ReferralState.OPEN and row.reply_due_at < now,
        ))
    return out
