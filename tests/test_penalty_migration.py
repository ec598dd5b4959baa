"""Schema 4 adds the penalty ledger to a desk database made before it, once, keeping what is there."""

import sqlite3
from pathlib import Path

from aftersales.store.db import close_database, open_database
from aftersales.store.migrations import LATEST
from aftersales.store.migrations.v004_penalties import migrate as add_penalty_tables
from aftersales.store.models import Complaint, PayrollMonth, Violation, database

from .factories import new_complaint
from .penalty_factories import desk_at, proposed_and_confirmed

PENALTY_TABLES = ("violation", "penalty_entry", "payroll_month")


def test_a_schema_2_database_gains_the_ledger_and_keeps_its_complaints(db_path: Path, staff) -> None:  # type: ignore[no-untyped-def]
    new_complaint(desk_at(), staff["op01"])
    close_database()
    raw = sqlite3.connect(db_path)
    for table in PENALTY_TABLES:
        raw.execute(f"DROP TABLE {table}")
    raw.execute("PRAGMA user_version = 2")
    raw.commit()
    raw.close()

    open_database(db_path)
    assert LATEST >= 3
    assert database.obj.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST
    assert Complaint.select().count() == 1
    violation_id = proposed_and_confirmed(desk_at(), staff)
    assert Violation.get_by_id(violation_id).tier == 1
    add_penalty_tables(database.obj)  # idempotent: run again, nothing changes
    assert Violation.select().count() == 1 and PayrollMonth.select().count() == 0
