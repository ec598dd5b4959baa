"""PostgreSQL as a target: a foreign database refused, no password ever printed, `check` saying what it
checked, `demo` bulk-loaded, `bench` on a URL, `backup` pointing to pg_dump, one first admin."""

import json
import multiprocessing
import sqlite3
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playhouse.db_url import connect

from aftersales.bench.server_saves import SCRATCH_PREFIX
from aftersales.demo.build import build_demo
from aftersales.demo.marker import is_demo_database
from aftersales.domain.clock import fixed_clock
from aftersales.domain.enums import Role
from aftersales.services.audit import verify_chain
from aftersales.services.complaints.intake import create_complaint
from aftersales.services.context import Desk
from aftersales.services.staff.auth import login
from aftersales.store.db import close_database, open_database
from aftersales.store.masking import redact, shown_target
from aftersales.store.models import Complaint, Event, Staff

from .cli_helpers import run
from .engines import PG_URL, drop_schema, fresh_postgres
from .factories import NOW, complaint_data, seed_shops, seed_staff

needs_pg = pytest.mark.skipif(not PG_URL, reason="AFTERSALES_TEST_PG is not set")
TODAY = date(2026, 11, 27)


@pytest.fixture
def pg_staff() -> Iterator[str]:
    """A new desk database on PostgreSQL with the demo staff and shops; its URL."""
    url = fresh_postgres()
    seed_staff()
    seed_shops()
    yield url
    close_database()


@pytest.fixture
def empty_pg() -> str:
    """The scratch PostgreSQL database without a single table."""
    drop_schema()
    return PG_URL


def _tables(url: str) -> list[str]:
    raw = connect(url)
    try:
        return sorted(row[0] for row in raw.execute_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall())
    finally:
        raw.close()


# ----- a database that is not ours ------------------------------------------------------------


@needs_pg
@pytest.mark.parametrize("command", [["check"], ["export", "complaints", "--out", "x.csv"], ["init", "--admin-code",
                         "boss", "--admin-name", "周总", "--admin-pin", "246810"], ["demo", "--complaints", "5"]])
def test_a_database_of_another_application_is_refused_and_left_alone(capsys, empty_pg, command, tmp_path):
    raw = connect(empty_pg)
    raw.execute_sql("CREATE TABLE orders (id serial PRIMARY KEY, total integer)")
    raw.execute_sql("INSERT INTO orders (total) VALUES (42)")
    raw.close()
    argv = [tmp_path / arg if arg == "x.csv" else arg for arg in command]
    outcome = run(capsys, *argv, "--db", empty_pg)
    assert outcome.code == 1
    assert outcome.err.count("\n") == 1 and "holds tables of another application" in outcome.err
    assert shown_target(empty_pg) in outcome.err
    assert _tables(empty_pg) == ["orders"]


def _rows(url: str, table: str) -> list[tuple[object, ...]]:
    raw = connect(url)
    try:
        return sorted(raw.execute_sql(f"SELECT * FROM {table}").fetchall())
    finally:
        raw.close()


FOREIGN_META = {
    "other_columns": ("CREATE TABLE meta (id serial PRIMARY KEY, name text, setting integer)",
                      "INSERT INTO meta (name, setting) VALUES ('theme', 2), ('rows_per_page', 50)"),
    "same_columns_other_version": ("CREATE TABLE meta (key varchar(40) PRIMARY KEY, value text)",
                                   "INSERT INTO meta VALUES ('schema_version', '2.4.1'), ('owner', 'crm')"),
    "same_columns_whole_number": ("CREATE TABLE meta (key varchar(40) PRIMARY KEY, value text)",
                                  "INSERT INTO meta VALUES ('schema_version', '3'), ('owner', 'crm')"),
    "same_columns_no_version": ("CREATE TABLE meta (key varchar(40) PRIMARY KEY, value text)",
                                "INSERT INTO meta VALUES ('owner', 'crm')"),
}


@needs_pg
@pytest.mark.parametrize("meta", sorted(FOREIGN_META))
@pytest.mark.parametrize("command", [["check"], [], ["init", "--admin-code", "boss", "--admin-name", "周总",
                         "--admin-pin", "246810"], ["demo", "--complaints", "5"]], ids=["check", "desk", "init", "demo"])
