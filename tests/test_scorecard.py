"""Shop scorecards on a small dataset whose figures are worked out by hand below; the summary table
stays equal to a fresh sum of the complaints whatever is changed."""

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from aftersales.domain.clock import fixed_clock
from aftersales.domain.enums import Category, ShopCategory
from aftersales.domain.scorecard import Figure, worst_first
from aftersales.services.context import Desk
from aftersales.services.documents.moves import move_documents
from aftersales.services.scorecards.figures import months_up_to, shop_scorecard, shop_scores
from aftersales.services.supervision.visits import record_visit
from aftersales.store import shop_summary
from aftersales.store.models import (
    Callback,
    Complaint,
    DeliveryFailure,
    DeliveryOrder,
    Shop,
    ShopMonth,
    Violation,
    database,
)

from .factories import NOW, new_complaint

ZONE = Desk().sla.zone
H = timedelta(hours=1)
D = timedelta(days=1)


def complaint(staff, shop: str, at: datetime, category: str = "product_quality", *, ack: timedelta | None = None,
              resolved: timedelta | None = None, rating: int | None = None, due_ack: timedelta = 2 * H,
              due_resolve: timedelta = 3 * D) -> int:
    """A complaint received at `at`, acknowledged and resolved after the delays given, against deadlines
    `due_ack` and `due_resolve` after receipt."""
    view = new_complaint(Desk(clock=fixed_clock(at)), staff["op01"], shop_code=shop, category=category,
                         phone=f"139{random.randint(10**7, 10**8 - 1)}")
    Complaint.update(
        ack_due_at=at + due_ack, resolve_due_at=at + due_resolve,
        acknowledged_at=at + ack if ack is not None else None,
        resolved_at=at + resolved if resolved is not None else None,
        status="resolved" if resolved is not None else ("acknowledged" if ack is not None else "new"),
    ).where(Complaint.id == view.id).execute()
    if rating is not None:
        # A call-back made pending, then answered: its rating counts for the complaint's shop and month.
        call = Callback.create(complaint=view.id, purpose="confirm_resolution", due_at=at + 6 * D, status="pending",
                               created_at=at + 5 * D)
        Callback.update(status="done", satisfaction=rating,
                        outcome="satisfied" if rating >= 3 else "unsatisfied").where(Callback.id == call.id).execute()
    return view.id


@pytest.fixture
def dataset(desk, staff):
    """November 2026 (Beijing time): S001 three complaints and 2,000 receipts issued, S004 (also furniture)
    one complaint and 500 receipts, S002 one complaint and no documents; S001 one in October."""
    Shop.create(code="S004", name="全友家居", unit="A-102", category=ShopCategory.FURNITURE.value)
    nov = lambda day: datetime(2026, 11, day, 2, 0, tzinfo=UTC)  # noqa: E731 - 10:00 local
    complaint(staff, "S001", nov(2), ack=1 * H, resolved=2 * D, rating=5)
    complaint(staff, "S001", nov(10), ack=4 * H, resolved=5 * D, rating=2)
    complaint(staff, "S001", nov(20), "delivery_delay")  # untouched, past its resolution deadline now
    complaint(staff, "S001", datetime(2026, 10, 15, 2, 0, tzinfo=UTC))
    complaint(staff, "S004", nov(3), ack=1 * H)
    complaint(staff, "S002", nov(5), ack=30 * timedelta(minutes=1))
    lead = staff["lead01"]
    at_nov = Desk(clock=fixed_clock(nov(1)))
    move_documents(at_nov, lead, {"kind": "receipt", "move": "receive", "first": "1", "last": "10000"})
    move_documents(at_nov, lead, {"kind": "receipt", "move": "issue", "first": "1", "last": "2000", "shop_code": "S001"})
    move_documents(at_nov, lead, {"kind": "receipt", "move": "issue", "first": "2001", "last": "2500", "shop_code": "S004"})
    Violation.create(subject_kind="shop", subject_shop=Shop.get(Shop.code == "S001").id, rule_code="price_tag",
                     rule_kind="ladder", incident_date=date(2026, 11, 12), evidence="价签不符", status="confirmed",
                     proposed_by=lead.id, proposed_at=NOW, amount_fen=20000)
    # S001's deliveries promised in November: three completed (two on time), one failed run on a fourth.
    s001_id = Shop.get(Shop.code == "S001").id
    first_id = Complaint.select(Complaint.id).where(Complaint.shop == s001_id).order_by(Complaint.id).scalar()
    for n, (status, on_time, failed) in enumerate([("completed", True, 0), ("completed", True, 0),
                                                   ("completed", False, 0), ("failed", None, 1)]):
        order = DeliveryOrder.create(
            complaint=first_id, complaint_number="TS-1", shop=s001_id, kind="re_deliver" if n == 3 else "deliver",
            address="地址", contact_name="客户", contact_phone="13800000000", items="沙发", slot="am",
            promised_date=date(2026, 11, 5 + n), first_promised_date=date(2026, 11, 5 + n), status=status,
            on_time=on_time, failures=failed, created_at=NOW, updated_at=NOW)
        if failed:
            DeliveryFailure.create(order=order.id, shop=s001_id, promised_date=date(2026, 11, 8),
                                   reason="customer_absent", at=NOW)
    record_visit(desk, lead, {"shop_code": "S001", "visited_on": date(2026, 11, 1), "findings": "价签缺失",
                              "rectification": "补齐价签", "due_on": date(2026, 11, 10)})
    return shop_scores("2026-11", NOW, ZONE)


