"""Reading attachments: a subject's list (never the bytes), one file's bytes or thumbnail, a copy saved out."""

from pathlib import Path
from typing import Any

from ...domain.attachments import ACCEPTED, AttachmentRefused, AttachmentSubject
from ...domain.errors import NotFound
from ...store.models import Attachment, AttachmentContent
from ..unit import unit_of_work
from .subjects import subject_of
from .views import AttachmentView, attachment_views


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
    try:
        with target.open("xb") as handle:
            handle.write(attachment_content(attachment_id))
    except FileExistsError:
        raise AttachmentRefused("attachments.error.exists", path=str(target)) from None
    except OSError as exc:
        raise AttachmentRefused("attachments.error.unwritable", path=str(target), detail=exc.strerror or str(exc)) from None
    return target


def _safe_name(name: str, media_type: str) -> str:
    """The name as attached, without any folder part; the type's extension when it has none."""
    base = Path(name.replace("\\", "/")).name or f"attachment.{ACCEPTED.get(media_type, 'bin')}"
    return base if Path(base).suffix else f"{base}.{ACCEPTED.get(media_type, 'bin')}"


@unit_of_work
def most_attached_complaint() -> int | None:
    """The complaint with the most files of its own (not withdrawn), or None when nothing is attached."""
    from peewee import fn

    found = (Attachment.select(Attachment.complaint).where(
        (Attachment.subject == AttachmentSubject.COMPLAINT.value) & Attachment.withdrawn_at.is_null())
        .group_by(Attachment.complaint).order_by(fn.COUNT(Attachment.id).desc(), Attachment.complaint)
        .limit(1).scalar())
    return None if found is None else int(found)