def test_another_applications_meta_table_is_refused_as_a_foreign_database(capsys, empty_pg, meta, command):
    raw = connect(empty_pg)
    for sql in FOREIGN_META[meta]:
        raw.execute_sql(sql)
    raw.close()
    before = _rows(empty_pg, "meta")
    outcome = run(capsys, *command, "--db", empty_pg)
    assert outcome.code == 1
    assert outcome.err.count("\n") == 1 and "holds tables of another application" in outcome.err, outcome.err
    assert shown_target(empty_pg) in outcome.err
    assert _tables(empty_pg) == ["meta"] and _rows(empty_pg, "meta") == before


@needs_pg
def test_a_read_only_command_on_an_empty_server_database_creates_nothing(capsys, empty_pg):
    outcome = run(capsys, "check", "--db", empty_pg)
    assert outcome.code == 1
    assert "no aftersales database here" in outcome.err and "aftersales init" in outcome.err
    assert _tables(empty_pg) == []


# ----- passwords -------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "text", "secret"), [
    ("postgresql://desk:Hunter2@db.example/desk", "failed for postgresql://desk:Hunter2@db.example/desk", "Hunter2"),
    ("postgresql://desk:p%40ss%3Aword@db.example/desk", "connecting to desk:p@ss:word@db.example", "p@ss:word"),
    ("postgresql://desk:p%40ss%3Aword@db.example/desk", "dsn user=desk:p%40ss%3Aword@db.example", "p%40ss%3Aword"),
    ("postgres://u:s3cr3t@host:5432", 'no database name in "postgres://u:s3cr3t@host:5432"', "s3cr3t"),
])
def test_a_password_is_masked_wherever_a_message_quotes_the_url(url, text, secret):
    assert secret not in redact(text, url)


def test_ordinary_words_stay_readable_when_the_password_is_one_of_them():
    url = "postgresql://desk:desk@127.0.0.1/desk"
    message = "127.0.0.1/desk: already holds a desk's records"
    assert redact(message, url) == message
    assert redact(f"bad URL {url}", url) == "bad URL 127.0.0.1/desk"


SECRET = "Zx9-secret"
UNREACHABLE = f"postgresql://desk:{SECRET}@127.0.0.1:1/nowhere"
NO_NAME = f"postgresql://desk:{SECRET}@127.0.0.1:1"


@pytest.mark.parametrize("url", [UNREACHABLE, NO_NAME])
@pytest.mark.parametrize("command", [
    [], ["check"], ["backup", "--out", "b.db"], ["export", "complaints", "--out", "x.csv"], ["bench", "--json"],
    ["demo", "--complaints", "5"], ["init", "--admin-code", "boss", "--admin-name", "周总", "--admin-pin", "246810"],
    ["import", "complaints", "in.csv", "--user", "op01"],
])
def test_no_command_prints_the_password_of_a_server_url(capsys, command, url, tmp_path, monkeypatch):
    pytest.importorskip("psycopg2")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_text("phone\n", encoding="utf-8")
    outcome = run(capsys, *command, "--db", url)
    assert outcome.code != 0
    assert SECRET not in outcome.out + outcome.err
    assert outcome.err.count("\n") == 1 and "Traceback" not in outcome.err


@needs_pg
def test_working_commands_on_a_server_name_it_without_its_credentials(capsys, empty_pg, tmp_path):
    # The same password written percent-encoded: it connects, and that spelling must not show either.
    user_info, _, rest = empty_pg.partition("://")[2].rpartition("@")
    user, _, password = user_info.partition(":")
    encoded = f"postgresql://{user}:{''.join(f'%{ord(c):02X}' for c in password)}@{rest}"
    hidden = encoded.partition("://")[2].rpartition("@")[0]
    outputs = [
        run(capsys, "init", "--db", encoded, "--admin-code", "boss", "--admin-name", "周总", "--admin-pin", "246810"),
        run(capsys, "check", "--db", encoded),
        run(capsys, "export", "complaints", "--db", encoded, "--out", tmp_path / "all.csv"),
        run(capsys, "backup", "--db", encoded, "--out", tmp_path / "b.db"),
    ]
    assert [o.code for o in outputs] == [0, 0, 0, 1]
    for outcome in outputs:
        assert hidden not in outcome.out + outcome.err and user_info not in outcome.out + outcome.err
    assert shown_target(encoded) in outputs[0].out


# ----- check, backup ---------------------------------------------------------------------------


