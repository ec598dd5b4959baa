"""Section 7's quality signals: a lead acknowledges one and sends another to its shop, an operator reads;
a signal's chart and the complaints behind it in the queue; the Pareto and the emerging terms."""

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from textual.widgets import Input, Static

from aftersales.domain.quality.schemas import SignalState
from aftersales.services.context import Desk
from aftersales.services.quality.read import list_signals
from aftersales.services.quality.signals import compute_signals
from aftersales.services.supervision.visits import shop_visits
from aftersales.store.models import Complaint
from aftersales.ui.screens.complaints.queue import QueueScreen
from aftersales.ui.screens.quality.brief_dialog import BriefDialog
from aftersales.ui.screens.quality.detail import SignalDetailScreen
from aftersales.ui.screens.quality.dialogs import AcknowledgeDialog, RectifyDialog
from aftersales.ui.screens.quality.pareto import ParetoScreen
from aftersales.ui.screens.quality.signals import SignalsScreen
from aftersales.ui.screens.quality.terms import TermsScreen

from ..factories import NOW
from ..quality_brief_data import LAST, planted
from ..report_factories import local, put_complaint
from .harness import LoggedIn, press, screen_text
from .test_documents import table_rows


def signals_planted() -> list[int]:
    """The planted month, its signals computed, and ten October complaints of S001 behind its signal, all
    saying the sofa creaks (September's ten spoke of late deliveries): an emerging term."""
    planted()
    ids = [put_complaint(local(date(2026, 10, 1 + day * 3))) for day in range(10)]
    Complaint.update(description="沙发坐垫塌陷，异响明显").where(Complaint.id.in_(ids)).execute()
    before = [put_complaint(local(date(2026, 9, 1 + day * 3)), shop="S002") for day in range(10)]
    Complaint.update(description="送货延误，客户等待").where(Complaint.id.in_(before)).execute()
    compute_signals(Desk(clock=lambda: NOW), LAST)
    return ids


def row_of(app: Any, scope: str, label: str) -> int:
    """The row of the signals list showing `label` of `scope` (a shop and its brand may share a name)."""
    rows = table_rows(app, "signals-table")
    return next(index for index, row in enumerate(rows) if (row[0], row[1]) == (scope, label))


async def open_signals(pilot: Any) -> None:
    await press(pilot, "7")
    await press(pilot, "q")


async def test_a_lead_acknowledges_one_signal_and_sends_another_to_its_shop(desk_db: str, logged_in: LoggedIn) -> None:
    signals_planted()
    async with logged_in("lead01") as (app, pilot):
        await open_signals(pilot)
        assert isinstance(app.screen, SignalsScreen)
        text = screen_text(app)
        assert "Quality signals 2026-10" in text and "欧派家居" in text and "beyond 3σ" in text
        stable = next(row for row in table_rows(app, "signals-table") if row[0] == "Category")
        app.screen.query_one("#signals-table").move_cursor(row=row_of(app, "Category", stable[1]))
        await press(pilot, "a")
        assert isinstance(app.screen, AcknowledgeDialog)
        await press(pilot, *"seasonal, watched", "f2")
        assert isinstance(app.screen, SignalsScreen)
        app.screen.query_one("#signals-table").move_cursor(row=row_of(app, "Shop", "欧派家居"))
        await press(pilot, "r")
        assert isinstance(app.screen, RectifyDialog)
        await press(pilot, *"sofa complaints tripled: check the supplier", "tab", *"2026-12-15", "f2")
        assert isinstance(app.screen, SignalsScreen)
        states = {(row[0], row[1]): row[6] for row in table_rows(app, "signals-table")}
        assert states[("Shop", "欧派家居")] == "to shop" and states[("Category", stable[1])] == "acknowledged"
        assert ("Brand", "欧派家居") not in states  # a brand of one shop is judged as the shop
    stored = {(signal.scope, signal.label): signal for signal in list_signals(LAST)}
    shop = next(signal for (scope, label), signal in stored.items() if scope == "shop" and label == "欧派家居")
    assert shop.state == SignalState.RECTIFICATION and shop.acted_by == "lead01" and shop.visit_id is not None
    visits = shop_visits("S001", date(2026, 11, 27))
    assert any(visit.due_on == date(2026, 12, 15) for visit in visits)
    acknowledged = [signal for signal in stored.values() if signal.state == SignalState.ACKNOWLEDGED]
    assert [signal.note for signal in acknowledged] == ["seasonal, watched"]


