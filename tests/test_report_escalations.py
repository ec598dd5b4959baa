"""The reports count the escalations raised in their period by trigger, read from the escalations section."""

from datetime import timedelta

from aftersales import i18n
from aftersales.domain.clock import fixed_clock
from aftersales.domain.reports.period import parse_period
from aftersales.services.context import Desk
from aftersales.services.escalations.raising import escalate
from aftersales.services.reports.summary import load_report

from .factories import NOW, new_complaint


def test_a_months_report_counts_its_escalations_by_trigger_and_the_month_before_its_own(desk, staff):
    op = staff["op01"]
    escalate(desk, op, new_complaint(desk, op, phone="13900000001").id, {"reason": "顾客要求主管处理"})
    new_complaint(desk, op, phone="13900000002", severity="critical")  # to the manager at intake
    earlier = Desk(clock=fixed_clock(NOW - timedelta(days=31)))
    escalate(earlier, op, new_complaint(earlier, op, phone="13900000003").id, {"reason": "多次来电"})
    report = load_report(desk, parse_period("2026-11"))
    current, previous = report.current.escalations_by_trigger, report.previous.escalations_by_trigger
    assert (current["manual"], current["critical"], sum(current.values())) == (1, 1, 2)
    assert (previous["manual"], sum(previous.values())) == (1, 1)


def test_the_escalations_table_names_each_trigger_in_the_desks_language(desk, staff):
    from aftersales.services.reports.tables import report_tables

    op = staff["op01"]
    escalate(desk, op, new_complaint(desk, op, phone="13900000001").id, {"reason": "顾客要求主管处理"})
    table = next(t for t in report_tables(load_report(desk, parse_period("2026-11")), i18n.words()) if t.name == "escalations")
    assert table.rows[0] == ["Manual", 1]
    assert all(isinstance(row[0], str) and "_" not in row[0] for row in table.rows)


def test_every_filter_narrows_the_escalations_by_trigger(desk, staff):
    from aftersales.domain.enums import Category, ShopCategory
    from aftersales.domain.reports.figures import ReportFilters
    from aftersales.store.models import Shop

    op = staff["op01"]
    escalate(desk, op, new_complaint(desk, op, phone="13900000001").id, {"reason": "顾客要求主管处理"})
    # A critical tiles complaint about installation goes to the manager at intake.
    new_complaint(desk, op, phone="13900000002", severity="critical", shop_code="S002", category="installation")
    november = parse_period("2026-11")

    def counted(filters: ReportFilters) -> tuple[int, int]:
        found = load_report(desk, november, filters).current.escalations_by_trigger
        return found["manual"], found["critical"]

    assert counted(ReportFilters()) == (1, 1)
    assert counted(ReportFilters(shop_id=Shop.get(Shop.code == "S002").id)) == (0, 1)
    assert counted(ReportFilters(shop_category=ShopCategory.FURNITURE)) == (1, 0)
    assert counted(ReportFilters(category=Category.INSTALLATION)) == (0, 1)
