"""The reports' kept summaries (store/report_summary.py) equal a fresh count of the complaints after any
sequence of writes through the desk, on both engines; a report read from them equals one read from the
complaints, count for count, and its percentiles lie within the histograms' bucket width."""

import csv
import random
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from peewee import fn

from aftersales import i18n
from aftersales.domain.clock import fixed_clock
from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.errors import DeskError
from aftersales.domain.reports.buckets import bucket_of, bucket_width
from aftersales.domain.reports.period import parse_period
from aftersales.services.complaints import actions
from aftersales.services.complaints.read import get_complaint
from aftersales.services.context import Desk
from aftersales.services.deliveries import orders
from aftersales.services.escalations.raising import escalate
from aftersales.services.reports import kept
from aftersales.services.reports.summary import period_figures
from aftersales.services.transfer.imports import import_complaints
from aftersales.store.models import Callback, Complaint, Shop, database

from .delivery_helpers import delivered, order_data
from .factories import NOW, new_complaint
from .report_factories import local, put_callback, put_complaint

OFFSET = 8 * 3600
COMPLAINT_COLUMNS = ("created_at, shop_id, category, severity_rank, channel, remedy, remedy_decided, product, "
                     "acknowledged_at, resolved_at, closed_at, ack_due_at, resolve_due_at")


def _with_months(days: dict[tuple, list[int]]) -> dict[tuple, list[int]]:
    """Day rows, and beside them each month's row (keyed -YYYYMM) holding the sum of its days."""
    out: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for (day, *rest), values in days.items():
        moment = date(1970, 1, 1) + timedelta(days=day)
        for key in ((day, *rest), (-(moment.year * 100 + moment.month), *rest)):
            out[key] = [a + b for a, b in zip(out[key], values, strict=True)]
    return {key: value for key, value in out.items() if any(value)}


