"""The demo database: deterministic, realistic, consistent with the desk's rules, and usable at once."""

import hashlib
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from aftersales.demo.build import build_demo
from aftersales.demo.catalog import DEMO_STAFF
from aftersales.demo.chain import ChainSealer
from aftersales.demo.volumes import first_day
from aftersales.domain.audit_chain import GENESIS, event_digest
from aftersales.domain.clock import fixed_clock
from aftersales.domain.enums import Category, CloseOutcome, ComplaintStatus, Severity, ShopCategory
from aftersales.domain.sla import SlaPolicy, deadlines
from aftersales.services.audit import _content, verify_chain
from aftersales.services.complaints.intake import create_complaint
from aftersales.services.complaints.queue import QueueFilter, queue_page
from aftersales.services.context import Desk
from aftersales.services.staff.auth import login
from aftersales.services.transfer.exports import ExportFormat, export_complaints
from aftersales.store.db import close_database, open_database
from aftersales.store.errors import DatabaseRefused
from aftersales.store.models import Complaint, Customer, NumberSequence, Shop

from .factories import complaint_data

TODAY = date(2026, 11, 27)
ZONE = SlaPolicy().zone
# The demo's own "now": 18:00 in Shanghai on TODAY.
DEMO_NOW = datetime.combine(TODAY, time(18, 0), ZONE)
N = 300


def _dump_digest(path: Path) -> str:
    """sha256 over the full SQL dump: every row of every table, FTS shadow tables included."""
    conn = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        for line in conn.iterdump():
            digest.update(line.encode("utf-8"))
        return digest.hexdigest()
    finally:
        conn.close()


def _query(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, N, seed=7, today=TODAY)
    close_database()
    return path


@pytest.fixture
def demo(built: Path) -> Iterator[Path]:
    """The shared demo database, opened for reading."""
    open_database(built)
    yield built
    close_database()


