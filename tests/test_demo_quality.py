"""The demo's figures for the quality signals: thirteen months of baseline before the last complete month,
complaints in proportion to the sales documents issued to each shop, brands with two shops, and the shifts
of `demo.shifts.PLANTED` really in the database, at the default size and at a small one."""

import sqlite3
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from statistics import mean, pvariance
from typing import Any

import pytest

from aftersales.demo.build import RECENT_DAYS, build_demo
from aftersales.demo.shifts import BRAND_DRIFT, PLANTED, SOFA_SPIKE, SOFAS, STATIONARY_SHOP, months_of
from aftersales.demo.volumes import first_day
from aftersales.store.db import close_database

TODAY = date(2026, 12, 6)
SIZES = {"default": 2000, "small": 400}
# The demo's months as "YYYY-MM": 2025-11 to 2026-11 complete, then 2026-12 so far.
MONTHS = [f"{2025 + (10 + i) // 12}-{(10 + i) % 12 + 1:02d}" for i in range(14)]
LOCAL_MONTH = "strftime('%Y-%m', created_at, 'unixepoch', '+8 hours')"


@pytest.fixture(scope="module", params=list(SIZES))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    path = tmp_path_factory.mktemp(f"demo-quality-{request.param}") / "demo.db"
    build_demo(path, SIZES[request.param], seed=7, today=TODAY)
    close_database()
    return request.param, path


