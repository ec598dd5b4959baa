"""Section 6's shop list ranked by any figure, worst first, and a shop's scorecard with its chart."""

from collections.abc import Callable
from typing import Any

from textual_plotext import PlotextPlot

from aftersales.services.context import Desk
from aftersales.services.documents.moves import move_documents
from aftersales.services.staff.auth import login
from aftersales.ui.screens.scorecards.ranking import ShopRankingScreen
from aftersales.ui.screens.scorecards.scorecard import ScorecardScreen

from ..factories import NOW
from .harness import LoggedIn, press, screen_text
from .snapshot_variants import variants
from .test_documents import table_rows


def issue_documents() -> None:
    """S001 has 1,000 receipts issued this month, S002 200: S002 has the most complaints per 1,000."""
    desk = Desk(clock=lambda: NOW)
    lead = login(desk, "lead01", "2222")
    for move, first, last, shop in [("receive", "1", "5000", ""), ("issue", "1", "1000", "S001"),
                                    ("issue", "1001", "1200", "S002")]:
        move_documents(desk, lead, {"kind": "receipt", "move": move, "first": first, "last": last, "shop_code": shop})


def column(app: Any, key: str) -> list[str]:
    """The cells of the ranking's column `key` (a narrow desk shows only the figures that fit)."""
    table = app.screen.query_one("#ranking-table")
    keys = [c.key.value for c in table.ordered_columns]
    assert key in keys, f"{key} not among the columns {keys}"
    return [row[keys.index(key)] for row in table_rows(app, "ranking-table")]


async def open_ranking(pilot: Any) -> None:
    await press(pilot, "6")
    await press(pilot, "s")


async def test_the_shop_list_sorts_by_each_figure_worst_first(desk_db: str, logged_in: LoggedIn) -> None:
    issue_documents()
    async with logged_in("lead01") as (app, pilot):
        await open_ranking(pilot)
        assert isinstance(app.screen, ShopRankingScreen)
        assert "Shops ranked for 2026-11, worst first by Compl." in screen_text(app)
        counts = [int(value) for value in column(app, "complaints")]
        assert counts == sorted(counts, reverse=True) and sum(counts) == 20  # 7 + 7 + 6 complaints
        await press(pilot, "s")  # complaints per 1,000 documents
        rows = table_rows(app, "ranking-table")
        assert [row[0] for row in rows] == ["S002", "S001", "S003"]  # 35.0 and 7.0 per 1,000; S003 has no documents
        per_thousand = column(app, "per_thousand")
        assert per_thousand[0] == "35.0" and per_thousand[2] == "—"
        await press(pilot, "[")  # October: nothing received
        assert "Shops ranked for 2026-10" in screen_text(app)
        await press(pilot, "S")  # back to the complaints
        assert set(column(app, "complaints")) == {"0"}


async def test_enter_opens_the_scorecard_with_its_trend_chart(desk_db: str, logged_in: LoggedIn) -> None:
    issue_documents()
    async with logged_in("op01") as (app, pilot):
        await open_ranking(pilot)
        first = table_rows(app, "ranking-table")[0][0]
        await press(pilot, "enter")
        assert isinstance(app.screen, ScorecardScreen)
        text = screen_text(app)
        assert f"Scorecard of {first}" in text and "· 2026-11" in text
        assert "Complaints per month, 12 months to 2026-11" in text
        card = app.screen.card
        assert card is not None and len(card.trend) == 12 and card.trend[-1].complaints == card.score.complaints
        assert app.screen.query_one(PlotextPlot).size.height > 8
        await press(pilot, "escape")
        assert isinstance(app.screen, ShopRankingScreen)


def _to(*keys: str) -> Any:
    async def steps(pilot: Any) -> None:
        await open_ranking(pilot)
        for key in keys:
            await press(pilot, key)

    return steps


@variants({"120x36-en": "test_shop_list_english", "80x24-zh": "test_shop_list_chinese_80x24"})
def test_shop_list(snap_desk: Callable[..., bool], desk_db: str) -> None:
    issue_documents()
    assert snap_desk("lead01", _to())


@variants({"120x36-zh": "test_scorecard_chinese", "80x24-zh": "test_scorecard_chinese_80x24",
           "120x36-en": "test_scorecard_english", "80x24-en": "test_scorecard_english_80x24"})
def test_scorecard(snap_desk: Callable[..., bool], desk_db: str) -> None:
    issue_documents()
    assert snap_desk("lead01", _to("enter"))