@needs_pg
def test_check_on_a_server_finds_a_broken_reference_and_skips_only_the_page_scan(capsys, pg_staff, desk):
    create_complaint(desk, login(desk, "op01", "1111"), complaint_data())
    db = Complaint._meta.database
    constraint = db.execute_sql(
        "SELECT conname FROM pg_constraint WHERE conrelid = 'complaint'::regclass AND contype = 'f' "
        "AND pg_get_constraintdef(oid) LIKE %s", ("%(shop_id)%",)).fetchone()[0]
    # Someone dropped a constraint by hand and wrote a row it would have refused.
    db.execute_sql(f'ALTER TABLE complaint DROP CONSTRAINT "{constraint}"')
    db.execute_sql("UPDATE complaint SET shop_id = 999")
    close_database()
    outcome = run(capsys, "check", "--db", pg_staff)
    assert outcome.code == 1
    assert "integrity: page scan not applicable on PostgreSQL" in outcome.out
    assert "foreign keys: 1 broken reference: complaint row 1 → missing shop" in outcome.err
    assert "audit chain: 2 events intact" in outcome.out  # the login and the complaint


@needs_pg
def test_check_on_a_healthy_server_database_passes(capsys, pg_staff, desk):
    create_complaint(desk, login(desk, "op01", "1111"), complaint_data())
    close_database()
    outcome = run(capsys, "--lang", "zh", "check", "--db", pg_staff)
    assert outcome.code == 0, outcome.err
    assert "页面扫描不适用于 PostgreSQL" in outcome.out and "外键引用：正常" in outcome.out


@needs_pg
@pytest.mark.parametrize(("lang", "expected"), [("en", "use pg_dump for PostgreSQL"), ("zh", "请使用 pg_dump")])
def test_backup_of_a_server_names_pg_dump_in_the_desks_language(capsys, pg_staff, lang, expected, tmp_path):
    close_database()
    outcome = run(capsys, "--lang", lang, "backup", "--db", pg_staff, "--out", tmp_path / "b.db")
    assert outcome.code == 1 and expected in outcome.err and outcome.err.count("\n") == 1
    assert not (tmp_path / "b.db").exists()


# ----- demo, bench -----------------------------------------------------------------------------


def _file_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("staff", "shop", "customer", "complaint", "event", "number_sequence", "document_range",
                              "supervision_visit", "referral", "shop_month")}
    finally:
        conn.close()


@needs_pg
def test_demo_on_a_server_holds_what_the_file_demo_holds_and_takes_new_work(capsys, empty_pg, tmp_path):
    outcome = run(capsys, "demo", "--db", empty_pg, "--complaints", "300", "--today", TODAY.isoformat())
    assert outcome.code == 0, outcome.err
    assert outcome.out.strip() == f"built demo database {shown_target(empty_pg)} (300 complaints)"
    build_demo(tmp_path / "same.db", 300, seed=7, today=TODAY)
    close_database()
    expected = _file_counts(tmp_path / "same.db")
    open_database(empty_pg)
    db = Complaint._meta.database
    assert {table: db.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0] for table in expected} == expected
    assert verify_chain().first_broken is None
    # The scorecards' summary came along as built, not summed a second time by the triggers during the copy.
    assert db.execute_sql("SELECT sum(complaints) FROM shop_month").fetchone()[0] == expected["complaint"]
    assert is_demo_database()  # the login screen lists the demo accounts on the server too
    # The indexes and foreign keys set aside for the copy are back.
    assert db.execute_sql("SELECT count(*) FROM pg_indexes WHERE tablename = 'complaint'").fetchone()[0] >= 15
    assert db.execute_sql("SELECT count(*) FROM pg_constraint WHERE conrelid = 'complaint'::regclass "
                          "AND contype = 'f'").fetchone()[0] == 4
    desk = Desk(clock=fixed_clock(NOW))
    assert login(desk, "lead01", "2222").role is Role.LEAD
    # Ids and day numbers continue after the copied rows: sequences were moved past them.
    last_id = Complaint.select(Complaint.id).order_by(Complaint.id.desc()).scalar()
    made = create_complaint(desk, login(desk, "op01", "1111"), complaint_data(phone="13700002222"))
    assert made.id == last_id + 1
    assert Complaint.select().where(Complaint.number == made.number).count() == 1
    assert verify_chain().first_broken is None
    close_database()
    again = run(capsys, "demo", "--db", empty_pg, "--complaints", "5")
    assert again.code == 1 and "already holds a desk's records" in again.err


