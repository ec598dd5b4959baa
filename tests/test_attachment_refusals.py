"""Every bad file is refused in one line naming it, with nothing stored, on both engines; and the command
line attaches, lists and saves."""

import os
from pathlib import Path

import pytest

from aftersales import i18n
from aftersales.domain.attachments import AttachmentRefused, AttachmentSubject
from aftersales.services.attachments.attach import attach_files
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Attachment, AttachmentContent, Event

from .attachment_files import bomb_png, random_bytes, sideways_photo, small_pdf
from .cli_helpers import run, run_as
from .factories import new_complaint


def _text_named_jpg(folder: Path) -> Path:
    path = folder / "photo.jpg"
    path.write_text("这不是照片，只是文字。\n" * 20, encoding="utf-8")
    return path


def _empty(folder: Path) -> Path:
    path = folder / "empty.png"
    path.write_bytes(b"")
    return path


def _over_limit(folder: Path) -> Path:
    return random_bytes(folder / "big.pdf", 1_048_576 + 1)  # the test's limit is 1 MB


def _missing(folder: Path) -> Path:
    return folder / "no-such-file.jpg"


def _directory(folder: Path) -> Path:
    (folder / "photos").mkdir()
    return folder / "photos"


def _loop(folder: Path) -> Path:
    link = folder / "loop.jpg"
    link.symlink_to(link)
    return link


def _bomb(folder: Path) -> Path:
    return bomb_png(folder / "bomb.png")


BAD = {
    "text renamed .jpg": (_text_named_jpg, "attachments.error.kind"),
    "zero bytes": (_empty, "attachments.error.empty"),
    "over the limit": (_over_limit, "attachments.error.too_big"),
    "missing": (_missing, "attachments.error.missing"),
    "a directory": (_directory, "attachments.error.directory"),
    "a symlink loop": (_loop, "attachments.error.loop"),
    "a decompression bomb": (_bomb, "attachments.error.bomb"),
}


def _stored() -> tuple[int, int, int]:
    return (Attachment.select().count(), AttachmentContent.select().count(),
            Event.select().where(Event.kind == "attachment_added").count())


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_file_is_refused_in_one_line_naming_it_and_nothing_is_stored(db_target, desk, staff, tmp_path, case):
    make, key = BAD[case]
    complaint = new_complaint(desk, staff["op01"])
    good = sideways_photo(tmp_path / "good.jpg")
    bad = make(tmp_path)
    with pytest.raises(AttachmentRefused) as refused:
        attach_files(desk, staff["op01"], AttachmentSubject.COMPLAINT, complaint.id, [good, bad], max_mb=1)
    assert refused.value.key == key
    for language in ("en", "zh_CN"):
        i18n.set_language(language)
        text = i18n.error_text(refused.value)
        assert str(bad) in text and "\n" not in text and "{" not in text
    assert _stored() == (0, 0, 0)


def test_an_unreadable_file_is_refused_naming_it(db_target, desk, staff, tmp_path, monkeypatch):
    complaint = new_complaint(desk, staff["op01"])
    locked = small_pdf(tmp_path / "locked.pdf")
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root reads every file: the refusal the system would give is given by hand
        real = Path.read_bytes

        def refuse(self: Path) -> bytes:
            if self == locked:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(AttachmentRefused) as refused:
        attach_files(desk, staff["op01"], AttachmentSubject.COMPLAINT, complaint.id, [locked])
    i18n.set_language("en")
    assert i18n.error_text(refused.value) == f"{locked}: cannot be read (Permission denied)"
    assert _stored() == (0, 0, 0)


def test_the_command_line_attaches_lists_and_saves(capsys, db_target, desk, staff, tmp_path):
    complaint = new_complaint(desk, staff["op01"])
    close_database()
    photo, receipt = sideways_photo(tmp_path / "沙发.jpg"), small_pdf(tmp_path / "收据.pdf")
    done = run_as(capsys, "op01", "attach", complaint.number, str(photo), str(receipt), "--db", db_target,
                  "--note", "客户微信发来")
    assert done.code == 0, done.err
    lines = done.out.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"{complaint.number}: attached 沙发.jpg (")
    listed = run(capsys, "attachments", complaint.number, "--db", db_target)
    rows = listed.out.strip().splitlines()
    assert listed.code == 0 and rows[-1] == f"{complaint.number}: 2 attachments"
    assert rows[0].endswith("沙发.jpg") and "op01" in rows[0]
    first_id = rows[0].split()[0]
    saved = run(capsys, "attachment", "save", first_id, "--out", str(tmp_path / "copy.jpg"), "--db", db_target)
    assert saved.code == 0 and (tmp_path / "copy.jpg").stat().st_size > 0
    refused = run_as(capsys, "op01", "attach", complaint.number, str(tmp_path / "gone.jpg"), "--db", db_target)
    assert refused.code != 0 and refused.out == ""
    assert refused.err.strip().count("\n") == 0 and "gone.jpg" in refused.err and "Traceback" not in refused.err
    withdrawn = run_as(capsys, "op01", "attachment", "withdraw", first_id, "--reason", "错图", "--db", db_target)
    assert withdrawn.code != 0  # an operator may not withdraw
    open_database(db_target)
    assert Attachment.select().where(Attachment.withdrawn_at.is_null()).count() == 2
