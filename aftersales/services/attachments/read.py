"""Reading attachments: a subject's list (never the bytes), one file's bytes or thumbnail, a copy saved out."""

from pathlib import Path
from typing import Any

from ...domain.attachments import ACCEPTED, AttachmentSubject
from ...domain.errors import NotFound
from peewee import JOIN

from ...store.models import Attachment, AttachmentContent, Complaint, Staff
from ..unit import unit_of_work
from .attach import AttachmentView
from .subjects import subject_of

_LISTED = (Attachment.id, Attachment.subject, Attachment.complaint, Attachment.delivery_order, Attachment.violation,
           Attachment.visit, Attachment.file_name, Attachment.note, Attachment.attached_at, Attachment.withdrawn_at,
           Attachment.withdraw_reason, AttachmentContent.sha256, AttachmentContent.media_type, AttachmentContent.size,
           AttachmentContent.width, AttachmentContent.height, AttachmentContent.thumbnail.is_null(False), Staff.code,
           Complaint.number)


def attachment_views(where: Any) -> list[AttachmentView]:
    """The attachments matching `where`, oldest first, inside the caller's connection."""
    from ...domain.deliveries import delivery_number

    rows = (Attachment.select(*_LISTED)
            .join(AttachmentContent, on=(Attachment.stored == AttachmentContent.sha256))
            .switch(Attachment).join(Staff, on=(Attachment.attached_by == Staff.id))
            .switch(Attachment).join(Complaint, JOIN.LEFT_OUTER, on=(Attachment.complaint == Complaint.id))
            .where(where).order_by(Attachment.attached_at, Attachment.id).tuples())
    out = []
    for (aid, kind, complaint, order, violation, visit, name, note, at, withdrawn, reason, sha, media, size, width,
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


@unit_of_work
def attachments_of(kind: AttachmentSubject, key: str | int, *, withdrawn: bool = False) -> list[AttachmentView]:
    """The attachments of one subject, oldest first; the withdrawn ones only when asked for."""
    subject = subject_of(kind, key)
    where = subject.where()
    if not withdrawn:
        where &= Attachment.withdrawn_at.is_null()
    return attachment_views(where)


def _stored(attachment_id: int, column: Any) -> bytes | None:
    found = (Attachment.select(column).join(AttachmentContent, on=(Attachment.stored == AttachmentContent.sha256))
             .where(Attachment.id == attachment_id).tuples().first())
    if found is None:
        raise NotFound(what=str(attachment_id))
    return None if found[0] is None else bytes(found[0])


@unit_of_work
def attachment_content(attachment_id: int) -> bytes:
    """The bytes of attachment `attachment_id` as stored."""
    return _stored(attachment_id, AttachmentContent.content) or b""


@unit_of_work
def attachment_thumbnail(attachment_id: int) -> bytes | None:
    """The JPEG thumbnail of an image attachment, or None."""
    return _stored(attachment_id, AttachmentContent.thumbnail)


@unit_of_work
def save_copy(attachment_id: int, out: Path) -> Path:
    """Write a copy of the attachment to `out` (a new file, or a new file named as attached inside the
    directory `out`); returns where it was written."""
    view = attachment_views(Attachment.id == attachment_id)
    if not view:
        raise NotFound(what=str(attachment_id))
    target = out / _safe_name(view[0].file_name, view[0].media_type) if out.is_dir() else out
    with target.open("xb") as handle:
        handle.write(attachment_content(attachment_id))
    return target


def _safe_name(name: str, media_type: str) -> str:
    """The name as attached, without any folder part; the type's extension when it has none."""
    base = Path(name.replace("\\", "/")).name or f"attachment.{ACCEPTED.get(media_type, 'bin')}"
    return base if Path(base).suffix else f"{base}.{ACCEPTED.get(media_type, 'bin')}"