def _every_row(url: str) -> dict[str, str]:
    """Each table's and sequence's content as a digest: what a bench must leave as it was."""
    raw = connect(url)
    try:
        found = {}
        for (table,) in raw.execute_sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall():
            found[table] = raw.execute_sql(
                f"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t"
            ).fetchone()[0]
        for (name,) in raw.execute_sql("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'").fetchall():
            found[name] = str(raw.execute_sql(f"SELECT last_value FROM {name}").fetchone()[0])
        return found
    finally:
        raw.close()


def _scratch_databases(url: str) -> list[str]:
    raw = connect(url)
    try:
        return [row[0] for row in raw.execute_sql(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", (SCRATCH_PREFIX + "%",)).fetchall()]
    finally:
        raw.close()


@needs_pg
@pytest.mark.real_clock
def test_bench_runs_on_a_server_url(capsys, empty_pg, monkeypatch):
    # Enough complaints over the demo's 13 months for the searched words to occur.
    assert run(capsys, "demo", "--db", empty_pg, "--complaints", "500", "--today", TODAY.isoformat()).code == 0
    close_database()
    before = _every_row(empty_pg)
    scratch_before = _scratch_databases(empty_pg)
    monkeypatch.setenv("AFTERSALES_BENCH_UI", "0")
    outcome = run(capsys, "bench", "--db", empty_pg, "--json")
    assert outcome.code == 0, outcome.err
    figures = json.loads(outcome.out)
    assert figures["complaints"] == 500 and figures["db"] == shown_target(empty_pg)
    assert 0 < figures["page_p95_ms"] < 5_000 and figures["search_three_common_hits"] + figures["search_english_hits"] > 0
    # Saves are timed on the server too, in a scratch database of their own on it.
    assert 0 < figures["save_p50_ms"] <= figures["save_p95_ms"] < 5_000
    assert "scratch database" in figures["save_note"]
    close_database()
    assert _every_row(empty_pg) == before  # nothing was saved into the measured database
    assert _scratch_databases(empty_pg) == scratch_before  # and the scratch one is gone


@needs_pg
def test_a_bench_the_server_refuses_a_scratch_database_says_why_and_changes_nothing(
    capsys, empty_pg, monkeypatch
):
    from aftersales.bench import server_saves

    assert run(capsys, "demo", "--db", empty_pg, "--complaints", "20", "--today", TODAY.isoformat()).code == 0
    close_database()
    before = _every_row(empty_pg)
    refused = "permission denied to create database"

    def on_server(url: str, sql: str) -> None:
        if sql.startswith("CREATE DATABASE"):
            import psycopg2

            raise psycopg2.errors.InsufficientPrivilege(refused)

    monkeypatch.setattr(server_saves, "_on_server", on_server)
    monkeypatch.setenv("AFTERSALES_BENCH_UI", "0")
    outcome = run(capsys, "bench", "--db", empty_pg, "--json")
    assert outcome.code == 0, outcome.err
    figures = json.loads(outcome.out)
    assert figures["save_p95_ms"] is None and refused in figures["save_note"]
    assert figures["board_p95_ms"] > 0  # the parts after the saves read the measured database again
    close_database()
    assert _every_row(empty_pg) == before


# ----- two init at once ------------------------------------------------------------------------


def _init_at(target: str, code: str, start_at: float) -> int:
    from aftersales.cli import main

    time.sleep(max(0.0, start_at - time.time()))
    return main(["init", "--db", target, "--admin-code", code, "--admin-name", code, "--admin-pin", "246810"])


@pytest.mark.real_clock  # the processes start together by the wall clock, which is real in them
def test_two_init_at_once_make_one_first_admin(engine, tmp_path, capsys):
    target = str(tmp_path / "new.db") if engine == "sqlite" else (drop_schema() or PG_URL)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        start_at = time.time() + 3.0
        codes = pool.starmap(_init_at, [(target, f"boss{n}", start_at) for n in range(4)])
    assert sorted(codes) == [0, 1, 1, 1]
    open_database(target)
    assert Staff.select().count() == 1
    assert Staff.get().code == f"boss{codes.index(0)}"
    assert Event.select().count() == 1
