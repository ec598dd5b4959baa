"""Pareto of complaint categories and products: the rows worked out by hand, and the service reading the
kept summaries for the mall, a shop, a brand and a shop category, on both engines."""

from datetime import date

import pytest

from aftersales.domain.errors import DeskError
from aftersales.domain.quality.pareto import ParetoRow, pareto
from aftersales.services.quality.pareto import pareto_for
from aftersales.store.models import Shop

from .factories import seed_shops, seed_staff
from .report_factories import local, put_complaint


def test_ties_are_ordered_by_key_and_a_row_reaching_exactly_80_percent_is_the_last_vital_one():
    rows = pareto({"b": 3, "a": 3, "d": 2, "c": 2})
    assert rows == [
        ParetoRow("a", 3, 0.3, 0.3, True),
        ParetoRow("b", 3, 0.3, 0.6, True),
        ParetoRow("c", 2, 0.2, 0.8, True),
        ParetoRow("d", 2, 0.2, 1.0, False),
    ]


def test_the_row_crossing_80_percent_is_vital_and_the_rest_are_not():
    rows = pareto({"a": 5, "b": 2, "c": 2, "d": 1})
    assert [(row.key, row.cumulative, row.vital) for row in rows] == [
        ("a", 0.5, True), ("b", 0.7, True), ("c", 0.9, True), ("d", 1.0, False)]


def test_one_key_of_exactly_80_percent():
    rows = pareto({"x": 8, "y": 2})
    assert [(row.key, row.share, row.vital) for row in rows] == [("x", 0.8, True), ("y", 0.2, False)]


def test_a_single_category_is_the_whole_pareto():
    assert pareto({"installation": 7}) == [ParetoRow("installation", 7, 1.0, 1.0, True)]


def test_an_empty_period_has_no_rows_and_zero_counts_are_left_out():
    assert pareto({}) == []
    assert pareto({"a": 0}) == []
    assert [row.key for row in pareto({"a": 0, "b": 1})] == ["b"]


def test_another_cut():
    assert [row.vital for row in pareto({"a": 5, "b": 3, "c": 2}, cut=0.5)] == [True, False, False]


@pytest.fixture
def month(db_target: str) -> None:
    """October 2026: S001 (furniture) 3 product quality on a sofa and 1 delivery damage on a table; S002
    (tiles, brand 马可波罗) 1 installation; S003 (sanitary, no brand: its name is its brand) 1 product quality
    naming no product. Around it: 20 and 5 September, and 3 November."""
    seed_staff()
    seed_shops()
    Shop.update(brand="马可波罗").where(Shop.code == "S002").execute()
    for day in (1, 15, 31):
        put_complaint(local(date(2026, 10, day)), category="product_quality", product="布艺沙发")
    put_complaint(local(date(2026, 10, 12)), category="delivery_damage", product="实木餐桌")
    put_complaint(local(date(2026, 10, 20)), shop="S002", category="installation", product="仿古砖")
    put_complaint(local(date(2026, 10, 31), 23, 30), shop="S003", category="product_quality", product="")
    put_complaint(local(date(2026, 9, 20)), category="other", product="布艺沙发")
    put_complaint(local(date(2026, 9, 5)), category="other", product="布艺沙发")
    put_complaint(local(date(2026, 11, 3)), shop="S002", category="installation", product="仿古砖")


def _rows(view) -> list[tuple[str, int, bool]]:
    return [(row.key, row.count, row.vital) for row in view.rows]


def test_the_mall_by_complaint_category(month):
    view = pareto_for(date(2026, 10, 1), date(2026, 10, 31), "mall", None, "category")
    assert view.total == 6
    # 4/6, then 5/6 crosses 80 %; the tie of one each goes by key.
    assert _rows(view) == [("product_quality", 4, True), ("delivery_damage", 1, True), ("installation", 1, False)]
    assert view.rows[1].cumulative == pytest.approx(5 / 6)


def test_a_shop_by_product_and_its_shop_category(month):
    by_shop = pareto_for(date(2026, 10, 1), date(2026, 10, 31), "shop", "S001", "product")
    assert _rows(by_shop) == [("布艺沙发", 3, True), ("实木餐桌", 1, True)]
    by_category = pareto_for(date(2026, 10, 1), date(2026, 10, 31), "category", "furniture", "product")
    assert _rows(by_category) == _rows(by_shop)


def test_a_brand_by_its_own_name_or_by_the_shop_name(month):
    marked = pareto_for(date(2026, 10, 1), date(2026, 10, 31), "brand", "马可波罗", "category")
    assert _rows(marked) == [("installation", 1, True)]
    named = pareto_for(date(2026, 10, 1), date(2026, 10, 31), "brand", "TOTO卫浴", "product")
    assert (named.rows, named.total, named.unnamed) == ([], 0, 1)


def test_a_period_of_part_months_and_whole_months_reads_both(month):
    view = pareto_for(date(2026, 9, 15), date(2026, 11, 30), "mall", None, "product")
    assert _rows(view) == [("布艺沙发", 4, True), ("仿古砖", 2, True), ("实木餐桌", 1, False)]
    assert view.unnamed == 1
    whole_year = pareto_for(date(2026, 1, 1), date(2026, 12, 31), "mall", None, "category")
    assert whole_year.total == 9


def test_an_empty_period(month):
    view = pareto_for(date(2025, 1, 1), date(2025, 1, 31), "mall", None, "category")
    assert (view.total, view.rows) == (0, [])


@pytest.mark.parametrize(("args", "key"), [
    (("shop", "S999", "category"), "quality_terms.error.unknown_shop"),
    (("brand", "无此品牌", "category"), "quality_terms.error.unknown_brand"),
    (("category", "boats", "category"), "quality_terms.error.unknown_shop_category"),
    (("shop", None, "category"), "quality_terms.error.no_key"),
    (("street", "x", "category"), "quality_terms.error.bad_scope"),
    (("mall", None, "colour"), "quality_terms.error.bad_of"),
])
def test_an_unknown_scope_or_key_is_refused(month, args, key):
    with pytest.raises(DeskError) as refused:
        pareto_for(date(2026, 10, 1), date(2026, 10, 31), *args)
    assert refused.value.key == key


def test_a_period_ending_before_it_starts_is_refused(month):
    with pytest.raises(DeskError) as refused:
        pareto_for(date(2026, 10, 31), date(2026, 10, 1), "mall", None, "category")
    assert refused.value.key == "quality_terms.error.bad_range"
