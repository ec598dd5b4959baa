"""The demo carries pictures drawn on the spot: on complaints, completed deliveries and a violation, each
with its thumbnail and audited hash, identical for the same seed and day, and carried to PostgreSQL."""

import hashlib
from datetime import date
from pathlib import Path

import pytest

from aftersales.demo.build import build_demo
from aftersales.demo.server import build_demo_on_server
from aftersales.services.maintenance import check_database
from aftersales.store.db import close_database
from aftersales.store.models import Attachment, AttachmentContent, Event

from .engines import PG_URL, drop_schema

TODAY = date(2026, 11, 27)


def _attachments() -> list[tuple[str, str, str]]:
    rows = (Attachment.select(Attachment.subject, Attachment.file_name, AttachmentContent.sha256)
            .join(AttachmentContent, on=(Attachment.stored == AttachmentContent.sha256))
            .order_by(Attachment.id).tuples())
    return list(rows)


def test_the_demo_attaches_pictures_to_each_kind_of_subject(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    build_demo(path, 300, seed=7, today=TODAY)
    try:
        found = _attachments()
        assert {subject for subject, _name, _sha in found} == {"complaint", "delivery", "violation"}
        assert len(found) >= 6 and "沙发裂缝.jpg" in {name for _s, name, _h in found}
        assert AttachmentContent.select().where(AttachmentContent.thumbnail.is_null()).count() == 0
        audited = [event.note for event in Event.select().where(Event.kind == "attachment_added")]
        assert len(audited) == len(found) and all(f"sha256 {sha}" in " ".join(audited) for _s, _n, sha in found)
        assert check_database().ok
    finally:
        close_database()
    again = tmp_path / "again.db"
    build_demo(again, 300, seed=7, today=TODAY)
    try:
        assert _attachments() == found  # the same seed and day draw the same pictures
    finally:
        close_database()


@pytest.mark.skipif(not PG_URL, reason="AFTERSALES_TEST_PG is not set")
def test_the_server_demo_carries_the_pictures_byte_for_byte() -> None:
    drop_schema()
    try:
        build_demo_on_server(PG_URL, 300, seed=7, today=TODAY)
        found = _attachments()
        assert len(found) >= 6
        stored = AttachmentContent.select(AttachmentContent.sha256, AttachmentContent.content).tuples()
        assert all(hashlib.sha256(bytes(content)).hexdigest() == sha for sha, content in stored)
        assert check_database().ok
    finally:
        drop_schema()
