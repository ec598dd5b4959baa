"""Schema 14 on a database made by schema 13: a copy of a demo database gains the search indexes (with a
progress line when it is big) and its search then finds exactly what a plain scan finds; PostgreSQL
without pg_trgm still finds every word through the gram indexes."""

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from aftersales.bench.core import bench_actor
from aftersales.demo.build import build_demo
from aftersales.demo.server import build_demo_on_server
from aftersales.services.complaints.queue import QueueFilter, queue_page
from aftersales.store import fts, index_progress, server_search
from aftersales.store.db import close_database, open_database
from aftersales.store.migrations import LATEST, current_version
from aftersales.store.models import Meta, database

from .engines import PG_URL, drop_schema
from .factories import NOW, new_complaint, seed_shops, seed_staff
from .search_helpers import assert_found_as_scanned, window

TODAY = date(2026, 11, 27)
DEMO_TERMS = ["要", "沙发", "王", "王芳", "开裂", "桌面开裂", "refund", "re", "e", "鲲鹏", "不存在的词"]
GRAM_TRIGGERS = ["complaint_grams_insert", "complaint_grams_update", "complaint_grams_delete", "customer_grams_rename"]


def _as_schema_13_sqlite(path: Path) -> None:
    raw = sqlite3.connect(path)
    for name in GRAM_TRIGGERS:
        raw.execute(f"DROP TRIGGER {name}")
    raw.execute("DROP TABLE complaint_grams")
    raw.execute("PRAGMA user_version = 13")
    raw.commit()
    raw.close()


def _as_schema_13_server() -> None:
    db = database.obj
    db.execute_sql("DROP EXTENSION pg_trgm CASCADE")
    db.execute_sql("DROP TABLE complaint_text")
    db.execute_sql("DROP FUNCTION desk_keys, desk_word_keys, desk_pair_keys, complaint_text_added, "
                   "complaint_text_changed, complaint_text_removed, customer_text_renamed CASCADE")
    db.execute_sql("DROP INDEX customer_phone_tail")
    Meta.update(value="13").where(Meta.key == "schema_version").execute()


def _server_search_indexes() -> set[str]:
    rows = database.obj.execute_sql("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
    names = {str(row[0]) for row in rows}
    return names & {"complaint_text_keys", "complaint_text_trgm", "customer_phone_tail"}


def test_a_schema_13_demo_file_gains_the_gram_index(tmp_path: Path, monkeypatch, capsys) -> None:
    demo = tmp_path / "demo.db"
    build_demo(demo, 300, seed=7, today=TODAY)
    close_database()
    copy = tmp_path / "copy.db"
    shutil.copy(demo, copy)
    _as_schema_13_sqlite(copy)
    capsys.readouterr()
    monkeypatch.setattr(index_progress, "PROGRESS_FROM", 100)  # a progress line for this small file too
    open_database(copy)
    assert "300 of 300" in capsys.readouterr().err
    assert current_version(database.obj) == LATEST
    database.obj.execute_sql("INSERT INTO complaint_grams(complaint_grams) VALUES ('integrity-check')")
    me = bench_actor()
    assert_found_as_scanned(me, DEMO_TERMS, limit=20)
    # The triggers are back: what is written from now on is found too.
    made = new_complaint(_desk(), me, phone="13700000001", customer_name="鲲鹏", description="新写的投诉 ab")
    assert [row.number for row in queue_page(me, QueueFilter(search="鲲鹏"), now=NOW).rows] == [made.number]
    assert_found_as_scanned(me, ["ab", "鲲", "新"], limit=20)
    close_database()
    # Nothing of the demo changed but the index it gained: its search results are the fresh demo's.
    open_database(demo)
    fresh = {term: [row.id for row in queue_page(me, QueueFilter(search=term), now=NOW, limit=100).rows]
             for term in DEMO_TERMS}
    close_database()
    open_database(copy)
    for term, ids in fresh.items():
        migrated = [row.id for row in queue_page(me, QueueFilter(search=term), now=NOW, limit=101).rows]
        assert [i for i in migrated if i != made.id][:100] == ids, term


def test_no_progress_line_for_a_small_file(tmp_path: Path, capsys) -> None:
    demo = tmp_path / "demo.db"
    build_demo(demo, 50, seed=7, today=TODAY)
    close_database()
    _as_schema_13_sqlite(demo)
    capsys.readouterr()
    open_database(demo)
    assert capsys.readouterr().err == ""
    assert fts.REBUILD_GRAMS and current_version(database.obj) == LATEST


@pytest.mark.skipif(not PG_URL, reason="AFTERSALES_TEST_PG is not set")
def test_a_schema_13_server_demo_gains_its_search_indexes() -> None:
    drop_schema()
    try:
        build_demo_on_server(PG_URL, 300, seed=7, today=TODAY)
        _as_schema_13_server()
        assert _server_search_indexes() == set()
        close_database()
        open_database(PG_URL)
        assert current_version(database.obj) == LATEST
        assert _server_search_indexes() == {"complaint_text_keys", "complaint_text_trgm", "customer_phone_tail"}
        me = bench_actor()
        with window("postgresql", 10):
            assert_found_as_scanned(me, DEMO_TERMS, limit=20)
    finally:
        drop_schema()


@pytest.mark.skipif(not PG_URL, reason="AFTERSALES_TEST_PG is not set")
def test_without_pg_trgm_every_word_is_still_found_through_the_gram_indexes(monkeypatch) -> None:
    monkeypatch.setattr(server_search, "EXTENSION", "CREATE EXTENSION IF NOT EXISTS no_such_extension_here")
    drop_schema()
    try:
        open_database(PG_URL, create=True)
        assert not server_search.has_trigram_index()
        assert _server_search_indexes() == {"complaint_text_keys", "customer_phone_tail"}
        staff = seed_staff()
        seed_shops()
        op = staff["op01"]
        for n, text in enumerate(["真皮沙发表面开裂，要求换货", "桌面开裂 refund please", "a b c 1.5m 长"]):
            new_complaint(_desk(), op, phone=f"1390000000{n}", description=text)
        with window("postgresql", 1):
            assert_found_as_scanned(op, ["桌面开裂", "refund", "a b", "1.5m", "沙发", "开", "赵敏", "不存在的词"])
    finally:
        drop_schema()


def _desk():
    from aftersales.domain.clock import fixed_clock
    from aftersales.services.context import Desk

    return Desk(clock=fixed_clock(NOW))
