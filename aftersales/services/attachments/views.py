"""An attachment as lists show it, and the one query that reads them (never the bytes)."""

from datetime import datetime
from typing import Any

from peewee import JOIN
from pydantic import BaseModel, ConfigDict

from ...domain.attachments import AttachmentSubject
from ...domain.deliveries import delivery_number
from ...store.models import Attachment, AttachmentContent, Complaint, Staff


class AttachmentView(BaseModel):
    """One attachment as lists show it (never its bytes)."""

    model_config = ConfigDict(frozen=True)

    id: int
    subject: AttachmentSubject
    subject_label: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    width: int | None = None
    height: int | None = None
    has_thumbnail: bool = False
    note: str = ""
    attached_by: str
    attached_at: datetime
    withdrawn_at: datetime | None = None
    withdraw_reason: str = ""


_LISTED = (Attachment.id, Attachment.subject, Attachment.delivery_order, Attachment.violation,
           Attachment.visit, Attachment.file_name, Attachment.note, Attachment.attached_at, Attachment.withdrawn_at,
           Attachment.withdraw_reason, AttachmentContent.sha256, AttachmentContent.media_type, AttachmentContent.size,
           AttachmentContent.width, AttachmentContent.height, AttachmentContent.thumbnail.is_null(False), Staff.code,
           Complaint.number)


def attachment_views(where: Any) -> list[AttachmentView]:
    """The attachments matching `where`, oldest first, inside the caller's connection."""
    rows = (Attachment.select(*_LISTED)
            .join(AttachmentContent, on=(Attachment.stored == AttachmentContent.sha256))
            .switch(Attachment).join(Staff, on=(Attachment.attached_by == Staff.id))
            .switch(Attachment).join(Complaint, JOIN.LEFT_OUTER, on=(Attachment.complaint == Complaint.id))
            .where(where).order_by(Attachment.attached_at, Attachment.id).tuples())
    out = []
    for (aid, kind, order, violation, visit, name, note, at, withdrawn, reason, sha, media, size, width,
         height, thumbed, code, number) in rows:
        subject = AttachmentSubject(kind)
        label = {AttachmentSubject.DELIVERY: delivery_number(order or 0),
                 AttachmentSubject.VIOLATION: f"violation {violation}", AttachmentSubject.VISIT: f"visit {visit}",
                 }.get(subject, number or "")
        out.append(AttachmentView(id=aid, subject=subject, subject_label=label, file_name=name, media_type=media,
                                  size=size, sha256=sha, width=width, height=height, has_thumbnail=bool(thumbed),
                                  note=note, attached_by=code, attached_at=at, withdrawn_at=withdrawn,
                                  withdraw_reason=reason))
    return out




def files_by_complaint(complaint_ids: list[int], until: datetime | None = None) -> dict[int, tuple[tuple[str, str], ...]]:
    """Per complaint: the files attached to it (or its orders and violations), oldest first, as (name,
    SHA-256) — never their bytes. With `until`, as they stood then: attached before it and not withdrawn
    by then; without, those not withdrawn now."""
    if not complaint_ids:
        return {}
    where = Attachment.complaint.in_(complaint_ids)
    if until is None:
        where &= Attachment.withdrawn_at.is_null()
    else:
        where &= (Attachment.attached_at < until) & (Attachment.withdrawn_at.is_null() | (Attachment.withdrawn_at >= until))
    rows = (Attachment.select(Attachment.complaint, Attachment.file_name, Attachment.stored).where(where)
            .order_by(Attachment.attached_at, Attachment.id).tuples())
    out: dict[int, list[tuple[str, str]]] = {}
    for cid, name, sha in rows:
        out.setdefault(int(cid), []).append((name, sha))
    return {cid: tuple(files) for cid, files in out.items()}
