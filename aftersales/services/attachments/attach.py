"""Attaching files and withdrawing an attachment: each file read, checked and made ready before the write
transaction, which then only inserts rows (the same bytes are stored once) and the audited events."""

from pathlib import Path

from ...domain.attachments import DEFAULT_MAX_MB, MOST_FILES, AttachmentRefused, AttachmentSubject, added_note
from ...domain.enums import EventKind
from ...domain.errors import ConflictError, FieldError, InvalidInput, NotFound
from ...domain.permissions import Action
from ...domain.schemas import StaffView
from ...store.db import write_transaction
from ...store.models import Attachment, AttachmentContent
from ..audit import append_event
from ..context import Desk
from ..guard import require
from ..unit import unit_of_work
from .prepare import Prepared, prepare_file
from .subjects import Subject, subject_of
from .views import AttachmentView, attachment_views


def prepare_files(paths: list[Path], max_mb: int = DEFAULT_MAX_MB) -> list[Prepared]:
    """Every file read and checked (no database needed); the first refusal names its file."""
    if not paths:
        raise InvalidInput({"files": FieldError("attachments.error.none")})
    if len(paths) > MOST_FILES:
        raise InvalidInput({"files": FieldError("attachments.error.too_many", most=MOST_FILES)})
    return [prepare_file(path, max_mb * 1_048_576) for path in paths]


@unit_of_work
def attach_files(desk: Desk, actor: StaffView, kind: AttachmentSubject, key: str | int, paths: list[Path],
                 note: str = "", *, max_mb: int = DEFAULT_MAX_MB) -> list[AttachmentView]:
    """Attach `paths` to the subject `key` of `kind`, all or none; returns the attachments made."""
    subject = subject_of(kind, key)
    require(desk, actor, Action.ATTACH, subject.complaint_id)
    ready = prepare_files(paths, max_mb)  # hashing, thumbnails: outside the write lock
    return store_prepared(desk, actor, subject, ready, note)


def store_prepared(desk: Desk, actor: StaffView, subject: Subject, ready: list[Prepared], note: str = "") -> list[AttachmentView]:
    """Store the prepared files' bytes, then attach them to `subject` in one audited write transaction."""
    if len(note) > 500:
        raise InvalidInput({"note": FieldError("validation.too_long", max_length=500)})
    _refuse_held(subject, ready)  # before any byte is stored
    store_contents(desk, ready)
    return store_attachments(desk, actor, subject, ready, note)


def _refuse_held(subject: Subject, ready: list[Prepared]) -> None:
    """Refuse a file already attached to `subject` (or named twice), naming it."""
    held = {sha for (sha,) in Attachment.select(Attachment.stored).where(
        subject.where() & Attachment.withdrawn_at.is_null()).tuples()}
    for item in ready:
        if item.sha256 in held:
            raise AttachmentRefused("attachments.error.already", path=item.file_name, subject=subject.label)
        held.add(item.sha256)


@unit_of_work
def store_contents(desk: Desk, ready: list[Prepared]) -> None:
    """The files' bytes, stored once per SHA-256, in a transaction of their own: a large file is written
    without holding the audit trail's lock (on a server, no other desk waits for it)."""
    now = desk.clock()
    with write_transaction(f"storing {len(ready)} files"):
        for item in ready:
            AttachmentContent.insert(sha256=item.sha256, size=item.size, media_type=item.media_type,
                                     content=item.content, thumbnail=item.thumbnail, width=item.width,
                                     height=item.height, stored_at=now).on_conflict_ignore().execute()


@unit_of_work
def store_attachments(desk: Desk, actor: StaffView, subject: Subject, ready: list[Prepared],
                      note: str = "") -> list[AttachmentView]:
    """The attachments of stored bytes on `subject`, each audited with its hash, all or none: the short
    transaction that holds the desk's write lock."""
    now = desk.clock()
    made: list[int] = []
    with write_transaction(f"attaching {len(ready)} files to {subject.label}"):
        _refuse_held(subject, ready)  # again, under the lock: another desk may have attached one meanwhile
        for item in ready:
            row = Attachment.create(**subject.columns(), stored=item.sha256, file_name=item.file_name[:255],
                                    note=note, attached_by=actor.id, attached_at=now)
            made.append(row.id)
            append_event(now, actor, EventKind.ATTACHMENT_ADDED, complaint_id=subject.complaint_id,
                         field=subject.label, new=item.file_name,
                         note=added_note(item.sha256, item.size, item.media_type, note))
    return attachment_views(Attachment.id.in_(made))


@unit_of_work
def withdraw_attachment(desk: Desk, actor: StaffView, attachment_id: int, reason: str) -> AttachmentView:
    """Hide an attachment from its subject (a lead or the manager, with a reason); its bytes are kept."""
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput({"reason": FieldError("validation.required")})
    row = Attachment.get_or_none(Attachment.id == attachment_id)
    if row is None:
        raise NotFound(what=str(attachment_id))
    require(desk, actor, Action.WITHDRAW_ATTACHMENT, row.complaint_id)
    now = desk.clock()
    with write_transaction(f"withdrawing attachment {attachment_id}"):
        changed = (Attachment.update(withdrawn_at=now, withdrawn_by=actor.id, withdraw_reason=reason[:500])
                   .where((Attachment.id == attachment_id) & Attachment.withdrawn_at.is_null()).execute())
        if not changed:
            raise ConflictError("attachments.error.withdrawn", name=row.file_name)
        append_event(now, actor, EventKind.ATTACHMENT_WITHDRAWN, complaint_id=row.complaint_id,
                     field=str(attachment_id), old=row.file_name, note=f"sha256 {getattr(row, Attachment.stored.object_id_name)}; {reason}")
    return attachment_views(Attachment.id == attachment_id)[0]