def scanned() -> tuple[dict[tuple, list[int]], Counter]:
    """The summaries as a fresh count of the complaints, worked out here in Python."""
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    hist: Counter = Counter()
    for row in database.obj.execute_sql(f"SELECT {COMPLAINT_COLUMNS} FROM complaint").fetchall():
        created, shop, category, rank, channel, remedy, decided, product, ack, resolved, closed, ack_due, due = row
        day = (created + OFFSET) // 86400
        ack_end = ack if ack is not None else closed
        resolve_end = resolved if resolved is not None else closed
        settled = ack_end is not None and resolve_end is not None
        late = settled and (ack_end > ack_due or resolve_end > due)
        for dimension, code in (("", ""), ("severity", str(rank)), ("channel", channel),
                                ("remedy", decided or remedy), ("product", product)):
            entry = counts[(day, shop, category, dimension, code)]
            entry[0] += 1
            entry[2] += int(settled)
            entry[3] += int(late)
        if closed is not None:
            counts[((closed + OFFSET) // 86400, shop, category, "", "")][1] += 1
        month = int(datetime.fromtimestamp(created + OFFSET, UTC).strftime("%Y%m"))
        for measure, done in (("a", ack), ("r", resolved)):
            if done is not None:
                bucket = bucket_of((done - created) // 60)
                for key in ((shop, category, -1), (shop, "", -1), (0, category, rank), (0, category, -1)):
                    hist[(month, *key, measure, bucket)] += 1
    return _with_months(counts), +hist


def scanned_events() -> dict[tuple, list[int]]:
    """`report_event` as a fresh count of the call-backs, escalations and money entries."""
    db = database.obj
    shops = {cid: (shop, category) for cid, shop, category in db.execute_sql(
        "SELECT id, shop_id, category FROM complaint").fetchall()}
    out: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for cid, status, finished, outcome, satisfaction in db.execute_sql(
            "SELECT complaint_id, status, finished_at, outcome, satisfaction FROM callback").fetchall():
        if status == "done" and finished is not None:
            entry = out[((finished + OFFSET) // 86400, *shops[cid], "callback", outcome or "")]
            entry[0] += 1
            entry[2] += int(satisfaction is not None)
            entry[3] += satisfaction or 0
    for cid, raised, trigger in db.execute_sql('SELECT complaint_id, raised_at, "trigger" FROM escalation').fetchall():
        out[((raised + OFFSET) // 86400, *shops[cid], "escalation", trigger)][0] += 1
    for cid, day, kind, amount in db.execute_sql("SELECT complaint_id, day, kind, amount_fen FROM money_entry").fetchall():
        day = date.fromisoformat(day) if isinstance(day, str) else day
        entry = out[((day - date(1970, 1, 1)).days, *shops[cid], "money", kind)]
        entry[0] += 1
        entry[1] += amount
    return _with_months(out)


def kept_events() -> dict[tuple, list[int]]:
    return {tuple(row[:5]): list(row[5:]) for row in database.obj.execute_sql(
        "SELECT day, shop_id, category, source, code, n, amount, rated, score FROM report_event "
        "WHERE n <> 0 OR amount <> 0 OR rated <> 0 OR score <> 0").fetchall()}


def kept_rows() -> tuple[dict[tuple, list[int]], Counter]:
    db = database.obj
    counts = {tuple(row[:5]): list(row[5:]) for row in db.execute_sql(
        "SELECT day, shop_id, category, dimension, code, received, closed, settled, settled_late FROM report_count "
        "WHERE received <> 0 OR closed <> 0 OR settled <> 0 OR settled_late <> 0").fetchall()}
    hist = Counter({tuple(row[:6]): int(row[6]) for row in db.execute_sql(
        "SELECT month, shop_id, category, severity_rank, measure, bucket, n FROM report_hist WHERE n <> 0").fetchall()})
    return counts, hist


def assert_kept_as_scanned() -> None:
    assert kept_rows() == scanned()
    assert kept_events() == scanned_events()


def test_buckets_are_whole_minutes_then_a_sixteenth_of_a_power_of_two():
    assert [bucket_of(m) for m in (0, 1, 31, 32, 33, 34, 63, 64, 67, 68, 1440)] == [
        0, 1, 31, 32, 32, 34, 62, 64, 64, 68, 1408]
    assert [bucket_width(b) for b in (0, 31, 32, 62, 64, 1408)] == [1, 1, 2, 2, 4, 64]
    for minutes in range(0, 100_000, 7):
        bucket = bucket_of(minutes)
        assert bucket <= minutes < bucket + bucket_width(bucket)
        assert bucket_width(bucket) <= max(1, minutes / 16)


def _import(path: Path, rows: int, at: datetime) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["phone", "customer_name", "shop", "category", "severity", "remedy", "product",
                         "description", "received_at"])
        for n in range(rows):
            writer.writerow([f"1392{random.randint(0, 9999999):07d}", "钱多", ["S001", "S002", "S003"][n % 3],
                             ["installation", "delivery_damage"][n % 2], ["normal", "high"][n % 2], "repair",
                             f"导入{n}", "导入的投诉", (at - timedelta(hours=n + 1)).isoformat()])
    return path


WRITES = ["intake", "acknowledge", "investigate", "resolve", "withdraw", "merge", "delivery", "edit_shop",
          "edit_category", "import", "close_late", "escalate", "callback", "rate", "deliver"]


def _write(kind: str, pick: int, desk: Desk, staff, tmp_path: Path) -> None:
    op = staff["op01"]
    ids = [row.id for row in Complaint.select(Complaint.id).order_by(Complaint.id)]
    if kind == "intake" or not ids:
        new_complaint(desk, op, shop_code=["S001", "S002", "S003"][pick % 3],
                      category=["product_quality", "installation", "delivery_delay"][pick % 3],
                      severity=["normal", "high", "critical"][pick % 3], channel=["phone", "online"][pick % 2],
                      product=["沙发", "餐桌", ""][pick % 3], phone=f"139{pick:08d}")
        return
    view = get_complaint(ids[pick % len(ids)])
    if kind == "acknowledge":
        actions.acknowledge(desk, op, view.id, view.version)
    elif kind == "investigate":
        actions.change_status(desk, op, view.id, ComplaintStatus.INVESTIGATING, view.version)
    elif kind == "resolve":
        actions.resolve(desk, op, view.id, {"decision": "赔偿", "remedy": ["compensation", "replace"][pick % 2],
                                            "compensation_fen": 1000 * (pick % 2)}, view.version)
    elif kind == "withdraw":
        actions.withdraw(desk, op, view.id, {"reason": "客户撤诉"}, view.version)
    elif kind == "merge":
        original = get_complaint(ids[(pick + 1) % len(ids)])
        actions.merge_duplicate(desk, op, view.id, original.number, view.version)
    elif kind == "delivery":
        orders.create_order(desk, op, view.id, order_data(promised_date=(desk.clock() + timedelta(days=2)).date()
                                                          .isoformat()), view.version)
    elif kind == "edit_shop":
        Complaint.update(shop=Shop.get(Shop.code == ["S001", "S002", "S003"][pick % 3]).id).where(
            Complaint.id == view.id).execute()
    elif kind == "edit_category":
        Complaint.update(category=["other", "installation"][pick % 2]).where(Complaint.id == view.id).execute()
    elif kind == "import":
        import_complaints(desk, op, _import(tmp_path / f"rows{pick}.csv", 1 + pick % 4, desk.clock()), i18n.words())
    elif kind == "deliver":
        # Completed with a payment collected: a money entry of the day it was completed.
        order = orders.create_order(desk, op, view.id, order_data(
            promised_date=(desk.clock() + timedelta(days=1)).date().isoformat(), collect_fen=500 + pick), view.version)
        delivered(desk, staff["dc01"], order)
    elif kind == "escalate":
        escalate(desk, op, view.id, {"reason": "顾客要求主管处理"})
    elif kind == "callback":
        put_callback(view.id, desk.clock(), ["satisfied", "unsatisfied", "unreachable"][pick % 3],
                     None if pick % 3 == 2 else 1 + pick % 5, status=["done", "pending"][pick % 2])
    elif kind == "rate":
        Callback.update(satisfaction=1 + pick % 5, outcome="satisfied", status="done", finished_at=desk.clock()).where(
            Callback.id == Callback.select(fn.MIN(Callback.id))).execute()
    elif kind == "close_late":
        Complaint.update(closed_at=desk.clock() + timedelta(minutes=pick), status="closed").where(
            Complaint.id == view.id).execute()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(WRITES), st.integers(0, 10_000), st.integers(1, 3000)),
                      min_size=1, max_size=25))
def test_random_writes_keep_the_summaries_equal_to_a_fresh_count(staff, tmp_path, steps) -> None:
    moment = NOW - timedelta(days=130)
    for kind, pick, minutes in steps:
        moment += timedelta(minutes=minutes)
        desk = Desk(clock=fixed_clock(min(moment, NOW)))
        try:
            _write(kind, pick, desk, staff, tmp_path)
        except DeskError:
            pass  # a refused write (a status the complaint cannot take) changes nothing
    assert_kept_as_scanned()


def test_a_deleted_complaint_leaves_the_summaries(staff):
    made = [put_complaint(local(NOW.date(), 9), ack_after=5, resolve_after=90, closed=NOW) for _ in range(3)]
    Complaint.delete().where(Complaint.id == made[0]).execute()
    assert_kept_as_scanned()


def _figures(period: str, filters=None):
    return period_figures(Desk(clock=fixed_clock(NOW)), parse_period(period), filters)


@pytest.fixture
def many(staff):
    """Four hundred complaints over three months, with times of every size (seconds included)."""
    rng = random.Random(17)
    start = datetime(2026, 8, 31, 16, 0, tzinfo=UTC)
    for _ in range(400):
        created = start + timedelta(seconds=rng.randint(0, 88 * 86400))
        row = put_complaint(created, shop=rng.choice(["S001", "S002", "S003"]),
                            category=rng.choice(["product_quality", "installation"]),
                            severity=rng.choice(["normal", "high", "critical"]),
                            ack_after=rng.choice([None, rng.randint(0, 40), rng.randint(40, 2000)]),
                            resolve_after=rng.choice([None, rng.randint(30, 30_000)]), ack_due=rng.randint(5, 120),
                            resolve_due=rng.randint(600, 9000),
                            closed=rng.choice([None, created + timedelta(minutes=rng.randint(60, 80_000))]))
        seconds = rng.randint(0, 59)
        Complaint.update(acknowledged_at=Complaint.acknowledged_at + seconds).where(
            (Complaint.id == row) & Complaint.acknowledged_at.is_null(False)).execute()
    return None


def _within_bucket(found, exact) -> None:
    assert found.count == exact.count
    for name in ("median", "p90"):
        value, truth = getattr(found, name), getattr(exact, name)
        if truth is None:
            assert value is None
            continue
        assert abs(value - truth) <= bucket_width(bucket_of(int(truth))), (name, value, truth)


@pytest.mark.parametrize("period", ["2026-Q4", "2026", "2026-10", "2026-09-01..2026-11-15"])
def test_a_report_from_the_summaries_equals_one_from_the_complaints(many, monkeypatch, period) -> None:
    from aftersales.domain.reports.figures import ReportFilters

    for filters in (ReportFilters(), ReportFilters(category="installation"),
                    ReportFilters(shop_id=Shop.get(Shop.code == "S002").id)):
        monkeypatch.setattr(kept, "RANKED_UP_TO", 0)
        summed = _figures(period, filters)
        monkeypatch.setattr(kept, "days", lambda start, end: None)
        exact = _figures(period, filters)
        monkeypatch.undo()
        times = ("sla", "sla_by_month", "sla_by_severity", "sla_by_shop")
        assert summed.model_dump(exclude=set(times)) == exact.model_dump(exclude=set(times))
        pairs = [(summed.sla, exact.sla)]
        for name in times[1:]:
            found, truth = getattr(summed, name), getattr(exact, name)
            assert [(row.key, row.label, row.received, row.breached) for row in found] == [
                (row.key, row.label, row.received, row.breached) for row in truth]
            pairs += list(zip(found, truth, strict=True))
        for found, truth in pairs:
            assert (found.key, found.received, found.breached) == (truth.key, truth.received, truth.breached)
            _within_bucket(found.ack, truth.ack)
            _within_bucket(found.resolve, truth.resolve)


def test_a_delivery_completed_with_a_collection_counts_its_money(staff, tmp_path):
    desk = Desk(clock=fixed_clock(NOW - timedelta(days=3)))
    _write("intake", 1, desk, staff, tmp_path)
    _write("acknowledge", 0, desk, staff, tmp_path)
    _write("investigate", 0, desk, staff, tmp_path)
    _write("deliver", 0, desk, staff, tmp_path)
    assert [source for (_, _, _, source, code) in kept_events() if code == "collection"] == ["money", "money"]
    assert_kept_as_scanned()
