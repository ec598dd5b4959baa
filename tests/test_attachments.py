"""Attachments on both engines: attach several files at once, the same bytes stored once, withdrawal by a lead,
the audit trail with each file's hash, `check` finding a flipped byte, and photos stored upright without
their location."""

import io

import pytest

from aftersales.domain.attachments import AttachmentRefused, AttachmentSubject
from aftersales.domain.errors import ConflictError, PermissionDenied, StorageError
from aftersales.services.attachments.attach import attach_files, withdraw_attachment
from aftersales.services.attachments.read import (
    attachment_content,
    attachment_thumbnail,
    attachments_of,
    save_copy,
)
from aftersales.services.maintenance import check_database
from aftersales.store.db import write_transaction
from aftersales.store.models import Attachment, AttachmentContent, Event, database
from aftersales.store.server import is_server

from .attachment_files import GPS_IFD, ORIENTATION, plain_png, sideways_photo, small_pdf
from .factories import new_complaint

COMPLAINT = AttachmentSubject.COMPLAINT


@pytest.fixture
def two(desk, staff):
    return new_complaint(desk, staff["op01"]), new_complaint(desk, staff["op01"], phone="13900001111")


def test_several_files_are_attached_at_once_and_audited_with_their_hash(db_target, desk, staff, two, tmp_path):
    first, _ = two
    files = [sideways_photo(tmp_path / "沙发裂缝.jpg"), small_pdf(tmp_path / "receipt.pdf")]
    made = attach_files(desk, staff["op01"], COMPLAINT, first.number, files, "客户发来的照片和收据")
    assert [(view.file_name, view.media_type, view.subject_label) for view in made] == [
        ("沙发裂缝.jpg", "image/jpeg", first.number), ("receipt.pdf", "application/pdf", first.number)]
    assert attachments_of(COMPLAINT, first.number) == made
    events = list(Event.select().where(Event.kind == "attachment_added").order_by(Event.id))
    assert [(event.complaint_id, event.field, event.new) for event in events] == [
        (first.id, first.number, "沙发裂缝.jpg"), (first.id, first.number, "receipt.pdf")]
    for event, view in zip(events, made, strict=True):
        assert f"sha256 {view.sha256}" in event.note
    assert attachment_content(made[1].id) == files[1].read_bytes()
    assert made[0].has_thumbnail and attachment_thumbnail(made[0].id)[:2] == b"\xff\xd8"
    assert not made[1].has_thumbnail and attachment_thumbnail(made[1].id) is None


def test_a_photo_is_stored_upright_without_its_location(db_target, desk, staff, two, tmp_path):
    from PIL import Image

    first, _ = two
    [view] = attach_files(desk, staff["op01"], COMPLAINT, first.id, [sideways_photo(tmp_path / "p.jpg")])
    stored = Image.open(io.BytesIO(attachment_content(view.id)))
    assert stored.size == (32, 64) == (view.width, view.height)  # turned as the phone meant it
    exif = stored.getexif()
    assert GPS_IFD not in exif and exif.get(ORIENTATION, 1) == 1
    assert exif.get(0x010F) == "PhoneMaker"  # what is not a location is kept
    untouched = plain_png(tmp_path / "plain.png")
    [kept] = attach_files(desk, staff["op01"], COMPLAINT, first.id, [untouched])
    assert attachment_content(kept.id) == untouched.read_bytes()  # nothing to change: the bytes as sent


def test_the_same_bytes_are_stored_once_and_not_attached_twice_to_one_subject(db_target, desk, staff, two, tmp_path):
    first, second = two
    photo = sideways_photo(tmp_path / "a.jpg")
    attach_files(desk, staff["op01"], COMPLAINT, first.id, [photo])
    attach_files(desk, staff["op01"], COMPLAINT, second.id, [photo])
    assert AttachmentContent.select().count() == 1 and Attachment.select().count() == 2
    with pytest.raises(AttachmentRefused) as refused:
        attach_files(desk, staff["op01"], COMPLAINT, first.id, [small_pdf(tmp_path / "r.pdf"), photo])
    assert refused.value.key == "attachments.error.already"
    assert Attachment.select().count() == 2 and AttachmentContent.select().count() == 1  # all or none


