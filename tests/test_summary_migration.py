"""Schema 17 on a database made by schema 16: a copy of a demo database gains the reports' summaries (with
a progress line when it is big), equal to a fresh count of its complaints, call-backs, escalations and money,
and its reports read the same figures as the fresh demo's; on both engines."""

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from aftersales.demo.build import build_demo
from aftersales.demo.server import build_demo_on_server
from aftersales.domain.clock import fixed_clock
from aftersales.domain.reports.period import parse_period
from aftersales.services.context import Desk
from aftersales.services.reports.summary import period_figures
from aftersales.store import index_progress, report_events, report_summary
from aftersales.store.db import close_database, open_database
from aftersales.store.migrations import LATEST, current_version
from aftersales.store.models import Meta, database

from .engines import PG_URL, drop_schema
from .factories import NOW
from .test_report_summaries import assert_kept_as_scanned

TODAY = date(2026, 11, 27)
TABLES = ("report_count", "report_hist", "report_event")
INDEXES = ("complaint_open_created", "complaint_closed_created", "complaint_acknowledged_created",
           "complaint_resolved_created", "money_entry_day_kind_complaint", "report_count_dimension_day",
           "report_event_source_day")


def _figures() -> dict:
    desk = Desk(clock=fixed_clock(NOW))
    return {period: period_figures(desk, parse_period(period)).model_dump() for period in ("2026-11", "2026-Q4", "2026")}


def _as_schema_16_sqlite(path: Path) -> None:
    raw = sqlite3.connect(path)
    for name in [*report_summary.TRIGGER_NAMES, *report_events.TRIGGER_NAMES]:
        raw.execute(f"DROP TRIGGER {name}")
    for name in INDEXES:
        raw.execute(f"DROP INDEX IF EXISTS {name}")
    for table in TABLES:
        raw.execute(f"DROP TABLE {table}")
    raw.execute("PRAGMA user_version = 16")
    raw.commit()
    raw.close()


def test_a_schema_16_demo_file_gains_the_summaries(tmp_path: Path, monkeypatch, capsys) -> None:
    demo = tmp_path / "demo.db"
    build_demo(demo, 300, seed=7, today=TODAY)
    open_database(demo)
    assert_kept_as_scanned()  # the demo's bulk load filled them too
    fresh = _figures()
    close_database()
    copy = tmp_path / "copy.db"
    shutil.copy(demo, copy)
    _as_schema_16_sqlite(copy)
    capsys.readouterr()
    monkeypatch.setattr(index_progress, "PROGRESS_FROM", 100)  # a progress line for this small file too
    open_database(copy)
    assert "300 of 300" in capsys.readouterr().err
    assert current_version(database.obj) == LATEST
    assert_kept_as_scanned()
    assert _figures() == fresh
    close_database()


def _as_schema_16_server() -> None:
    db = database.obj
    for name in report_summary.TRIGGER_NAMES:
        db.execute_sql(f"DROP TRIGGER {name} ON complaint")
    db.execute_sql("DROP FUNCTION report_summary_keep, report_event_callback_keep, report_event_escalation_keep, "
                   "report_event_money_keep, report_event_move CASCADE")
    for name in INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    for table in TABLES:
        db.execute_sql(f"DROP TABLE {table}")
    Meta.update(value="16").where(Meta.key == "schema_version").execute()


@pytest.mark.skipif(not PG_URL, reason="AFTERSALES_TEST_PG is not set")
def test_a_schema_16_server_demo_gains_the_summaries() -> None:
    drop_schema()
    try:
        build_demo_on_server(PG_URL, 300, seed=7, today=TODAY)
        assert_kept_as_scanned()  # copied from the built file, in step
        fresh = _figures()
        _as_schema_16_server()
        close_database()
        open_database(PG_URL)
        assert current_version(database.obj) == LATEST
        assert_kept_as_scanned()
        assert _figures() == fresh
    finally:
        drop_schema()