def test_same_seed_and_day_build_identical_databases(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    build_demo(again, N, seed=7, today=TODAY)
    close_database()
    assert _dump_digest(again) == _dump_digest(built)


def test_same_seed_and_day_export_byte_identical_files(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    build_demo(again, N, seed=7, today=TODAY)
    outputs = []
    for index, source in enumerate((built, again)):
        open_database(source)
        out = tmp_path / f"export{index}.csv"
        assert export_complaints(Desk(), out, ExportFormat.CSV) == N
        outputs.append(out.read_bytes())
        close_database()
    assert outputs[0] == outputs[1]


def test_another_seed_or_day_builds_a_different_database(built: Path, tmp_path: Path) -> None:
    other_seed, other_day = tmp_path / "seed8.db", tmp_path / "day.db"
    build_demo(other_seed, N, seed=8, today=TODAY)
    build_demo(other_day, N, seed=7, today=TODAY - timedelta(days=1))
    close_database()
    assert _dump_digest(other_seed) != _dump_digest(built)
    assert _dump_digest(other_day) != _dump_digest(built)


@pytest.mark.parametrize(("code", "name", "role", "pin"), DEMO_STAFF[:6])
def test_demo_accounts_log_in_with_their_pins(demo: Path, code: str, name: str, role: str, pin: str) -> None:
    me = login(Desk(clock=fixed_clock(DEMO_NOW)), code, pin)
    assert (me.code, me.name, me.role) == (code, name, role)


def test_every_status_severity_category_channel_and_close_outcome_occurs(demo: Path) -> None:
    def values(column: str) -> set[object]:
        return {row[0] for row in _query(demo, f"SELECT DISTINCT {column} FROM complaint")}

    assert values("status") == {s.value for s in ComplaintStatus}
    assert values("severity") == {s.value for s in Severity}
    assert values("category") == {c.value for c in Category}
    assert values("close_outcome") - {None} == {o.value for o in CloseOutcome}
    assert len(values("channel")) == 5
    assert len(values("remedy")) == 5
    assert _query(demo, "SELECT COUNT(*) FROM complaint")[0][0] == N


def test_forty_or_more_shops_cover_every_shop_category(demo: Path) -> None:
    shops = list(Shop.select())
    assert len(shops) >= 40
    assert {shop.category for shop in shops} == {c.value for c in ShopCategory}
    assert [shop.code for shop in shops][:3] == ["S001", "S002", "S003"]
    assert all(re.fullmatch(r"[A-E]-\d{3}", shop.unit) for shop in shops)
    assert any(shop.name == "马可波罗瓷砖" for shop in shops)


def test_customers_have_distinct_valid_mobiles_and_some_complain_twice(demo: Path) -> None:
    phones = [c.phone for c in Customer.select()]
    assert all(re.fullmatch(r"1[3-9]\d{9}", phone) for phone in phones)
    assert len(set(phones)) == len(phones)
    repeaters = _query(demo, "SELECT customer_id FROM complaint GROUP BY customer_id HAVING COUNT(*) > 1")
    assert len(repeaters) >= 5
    assert all(re.search(r"[\u4e00-\u9fff]", c.name) and c.address for c in Customer.select())


def test_complaints_fall_in_the_thirteen_months_and_the_days_up_to_the_demo_clock(demo: Path) -> None:
    first, last = _query(demo, "SELECT MIN(created_at), MAX(created_at) FROM complaint")[0]
    assert first_day(TODAY) == date(2025, 10, 1)
    start = datetime.combine(first_day(TODAY), time(0, 0), ZONE)
    assert int(start.timestamp()) <= int(first) < int(start.timestamp()) + 3 * 86_400
    assert int(last) <= int(DEMO_NOW.timestamp())
    assert _query(demo, "SELECT MAX(updated_at) FROM complaint")[0][0] <= int(DEMO_NOW.timestamp())


def test_numbers_follow_each_local_day_and_the_sequence_table_knows_the_last(demo: Path) -> None:
    rows = _query(demo, "SELECT number, created_at FROM complaint ORDER BY id")
    last_of_day: dict[str, int] = {}
    for number, created in rows:
        day = datetime.fromtimestamp(int(created), UTC).astimezone(ZONE).date()
        _, stamp, sequence = str(number).split("-")
        assert stamp == f"{day:%Y%m%d}"
        assert int(sequence) == last_of_day.get(stamp, 0) + 1
        last_of_day[stamp] = int(sequence)
    assert {row.day: row.last for row in NumberSequence.select()} == last_of_day


def test_deadlines_are_the_sla_policys(demo: Path) -> None:
    policy = SlaPolicy()
    for row in Complaint.select(Complaint.created_at, Complaint.severity, Complaint.ack_due_at,
                                Complaint.resolve_due_at):
        assert (row.ack_due_at, row.resolve_due_at) == deadlines(row.created_at, Severity(row.severity), policy)


def test_fields_match_each_complaints_status(demo: Path) -> None:
    for c in Complaint.select():
        status = ComplaintStatus(c.status)
        assert (c.assignee_id is None) == (status is ComplaintStatus.NEW)
        assert (c.acknowledged_at is None) == (status is ComplaintStatus.NEW)
        assert (c.closed_at is not None) == (status is ComplaintStatus.CLOSED) == (c.close_outcome is not None)
        if status is ComplaintStatus.RESOLVED or c.close_outcome == CloseOutcome.CALLBACK_CONFIRMED.value:
            assert c.resolved_at is not None and c.resolution
        if c.close_outcome == CloseOutcome.CALLBACK_CONFIRMED.value:
            assert 1 <= c.satisfaction <= 5
        assert (c.duplicate_of_id is not None) == (c.close_outcome == CloseOutcome.DUPLICATE.value)
        if c.major_incident:
            assert c.major_reason
        assert c.version >= 1 and c.created_at <= c.updated_at


def test_each_complaint_has_its_creation_and_status_events_in_order(demo: Path) -> None:
    events = _query(demo, "SELECT complaint_id, kind, old, new FROM event WHERE complaint_id IS NOT NULL ORDER BY id")
    trail: dict[int, list[tuple[str, str, str]]] = {}
    for complaint_id, kind, old, new in events:
        trail.setdefault(int(complaint_id), []).append((str(kind), str(old), str(new)))
    for complaint_id, number, status in _query(demo, "SELECT id, number, status FROM complaint"):
        steps = trail[int(complaint_id)]
        assert steps[0] == ("created", "", number)
        # A resolution event carries the remedy, not the status: it is the investigating → resolved move.
        # Delivery, call-back and attachment events carry their order's, call's or file's facts, not the
        # complaint's status.
        moves = [
            ("investigating", "resolved") if kind == "resolved" else (old, new)
            for kind, old, new in steps
            if kind not in ("created", "assigned", "contact", "merged") and not kind.startswith(("delivery_", "callback_", "attachment_"))
        ]
        reached = moves[-1][1] if moves else "new"
        merged = any(kind == "merged" for kind, _, _ in steps)
        assert ("closed" if merged else reached) == status
        for (_, previous_to), (following_from, _) in pairwise(moves):
            assert previous_to == following_from
    times = [row[0] for row in _query(demo, "SELECT at FROM event ORDER BY id")]
    assert times == sorted(times)


def test_audit_chain_of_the_demo_is_intact(demo: Path) -> None:
    report = verify_chain()
    assert report.first_broken is None
    assert report.events == _query(demo, "SELECT COUNT(*) FROM event")[0][0] > 5 * N


def test_fast_chain_digest_equals_the_audit_services_digest() -> None:
    samples = [
        (1_700_000_000, 12, 3, "created", "status", "", "TS-20261127-0001", "", False),
        (1_700_000_100, None, None, "staff_created", "staff", "", "op01:operator", "", False),
        (1_700_000_200, 7, 1, "contact", "", "", "", 'said "\\no\\" then\n说明 \t', True),
    ]
    previous = GENESIS
    for at, complaint_id, actor_id, kind, field, old, new, note, contact in samples:
        expected = event_digest(previous, _content(complaint_id, actor_id, at, kind, field, old, new, note, contact))
        sealed = ChainSealer(previous).seal([(at, complaint_id, actor_id, kind, field, old, new, note, contact)])
        assert sealed[0][-1] == expected
        previous = expected


def test_chinese_and_english_search_find_demo_text(demo: Path) -> None:
    me = login(Desk(clock=fixed_clock(DEMO_NOW)), "op01", "1111")
    for term in ("要求上门维修", "refund"):
        rows = queue_page(me, QueueFilter(search=term), now=DEMO_NOW).rows
        assert rows
        found = Complaint.select().where(Complaint.id.in_([r.id for r in rows]))
        assert all(term in c.description or term in c.product for c in found)


def test_a_complaint_taken_after_the_demo_continues_the_days_numbers(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    build_demo(path, N, seed=7, today=TODAY)
    last = NumberSequence.get(NumberSequence.day == f"{TODAY:%Y%m%d}").last
    desk = Desk(clock=fixed_clock(DEMO_NOW + timedelta(minutes=30)))
    me = login(desk, "op02", "1112")
    view = create_complaint(desk, me, complaint_data(description="餐桌 glasstop 裂了，要求换货"))
    assert view.number == f"TS-{TODAY:%Y%m%d}-{last + 1:04d}"
    hits = queue_page(me, QueueFilter(search="glasstop"), now=DEMO_NOW).rows
    assert [row.number for row in hits] == [view.number]
    assert verify_chain().first_broken is None
    close_database()
    assert _query(path, "PRAGMA integrity_check") == [("ok",)]
    assert _query(path, "PRAGMA foreign_key_check") == []
    assert _query(path, "PRAGMA journal_mode") == [("wal",)]


def test_an_existing_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "taken.db"
    path.write_bytes(b"my notes")
    with pytest.raises(DatabaseRefused, match="already exists"):
        build_demo(path, 10, seed=7, today=TODAY)
    assert path.read_bytes() == b"my notes"


def test_a_live_demo_has_nothing_after_its_moment(tmp_path: Path) -> None:
    from datetime import datetime, time

    from aftersales.domain.sla import SlaPolicy
    from aftersales.store.models import Complaint, Event

    build_demo(tmp_path / "live.db", 400, 7, date(2026, 11, 27), until=time(11, 15))
    moment = datetime(2026, 11, 27, 11, 15, tzinfo=SlaPolicy().zone)
    latest = Complaint.select(Complaint.created_at).order_by(Complaint.created_at.desc()).scalar()
    assert latest is not None and latest < moment
    assert Event.select().where(Event.at > moment).count() == 0
    close_database()


def test_the_demo_is_marked_as_one_and_a_desk_database_is_not(demo: Path, db_target: str) -> None:
    from aftersales.demo.marker import is_demo_database

    assert is_demo_database() is False  # the fresh test database `db_target` opened last
    close_database()
    open_database(demo)
    assert is_demo_database() is True


def test_whoever_acknowledges_a_demo_complaint_is_recorded_taking_it(demo: Path) -> None:
    acknowledged = {row[0]: row[1] for row in _query(
        demo, "SELECT e.complaint_id, s.code FROM event e JOIN staff s ON s.id = e.actor_id WHERE e.kind = 'acknowledged'")}
    taken = {row[0]: row[1] for row in _query(
        demo, "SELECT complaint_id, new FROM event WHERE kind = 'assigned' AND old = '' ORDER BY id")}
    assert acknowledged and taken == acknowledged


def test_resolved_demo_complaints_keep_the_request_beside_the_decision(demo: Path) -> None:
    for c in Complaint.select():
        assert (c.remedy_decided is not None) == (c.resolved_at is not None)