async def test_an_operator_reads_the_signals_and_is_told_who_acts_on_them(desk_db: str, logged_in: LoggedIn) -> None:
    signals_planted()
    async with logged_in("op01") as (app, pilot):
        await open_signals(pilot)
        assert "欧派家居" in screen_text(app)
        await press(pilot, "a")
        assert isinstance(app.screen, SignalsScreen)
        notes = [str(note.message) for note in app._notifications]
        assert "Read-only: only a team lead or the manager acts on a signal." in notes
    assert {signal.state for signal in list_signals(LAST)} == {SignalState.NEW}


async def test_a_signals_chart_leads_to_its_complaints_in_the_queue(desk_db: str, logged_in: LoggedIn) -> None:
    ids = signals_planted()
    async with logged_in("lead01") as (app, pilot):
        await open_signals(pilot)
        app.screen.query_one("#signals-table").move_cursor(row=row_of(app, "Shop", "欧派家居"))
        await press(pilot, "enter")
        assert isinstance(app.screen, SignalDetailScreen)
        text = screen_text(app)
        assert "Shop 欧派家居 · beyond 3σ" in text and "2026-10: 42 (limits 1.6 – 22.4" in text
        assert "c-chart (complaint counts" in text and "Complaints (count)" in text
        assert len(app.screen.detail.points) >= 13
        await press(pilot, "enter")
        assert isinstance(app.screen, QueueScreen)
        assert set(app.screen.filt.ids) >= set(ids)
        assert "signal 欧派家居" in screen_text(app)


async def test_the_pareto_and_the_emerging_terms_of_the_month(desk_db: str, logged_in: LoggedIn) -> None:
    signals_planted()
    async with logged_in("lead01") as (app, pilot):
        await open_signals(pilot)
        await press(pilot, "p")
        assert isinstance(app.screen, ParetoScreen)
        rows = table_rows(app, "pareto-table")
        assert rows[0][1] == "Product quality" and rows[-1][4] == "100.0"
        assert "Pareto 2026-10 · Mall · by category" in screen_text(app)
        await press(pilot, "escape", "t")
        assert isinstance(app.screen, TermsScreen)
        assert "Emerging terms 2026-10" in screen_text(app)
        terms = {row[0]: row for row in table_rows(app, "terms-table")}
        assert terms["异响"][2:4] == ["10", "0"]
        app.screen.query_one("#terms-table").move_cursor(row=list(terms).index("异响"))
        await press(pilot, "enter")
        assert isinstance(app.screen, QueueScreen)
        assert len(app.screen.filt.ids) == 10 and "term “异响”" in screen_text(app)


async def test_b_writes_the_months_brief_where_the_lead_says(desk_db: str, logged_in: LoggedIn, tmp_path: Path) -> None:
    signals_planted()
    out = tmp_path / "brief-2026-10.xlsx"
    async with logged_in("lead01") as (app, pilot):
        await open_signals(pilot)
        await press(pilot, "b")
        assert isinstance(app.screen, BriefDialog)
        app.screen.query_one("#field-path", Input).value = str(out)
        await press(pilot, "f2")
        assert isinstance(app.screen, SignalsScreen)
        assert f"Brief written to {out}" in [str(note.message) for note in app._notifications]
    assert "欧派家居" in [row[1] for row in load_workbook(out)["Signals"].iter_rows(values_only=True)]


async def test_the_dashboard_counts_the_new_signals_for_a_lead(desk_db: str, logged_in: LoggedIn) -> None:
    signals_planted()
    count = len(list_signals(LAST))
    async with logged_in("lead01") as (app, pilot):
        assert "New signals" in screen_text(app)
        assert str(app.screen.query_one("#line-signals", Static).content) == f"{count:,}"
    async with logged_in("op01") as (app, pilot):
        assert "New signals" not in screen_text(app)