def test_a_lead_withdraws_an_attachment_the_bytes_stay_and_it_is_audited(db_target, desk, staff, two, tmp_path):
    first, _ = two
    [view] = attach_files(desk, staff["op01"], COMPLAINT, first.id, [small_pdf(tmp_path / "r.pdf")])
    with pytest.raises(PermissionDenied):
        withdraw_attachment(desk, staff["op01"], view.id, "wrong customer")
    gone = withdraw_attachment(desk, staff["lead01"], view.id, "  wrong   customer ")
    assert gone.withdrawn_at is not None and gone.withdraw_reason == "wrong customer"
    assert attachments_of(COMPLAINT, first.id) == []
    assert [item.id for item in attachments_of(COMPLAINT, first.id, withdrawn=True)] == [view.id]
    assert attachment_content(view.id) == (tmp_path / "r.pdf").read_bytes()
    event = Event.get(Event.kind == "attachment_withdrawn")
    assert (event.complaint_id, event.old) == (first.id, "r.pdf") and view.sha256 in event.note
    with pytest.raises(ConflictError):
        withdraw_attachment(desk, staff["lead01"], view.id, "again")
    with pytest.raises(StorageError):  # the database itself refuses to lose an attachment
        with write_transaction("deleting an attachment"):
            Attachment.delete().execute()
    assert Attachment.select().count() == 1


def _flip_stored_byte(sha: str) -> None:
    """A byte of a stored file flipped behind the desk's back (the guard set aside, as a raw edit would)."""
    db = database.obj
    content = bytearray(AttachmentContent.get_by_id(sha).content)
    content[len(content) // 2] ^= 0x01
    with db.atomic():
        if is_server(db):
            db.execute_sql("ALTER TABLE attachment_content DISABLE TRIGGER attachment_content_fixed")
            AttachmentContent.update(content=bytes(content)).where(AttachmentContent.sha256 == sha).execute()
            db.execute_sql("ALTER TABLE attachment_content ENABLE TRIGGER attachment_content_fixed")
        else:
            db.execute_sql("DROP TRIGGER attachment_content_fixed_update")
            AttachmentContent.update(content=bytes(content)).where(AttachmentContent.sha256 == sha).execute()


def test_check_names_a_stored_file_whose_bytes_were_altered(db_target, desk, staff, two, tmp_path):
    first, _ = two
    made = attach_files(desk, staff["op01"], COMPLAINT, first.id,
                        [small_pdf(tmp_path / "r.pdf"), plain_png(tmp_path / "p.png")])
    assert check_database().ok
    _flip_stored_byte(made[1].sha256)
    report = check_database()
    assert report.altered_attachments == [f"{made[1].sha256[:12]} p.png"] and not report.ok


def test_a_backup_keeps_the_attachments(db_path, desk, staff, two, tmp_path):
    from aftersales.services.maintenance import backup_database
    from aftersales.store.db import close_database, open_database

    first, _ = two
    [view] = attach_files(desk, staff["op01"], COMPLAINT, first.id, [sideways_photo(tmp_path / "p.jpg")])
    stored = attachment_content(view.id)
    backup_database(tmp_path / "backup.db")
    close_database()
    restored = tmp_path / "restored.db"
    restored.write_bytes((tmp_path / "backup.db").read_bytes())
    open_database(restored)
    assert [item.sha256 for item in attachments_of(COMPLAINT, first.number)] == [view.sha256]
    assert attachment_content(view.id) == stored
    assert check_database().ok
    (tmp_path / "out").mkdir()
    copy = save_copy(view.id, tmp_path / "out")
    assert copy == tmp_path / "out" / "p.jpg" and copy.read_bytes() == stored
    with pytest.raises(AttachmentRefused) as refused:
        save_copy(view.id, tmp_path / "out")
    assert refused.value.key == "attachments.error.exists"


def test_the_audit_note_of_an_attached_file_reads_back() -> None:
    from aftersales.domain.attachments import added_note, read_added_note

    assert read_added_note(added_note("ab" * 32, 11_731, "image/jpeg", "客户; 微信")) == (
        "ab" * 32, 11_731, "image/jpeg", "客户; 微信")
    assert read_added_note(added_note("cd" * 32, 5, "application/pdf")) == ("cd" * 32, 5, "application/pdf", "")
    assert read_added_note("wrong customer") is None and read_added_note("sha256 x; many bytes; a") is None