def _rows(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _monthly(path: Path, where: str = "1 = 1", *params: object) -> dict[str, dict[str, int]]:
    """Complaints per shop code and local month."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(MONTHS, 0))
    for code, month, count in _rows(
        path, f"SELECT s.code, {LOCAL_MONTH}, COUNT(*) FROM complaint c JOIN shop s ON s.id = c.shop_id "
              f"WHERE {where} GROUP BY 1, 2", *params):
        out[code][month] = count
    return out


def _brand_shops(path: Path, brand: str) -> list[str]:
    return [code for (code,) in _rows(path, "SELECT code FROM shop WHERE (CASE brand WHEN '' THEN name "
                                            "ELSE brand END) = ?", brand)]


def test_the_planted_shifts_name_their_months() -> None:
    assert months_of(SOFA_SPIKE, TODAY) == ["2026-11"]
    assert months_of(BRAND_DRIFT, TODAY) == ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]
    assert months_of(SOFA_SPIKE, date(2027, 1, 31)) == ["2026-12"]
    assert [shift.kind for shift in PLANTED] == ["spike", "drift"]
    assert first_day(TODAY) == date(2025, 11, 1)


def test_complaints_cover_thirteen_whole_months_and_the_demo_month(built: tuple[str, Path]) -> None:
    _, path = built
    months = [month for (month,) in _rows(path, f"SELECT DISTINCT {LOCAL_MONTH} FROM complaint ORDER BY 1")]
    assert months == MONTHS


def test_complaints_older_than_the_recent_weeks_are_closed_and_recent_ones_are_open(built: tuple[str, Path]) -> None:
    _, path = built
    cut = int(sqlite3.connect(":memory:").execute(
        "SELECT strftime('%s', ?)", (f"{TODAY - timedelta(days=RECENT_DAYS)} 00:00:00",)).fetchone()[0]) - 8 * 3600
    old = dict(_rows(path, "SELECT status, COUNT(*) FROM complaint WHERE created_at < ? GROUP BY 1", cut))
    assert set(old) == {"closed"}
    recent = dict(_rows(path, "SELECT status, COUNT(*) FROM complaint WHERE created_at >= ? GROUP BY 1", cut))
    assert set(recent) == {"new", "acknowledged", "investigating", "awaiting_delivery", "awaiting_customer",
                           "resolved", "closed"}


def test_the_sofa_shop_triples_in_the_last_complete_month(built: tuple[str, Path]) -> None:
    size, path = built
    marks = ", ".join("?" * len(SOFAS))
    sofas = _monthly(path, f"c.product IN ({marks})", *SOFAS)[SOFA_SPIKE.key]
    [month] = months_of(SOFA_SPIKE, TODAY)
    before = [sofas[m] for m in MONTHS[MONTHS.index(month) - 12:MONTHS.index(month)]]
    assert len(before) == 12 and mean(before) > 0.5
    assert sofas[month] >= 2.5 * mean(before)
    assert sofas[month] >= (10 if size == "default" else 3)
    # The shop sells nothing but sofas, and its name is the one the constants give.
    assert _rows(path, "SELECT DISTINCT c.product FROM complaint c JOIN shop s ON s.id = c.shop_id "
                       "WHERE s.code = ? ORDER BY 1", SOFA_SPIKE.key) == sorted((p,) for p in SOFAS)
    assert _rows(path, "SELECT name FROM shop WHERE code = ?", SOFA_SPIKE.key) == [(SOFA_SPIKE.name,)]


def test_the_brand_drifts_up_over_six_months(built: tuple[str, Path]) -> None:
    size, path = built
    shops = _brand_shops(path, BRAND_DRIFT.key)
    assert len(shops) == 2
    monthly = _monthly(path)
    brand = {m: sum(monthly[code][m] for code in shops) for m in MONTHS}
    drift = months_of(BRAND_DRIFT, TODAY)
    counts = [brand[m] for m in drift]
    usual = mean(brand[m] for m in MONTHS[:MONTHS.index(drift[0])])
    assert counts == sorted(counts) and counts[-1] > counts[0]
    if size == "default":
        assert all(a < b for a, b in zip(counts, counts[1:], strict=False))
    # Compounding 20 % a month: about 2.99 times the usual by the sixth month.
    assert counts[-1] >= 2.5 * usual
    assert counts[0] >= usual


def test_an_ordinary_shop_stays_within_poisson_noise(built: tuple[str, Path]) -> None:
    size, path = built
    monthly = _monthly(path)
    counts = [monthly[STATIONARY_SHOP][m] for m in MONTHS[:-1]]
    centre = mean(counts)
    assert centre > 0
    assert all(abs(count - centre) <= 4 * centre ** 0.5 + 1 for count in counts)
    # Over all the shops nothing was planted in, the months vary as Poisson counts do: variance near the mean.
    planted = {SOFA_SPIKE.key, *_brand_shops(path, BRAND_DRIFT.key)}
    dispersion = [pvariance(row) / mean(row) for code, by_month in monthly.items() if code not in planted
                  for row in [[by_month[m] for m in MONTHS[:-1]]] if mean(row) > 0]
    assert 0.6 < mean(dispersion) < 1.5, size


def test_each_shop_is_issued_sales_documents_every_month_and_complains_in_proportion(built: tuple[str, Path]) -> None:
    size, path = built
    issued: dict[str, dict[str, int]] = defaultdict(dict)
    for code, month, count in _rows(
        path, "SELECT s.code, strftime('%Y-%m', m.at, 'unixepoch', '+8 hours'), SUM(m.last - m.first + 1) "
              "FROM document_move m JOIN shop s ON s.id = m.shop_id WHERE m.move = 'issue' "
              "AND m.kind IN ('contract', 'receipt') GROUP BY 1, 2"):
        issued[code][month] = count
    assert len(issued) == len(_rows(path, "SELECT id FROM shop"))
    for code, by_month in issued.items():
        assert list(by_month) == MONTHS, code
        volumes = list(by_month.values())
        assert max(volumes) <= 1.5 * min(volumes), code  # a shop's size, with noise
    if size == "default":
        monthly = _monthly(path)
        planted = {SOFA_SPIKE.key, *_brand_shops(path, BRAND_DRIFT.key)}
        codes = [code for code in issued if code not in planted]
        documents = [sum(issued[c][m] for m in MONTHS[:-1]) for c in codes]
        complaints = [sum(monthly[c][m] for m in MONTHS[:-1]) for c in codes]
        assert _correlation(documents, complaints) > 0.7


def _correlation(xs: list[int], ys: list[int]) -> float:
    mx, my = mean(xs), mean(ys)
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return float(cov / (sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys)) ** 0.5)


def test_three_brands_have_two_shops_and_the_first_shops_keep_their_codes(built: tuple[str, Path]) -> None:
    _, path = built
    brands = _rows(path, "SELECT brand, GROUP_CONCAT(code) FROM (SELECT brand, code FROM shop WHERE brand != '' "
                         "ORDER BY code) GROUP BY brand ORDER BY brand")
    assert sorted(brands) == sorted([("顾家家居", "S003,S049"), ("马可波罗瓷砖", "S016,S050"), ("九牧卫浴", "S028,S051")])
    assert _rows(path, "SELECT code, name FROM shop WHERE code IN ('S001', 'S008', 'S048') ORDER BY code") == [
        ("S001", "欧派家居"), ("S008", "芝华仕沙发"), ("S048", "梦洁家纺")]
