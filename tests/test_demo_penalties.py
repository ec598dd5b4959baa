"""The demo's penalty ledger: every state over the last year, finalised months, sums that hold, services that go on."""

import shutil
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import pytest

from aftersales.demo.build import build_demo
from aftersales.demo.penalties import DemoViolation, PenaltyBook
from aftersales.domain.clock import fixed_clock
from aftersales.domain.penalties.enums import STANDING, RuleKind, SubjectKind, ViolationStatus
from aftersales.domain.penalties.ladder import Standing, tiers
from aftersales.domain.penalties.policy import PenaltyPolicy
from aftersales.domain.sla import SlaPolicy
from aftersales.services.audit import verify_chain
from aftersales.services.context import Desk
from aftersales.services.penalties.decide import confirm_violation
from aftersales.services.penalties.payroll import payroll_report
from aftersales.services.penalties.read import confirm_consequence
from aftersales.services.staff.auth import login
from aftersales.store.db import close_database, open_database
from aftersales.store.models import PayrollMonth, PenaltyEntry, Staff, Violation

TODAY = date(2026, 11, 27)
ZONE = SlaPolicy().zone
DEMO_NOW = datetime.combine(TODAY, time(18, 0), ZONE)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, 300, seed=7, today=TODAY)
    close_database()
    return path


@pytest.fixture
def demo(built: Path) -> Iterator[Path]:
    """The shared demo database, opened for reading."""
    open_database(built)
    yield built
    close_database()


def desk() -> Desk:
    return Desk(clock=fixed_clock(DEMO_NOW))


def test_every_state_of_the_workflow_occurs_over_the_last_year(demo: Path) -> None:
    statuses = {row.status for row in Violation.select()}
    assert statuses == {status.value for status in ViolationStatus}
    first = min(row.incident_date for row in Violation.select())
    assert (TODAY - first).days > 330
    assert {row.subject_kind for row in Violation.select()} == {"staff", "shop", "department"}
    assert Violation.select().where(Violation.complaint.is_null(False)).count() >= 2


def test_a_third_violation_has_its_dismissal_review_open(demo: Path) -> None:
    open_reviews = list(Violation.select().where(Violation.review == "open"))
    assert [(row.subject_staff.code, row.tier, row.amount_fen) for row in open_reviews] == [("op04", 3, 20000)]


def test_a_discretionary_fine_was_decided_by_the_manager(demo: Path) -> None:
    row = Violation.get(Violation.rule_kind == "discretionary")
    assert (row.decided_by.code, row.amount_fen, row.tier) == ("mgr01", 38000, None) and row.loss


def test_an_overturned_violation_left_its_refund_and_the_others_adjustments(demo: Path) -> None:
    overturned = Violation.get(Violation.status == "overturned")
    refunds = [e for e in PenaltyEntry.select() if e.kind == "adjustment"]
    assert {(e.violation_id == overturned.id, e.amount_fen) for e in refunds} == {
        (True, -5000), (False, -5000), (False, -10000)}
    assert len({e.month for e in refunds}) == 1 and refunds[0].month > min(
        e.month for e in PenaltyEntry.select().where(PenaltyEntry.violation == overturned.id))
    assert Violation.select().where(Violation.review == "withdrawn").count() == 1


def test_months_before_the_current_one_are_final_and_deducted(demo: Path) -> None:
    finalised = sorted(row.month for row in PayrollMonth.select())
    assert finalised[-1] == "2026-10" and f"{TODAY:%Y-%m}" not in finalised
    for entry in PenaltyEntry.select():
        assert entry.deducted == (entry.month in finalised)
    october = payroll_report(desk(), None, "2026-10")
    assert october.final and october.finalised_by == "lead01"
    assert october.total_fen == PayrollMonth.get(PayrollMonth.month == "2026-10").total_fen
    november = payroll_report(desk(), None, "2026-11")
    assert not november.final and november.total_fen == 5000 + 10000 + 20000


def test_every_ledger_sums_to_the_tiers_that_stand(demo: Path) -> None:
    policy = PenaltyPolicy()
    for row in Violation.select():
        money = sum(e.amount_fen for e in PenaltyEntry.select().where(PenaltyEntry.violation == row.id))
        assert money == (row.amount_fen if ViolationStatus(row.status) in STANDING else 0), row.id
    subjects = {(row.subject_kind, row.subject_staff_id, row.subject_shop_id) for row in Violation.select()}
    for kind, staff_id, shop_id in subjects:
        standing = [row for row in Violation.select().where(
            (Violation.subject_kind == kind) & (Violation.subject_staff == staff_id) & (Violation.subject_shop == shop_id)
            & (Violation.rule_kind == "ladder") & Violation.status.in_([s.value for s in STANDING]))]
        fresh = tiers([Standing(r.id, r.incident_date, r.decided_at) for r in standing], policy.window)
        assert {r.id: r.tier for r in standing} == fresh
    op02 = Staff.get(Staff.code == "op02")
    years = [(row.incident_date.year, row.tier) for row in Violation.select().where(
        (Violation.subject_staff == op02.id) & (Violation.status != "waived")).order_by(Violation.incident_date)]
    assert years[:2] == [(2025, 1), (2026, 1)]  # a new calendar year starts again


def test_the_desk_goes_on_from_the_demo_wang_fangs_third_opens_a_review(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copyfile(built, copy)
    open_database(copy)
    try:
        lead = login(desk(), "lead01", "2222")
        waiting = Violation.get((Violation.status == "proposed") & (Violation.subject_kind == "staff"))
        shown = confirm_consequence(desk(), lead, waiting.id)
        assert (shown.subject.name, shown.tier, shown.amount_fen, shown.opens_review) == ("王芳", 3, 20000, True)
        assert shown.month == "2026-11" and date(2026, 1, 1) <= shown.incident_date <= TODAY
        confirm_violation(desk(), lead, waiting.id, shown_tier=shown.tier)
        assert Violation.get_by_id(waiting.id).review == "open"
        assert verify_chain().first_broken is None
    finally:
        close_database()


def test_the_demo_book_lets_later_violations_join_the_open_review_and_its_decision_cover_them() -> None:
    book = PenaltyBook(zone=ZONE)
    at = int(DEMO_NOW.timestamp())
    played = [DemoViolation(n, SubjectKind.STAFF, 7, None, "late_acknowledgement", RuleKind.LADDER, date(2026, n, 5),
                            "投诉超过两小时未受理", "", 1, at) for n in range(1, 6)]
    for v in played:
        book.propose(v, "op02")
        book.confirm(v, at, 2)
    assert [(v.review.value, v.review_of) for v in played[2:]] == [("open", None), ("joined", 3), ("joined", 3)]
    book.decide_review(played[2], at, 4, False, "留用察看三个月")
    assert {v.review.value for v in played[2:]} == {"retained"}