def test_a_shops_figures_are_those_worked_out_by_hand(dataset):
    s001 = next(s for s in dataset if s.shop_code == "S001")
    assert s001.complaints == 3
    assert s001.by_category == {Category.PRODUCT_QUALITY: 2, Category.DELIVERY_DELAY: 1}
    assert s001.documents_issued == 2000 and s001.per_thousand == pytest.approx(1.5)  # 3 × 1000 / 2000
    assert (s001.acknowledged, s001.ack_late, s001.ack_hours) == (2, 0.5, pytest.approx(2.5))  # 1 h on time, 4 h late
    assert (s001.resolved, s001.resolve_late, s001.resolve_hours) == (2, 0.5, pytest.approx(84.0))  # 48 h, 120 h
    assert (s001.rated, s001.satisfaction, s001.unsatisfied) == (2, 3.5, 0.5)  # call-backs rated 5 and 2 (unsatisfied)
    assert s001.open_overdue == 2  # open now and past due: November 20 (due the 23rd) and October 15
    assert (s001.deliveries, s001.delivery_on_time, s001.delivery_failed) == (4, pytest.approx(2 / 3), 0.25)
    assert (s001.penalties, s001.penalty_fen) == (1, 20000)
    assert s001.rectifications == 1  # due November 10, not followed up
    assert (s001.rank, s001.rank_of) == (1, 2)  # 1.5 per 1,000 against S004's 2.0
    s004 = next(s for s in dataset if s.shop_code == "S004")
    assert (s004.per_thousand, s004.rank, s004.rank_of) == (pytest.approx(2.0), 2, 2)
    s002 = next(s for s in dataset if s.shop_code == "S002")
    assert (s002.complaints, s002.per_thousand, s002.ack_hours, s002.rank, s002.rank_of) == (1, None, 0.5, 1, 1)
    assert next(s for s in dataset if s.shop_code == "S003").complaints == 0


def test_the_list_sorts_by_each_figure_worst_first(dataset):
    assert [s.shop_code for s in worst_first(dataset, Figure.COMPLAINTS)][:2] == ["S001", "S002"]
    assert [s.shop_code for s in worst_first(dataset, Figure.PER_THOUSAND)] == ["S004", "S001", "S002", "S003"]
    assert [s.shop_code for s in worst_first(dataset, Figure.SATISFACTION)][0] == "S001"
    assert [s.shop_code for s in worst_first(dataset, Figure.RANK)][0] == "S004"  # last of its category
    for figure in Figure:
        assert len(worst_first(dataset, figure)) == 4


def test_the_scorecard_trend_covers_twelve_months(dataset, staff):
    card = shop_scorecard("S001", "2026-11", NOW, ZONE)
    assert [m.month for m in card.trend] == months_up_to("2026-11") and card.trend[0].month == "2025-12"
    assert [m.complaints for m in card.trend][-2:] == [1, 3]
    assert sum(m.complaints for m in card.trend) == 4


def test_the_summary_stays_equal_to_a_fresh_sum_whatever_changes(dataset, staff):
    rng = random.Random(3)
    ids = [row.id for row in Complaint.select(Complaint.id)]
    for _ in range(30):
        target = rng.choice(ids)
        if rng.random() < 0.3:
            rating = rng.choice([None, 1, 3, 5])
            Callback.update(satisfaction=rating, outcome="unsatisfied" if rating == 1 else "satisfied").where(
                Callback.id == rng.choice([c.id for c in Callback.select(Callback.id)])).execute()
            continue
        change = rng.choice([
            {"ack_due_at": NOW - rng.randint(1, 900) * H},
            {"acknowledged_at": NOW - rng.randint(1, 900) * H},
            {"category": rng.choice(["installation", "other"])},
            {"shop": Shop.get(Shop.code == rng.choice(["S001", "S002", "S003"])).id},
            {"created_at": NOW - rng.randint(1, 90) * D},
        ])
        Complaint.update(**change).where(Complaint.id == target).execute()
    kept = sorted(ShopMonth.select().where(ShopMonth.complaints != 0).tuples())
    sqlite = not database.obj.__class__.__name__.startswith("DeskPostgres")
    for sql in shop_summary.rebuild_sql(sqlite):
        database.obj.execute_sql(sql)
    assert kept == sorted(ShopMonth.select().tuples())


def test_three_complaints_of_one_category_in_30_days_flag_the_shop_and_sort_it_first(dataset, staff):
    # S002 had one product-quality complaint on November 5; two more of that category and one of another.
    start = datetime(2026, 11, 20, 2, tzinfo=UTC)
    complaint(staff, "S002", start)
    complaint(staff, "S002", start + D)
    complaint(staff, "S002", start + D, category="service_attitude")
    scores = {s.shop_code: s for s in shop_scores("2026-11", NOW, ZONE)}
    assert scores["S002"].repeat == [Category.PRODUCT_QUALITY]
    # S001: two product-quality complaints in the 30 days up to today (October 15 is outside), one delay.
    assert scores["S001"].repeat == [] and scores["S003"].repeat == [] and scores["S004"].repeat == []
    assert [s.shop_code for s in worst_first(list(scores.values()), Figure.REPEAT)][0] == "S002"
    # October's window (to October 31) holds none of November's complaints.
    assert all(not s.repeat for s in shop_scores("2026-10", NOW, ZONE))
