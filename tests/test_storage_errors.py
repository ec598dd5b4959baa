"""A write that fails names its root cause, and nothing already stored is lost."""

import os
import stat

import pytest

from aftersales import i18n
from aftersales.domain.errors import StorageError
from aftersales.services.complaints.read import get_complaint
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Complaint

from .factories import complaint_data, new_complaint


def test_read_only_database_names_the_cause(db_path, desk, staff):
    kept = new_complaint(desk, staff["op01"])
    close_database()
    # A read-only open is what a desk on a read-only file or medium sees.
    from peewee import SqliteDatabase

    from aftersales.store.models import database

    database.initialize(SqliteDatabase(f"file:{db_path}?mode=ro", uri=True, lock_type="IMMEDIATE"))
    with pytest.raises(StorageError) as refused:
        from aftersales.services.complaints.intake import create_complaint

        create_complaint(desk, staff["op01"], complaint_data(phone="13700001111"))
    assert "read-only while saving a new complaint" in i18n.error_text(refused.value)
    close_database()
    open_database(db_path)
    assert Complaint.select().count() == 1
    assert get_complaint(kept.id).number == kept.number


def test_disk_full_names_the_cause(db_path, desk, staff):
    new_complaint(desk, staff["op01"])
    db = Complaint._meta.database
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")
    big = "满" * 3000
    with pytest.raises(StorageError) as refused:
        for i in range(50):
            new_complaint(desk, staff["op01"], phone=f"1370000{i:04d}", description=big)
    assert "disk full while saving a new complaint" in i18n.error_text(refused.value).lower()
    assert Complaint.select().count() >= 1
    assert stat.S_ISREG(os.stat(db_path).st_mode)
