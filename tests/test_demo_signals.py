"""The quality signals on the demo, end to end: a demo built with a fixed seed has its last complete month
judged by the build (as the sweep would on its day), the shifts it plants are found there, and on its
stationary series the signals fire fewer than once per 100 series-months.

The measured rate is written to AFTERSALES_TEST_FIGURES when that names a file (see tests/conftest.py)."""

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from aftersales.demo.build import DEMO_TIME, build_demo
from aftersales.demo.shifts import BRAND_DRIFT, SOFA_SPIKE, months_of
from aftersales.domain.sla import SlaPolicy
from aftersales.services.context import Desk
from aftersales.services.quality.read import list_signals, new_signals_count
from aftersales.services.quality.signals import compute_signals
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Shop

TODAY = date(2026, 12, 6)
LAST = "2026-11"
# The months judged for the false-alarm rate: every month with at least six months of baseline before it.
JUDGED = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]


@pytest.fixture(scope="module", params=[2_000, 20_000], ids=["default", "20000"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    path = tmp_path_factory.mktemp(f"demo-signals-{request.param}") / "demo.db"
    build_demo(path, request.param, seed=7, today=TODAY)
    close_database()
    yield request.param, path
    close_database()


@pytest.fixture
def opened(demo: tuple[int, Path]) -> Iterator[Desk]:
    open_database(demo[1])
    moment = datetime.combine(TODAY, DEMO_TIME, tzinfo=SlaPolicy().zone)
    yield Desk(clock=lambda: moment)
    close_database()


def _planted(month: str) -> set[tuple[str, str]]:
    """The series a planted shift moves in `month`: the shop or brand itself, the shops of the brand, and
    the shop categories they belong to."""
    moved: set[tuple[str, str]] = set()
    for shift in (SOFA_SPIKE, BRAND_DRIFT):
        # A rise shows for a while after it too: its points stay in the run and in the baseline.
        if month < months_of(shift, TODAY)[0]:
            continue
        shops = Shop.select().where(Shop.code == shift.key) if shift.scope == "shop" else Shop.select().where(
            (Shop.brand == shift.key) | ((Shop.brand == "") & (Shop.name == shift.key)))
        moved.add((shift.scope, shift.key))
        for shop in shops:
            moved |= {("shop", shop.code), ("brand", shop.brand or shop.name), ("category", shop.category)}
    return moved


def test_the_build_judges_its_last_complete_month_and_finds_both_planted_shifts(opened: Desk) -> None:
    found = {(view.scope, view.key): view for view in list_signals(LAST)}
    assert ("shop", SOFA_SPIKE.key) in found, sorted(found)
    assert ("brand", BRAND_DRIFT.key) in found, sorted(found)
    spike = found[("shop", SOFA_SPIKE.key)]
    assert spike.rule == "beyond_3s" and spike.value > spike.upper and spike.chart == "u"
    assert spike.since == LAST and spike.label == SOFA_SPIKE.name
    drift = [view for view in list_signals(LAST) if (view.scope, view.key) == ("brand", BRAND_DRIFT.key)]
    assert {view.rule for view in drift} & {"six_rising", "two_of_three", "beyond_3s"}
    assert new_signals_count() == len(list_signals(LAST))
    # Nothing outside the planted shifts fires in the month the build judged.
    assert {key for key in found if key not in _planted(LAST)} == set()


def test_stationary_series_fire_under_once_per_hundred_series_months(demo: tuple[int, Path], opened: Desk) -> None:
    """At 20,000 complaints over the fourteen months, as the issue's demo. A thinner demo's shops see three
    or four complaints a month, where a Poisson count's skew puts more than 0.135 % above its 3σ line: the
    default 2,000 measured 3 of 295 (1.02 per 100), reported but not held to the bound."""
    stray = judged = 0
    for month in JUDGED:
        result = compute_signals(opened, month)
        moved = _planted(month)
        signalled = {(view.scope, view.key) for view in list_signals(month)}
        judged += result.series - len(moved)
        stray += len(signalled - moved)
    assert judged >= 250, judged  # seven months of some forty to sixty series each
    rate = stray / judged
    figures = os.environ.get("AFTERSALES_TEST_FIGURES")
    if figures:
        with Path(figures).open("a", encoding="utf-8") as out:
            out.write(f"demo signals ({demo[0]} complaints): {stray} stray of {judged} stationary series-months = {100 * rate:.2f} per 100\n")
    if demo[0] >= 20_000:
        assert rate < 0.01, f"{stray} of {judged} stationary series-months fired"
