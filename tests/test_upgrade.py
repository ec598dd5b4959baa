"""A desk database made by the previous version (schema 5, no delivery or call-back tables) upgrades in place:
every complaint and event kept, the audit chain intact, `aftersales check` passing, the new tables usable."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from peewee import Database, SqliteDatabase

from aftersales.domain.enums import ComplaintStatus
from aftersales.services.audit import verify_chain
from aftersales.services.complaints import actions
from aftersales.services.maintenance import check_database
from aftersales.store.db import PRAGMAS, close_database, open_database
from aftersales.store.migrations import LATEST, current_version
from aftersales.store.migrations.runner import MIGRATIONS, _set_version
from aftersales.store.models import Complaint, DeliveryOrder, Event, database

from .cli_helpers import run
from .delivery_helpers import order_data
from .engines import PG_URL, drop_schema
from .factories import new_complaint, seed_shops, seed_staff

PREVIOUS = 5  # the schema before delivery orders and call-backs
NEW_TABLES = ("delivery_order", "delivery_failure", "callback", "callback_attempt")


def _previous_version(target: str, engine: str) -> Database:
    """A database as the previous version made it: its migrations only, its schema version."""
    if engine == "sqlite":
        db: Database = SqliteDatabase(target, pragmas=PRAGMAS, timeout=10, lock_type="IMMEDIATE")
    else:
        from playhouse.db_url import connect

        drop_schema()
        db = connect(target)
    database.initialize(db)
    db.connect()
    with db.atomic():
        for migration in MIGRATIONS[:PREVIOUS]:
            migration(db)
        _set_version(db, PREVIOUS)
    return db


@pytest.fixture
def old_desk(engine: str, tmp_path: Path, desk) -> Iterator[tuple[str, dict[str, int]]]:
    """A desk of the previous schema with complaints and their events, closed; yields its target and what it held."""
    target = str(tmp_path / "old.db") if engine == "sqlite" else PG_URL
    db = _previous_version(target, engine)
    staff = seed_staff()
    seed_shops()
    with pytest.MonkeyPatch.context() as previous_code:
        # Versions before schema 15 knew no closed months: their writes read no such table.
        previous_code.setattr("aftersales.services.audit.refuse_closed_moments", lambda moments: None)
        previous_code.setattr("aftersales.services.complaints.intake.refuse_closed_day", lambda day: None)
        for index in range(5):
            view = new_complaint(desk, staff["op01"], phone=f"1390000{index:04d}")
            view = actions.acknowledge(desk, staff["op01"], view.id, view.version)
            actions.add_note(desk, staff["op01"], view.id, {"text": f"第{index}次联系客户", "customer_contact": True})
            if index % 2:
                actions.change_status(desk, staff["op01"], view.id, ComplaintStatus.INVESTIGATING, view.version)
    held = {"complaints": Complaint.select().count(), "events": Event.select().count()}
    assert current_version(db) == PREVIOUS
    assert not any(db.table_exists(name) for name in NEW_TABLES)
    db.close()
    yield target, held
    close_database()
    if engine != "sqlite":
        drop_schema()  # the next test on this worker makes a fresh schema


def test_previous_version_upgrades_in_place_keeping_complaints_and_events(old_desk, desk, engine) -> None:
    target, held = old_desk
    db = open_database(target)
    assert current_version(db) == LATEST
    assert all(db.table_exists(name) for name in NEW_TABLES)
    assert {"complaints": Complaint.select().count(), "events": Event.select().count()} == held
    assert verify_chain().first_broken is None
    report = check_database()
    assert report.ok and report.events == held["events"]
    # The upgraded desk dispatches delivery orders at once.
    from aftersales.services.deliveries.orders import create_order
    from aftersales.store.converters import staff_view
    from aftersales.store.models import Staff

    op = staff_view(Staff.get(Staff.code == "op01"))
    complaint = Complaint.get(Complaint.status == ComplaintStatus.INVESTIGATING.value)
    create_order(desk, op, complaint.id, order_data(), complaint.version)
    assert DeliveryOrder.select().count() == 1
    assert Complaint.get_by_id(complaint.id).status == ComplaintStatus.AWAITING_DELIVERY.value


@pytest.mark.sqlite_only
def test_aftersales_check_passes_on_an_upgraded_file(old_desk, capsys, engine) -> None:
    target, held = old_desk
    outcome = run(capsys, "check", "--db", target)
    assert outcome.code == 0, outcome.err
    assert f"audit chain: {held['events']} events intact" in outcome.out
    close_database()
    import sqlite3

    raw = sqlite3.connect(target)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert raw.execute("SELECT COUNT(*) FROM complaint").fetchone()[0] == held["complaints"]
    finally:
        raw.close()
