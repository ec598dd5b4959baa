"""Schema versions: applied once, even when several desks open a new file together."""

import multiprocessing
import sqlite3
from pathlib import Path

from aftersales.store.db import close_database, open_database
from aftersales.store.header import APPLICATION_ID
from aftersales.store.migrations import LATEST


def _open(path: str) -> int:
    open_database(path, create=True)
    close_database()
    return 0


def test_new_database_is_marked_and_versioned(db_path: Path):
    close_database()
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_several_desks_creating_one_file_at_once_migrate_it_once(tmp_path: Path):
    path = tmp_path / "shared.db"
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        assert pool.map(_open, [str(path)] * 4) == [0, 0, 0, 0]
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    raw.close()


def test_pragmas_are_applied_on_every_connection(db_path: Path):
    from aftersales.store.models import database

    db = database.obj
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 10_000


def test_a_schema_2_file_gains_versions_and_event_sources_and_its_chain_still_holds(db_path: Path, desk, staff):
    from aftersales.services.audit import verify_chain
    from aftersales.services.staff import auth

    from .factories import new_complaint

    new_complaint(desk, staff["op01"])
    auth.login(desk, "op01", "1111")
    close_database()
    raw = sqlite3.connect(db_path)  # the file as schema 2 left it: none of the columns schema 3 adds
    for table, column in (("event", "source"), ("staff", "version"), ("shop", "version")):
        raw.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    raw.execute("PRAGMA user_version = 2")
    raw.commit()
    raw.close()
    open_database(db_path)
    from aftersales.store.models import Event, Shop, Staff

    assert {row.source for row in Event.select()} == {""}
    assert {row.version for row in Staff.select()} | {row.version for row in Shop.select()} == {1}
    report = verify_chain()
    assert (report.events, report.first_broken) == (2, None)
    close_database()
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == LATEST
    raw.close()


def test_a_schema_4_database_gains_the_decided_remedy_and_the_login_table(db_target: str, staff):
    from aftersales.store.models import Complaint, LoginFailure, Meta, database

    db = database.obj
    db.drop_tables([LoginFailure])
    # The reports' summaries (schema 17) read the decided remedy: a schema-4 database has no trigger of theirs.
    from aftersales.store.report_summary import TRIGGER_NAMES

    for name in TRIGGER_NAMES:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}" + (" ON complaint" if db_target.startswith("postgresql") else ""))
    db.execute_sql("ALTER TABLE complaint DROP COLUMN remedy_decided")
    if db_target.startswith("postgresql"):
        Meta.update(value="4").where(Meta.key == "schema_version").execute()
    else:
        db.execute_sql("PRAGMA user_version = 4")
    close_database()
    open_database(db_target)
    db = database.obj
    assert "remedy_decided" in {column.name for column in db.get_columns("complaint")}
    assert db.table_exists("login_failure")
    assert Complaint.select().count() == 0
    from aftersales.store.migrations import current_version

    assert current_version(db) == LATEST
