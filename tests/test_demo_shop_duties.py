"""The demo's sales documents, visits and partners: consistent with its complaints and in every state."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from aftersales.demo.build import build_demo
from aftersales.domain.documents.enums import DocumentKind, NumberState
from aftersales.domain.partners import ReferralState
from aftersales.domain.supervision import RectificationState
from aftersales.services.documents.read import lookup_number, stock_report
from aftersales.services.scorecards.figures import shop_scores
from aftersales.services.supervision.visits import overdue_rectifications
from aftersales.store import shop_summary
from aftersales.store.db import close_database, open_database
from aftersales.store.models import (
    Complaint,
    DocumentMoveRecord,
    Referral,
    Shop,
    ShopMonth,
    SupervisionVisit,
    database,
)

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, 6000, seed=7, today=TODAY)
    close_database()
    return path


@pytest.fixture
def demo(built: Path) -> Iterator[Path]:
    open_database(built)
    yield built
    close_database()


def test_complaint_contract_numbers_look_up_to_the_shop_they_came_from(demo):
    checked = 0
    for complaint in Complaint.select().where(Complaint.contract_no != "").limit(200):
        [found] = lookup_number(complaint.contract_no, DocumentKind.CONTRACT)
        assert found.holder_code == Shop.get_by_id(complaint.shop_id).code
        checked += 1
    assert checked > 100


def test_every_number_state_occurs_and_the_stock_adds_up_to_what_was_received(demo):
    lines = stock_report()
    states = {state for line in lines for state, count in line.counts.items() if count}
    assert states == set(NumberState)
    for kind in DocumentKind:
        received = sum(m.last - m.first + 1 for m in DocumentMoveRecord.select().where(
            (DocumentMoveRecord.kind == kind.value) & (DocumentMoveRecord.move == "receive")))
        assert sum(line.total for line in lines if line.kind is kind) == received


def test_visits_and_referrals_come_in_every_state(demo):
    assert {v.state for v in SupervisionVisit.select(SupervisionVisit.state)} == {s.value for s in RectificationState}
    assert overdue_rectifications(TODAY)
    assert {r.state for r in Referral.select(Referral.state)} == {s.value for s in ReferralState}
    assert {r.direction for r in Referral.select(Referral.direction)} == {"in", "out"}
    waiting = Complaint.select().where(Complaint.reply_due_at.is_null(False)).count()
    assert waiting == Referral.select(Referral.complaint).where(Referral.state == "open").distinct().count()


def test_the_summary_built_after_the_bulk_load_equals_a_fresh_sum(demo):
    kept = sorted(ShopMonth.select().tuples())
    for sql in shop_summary.rebuild_sql(True):
        database.obj.execute_sql(sql)
    assert kept == sorted(ShopMonth.select().tuples())
    zone = ZoneInfo("Asia/Shanghai")
    scores = shop_scores("2026-11", datetime(2026, 11, 27, 10, tzinfo=UTC), zone)
    november = int(datetime(2026, 11, 1, tzinfo=zone).timestamp())
    assert sum(s.complaints for s in scores) == Complaint.select().where(Complaint.created_at >= november).count()
    assert all(s.per_thousand is not None for s in scores)
