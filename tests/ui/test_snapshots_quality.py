"""Pictures of the quality signals (section 7, q) in both languages at 80 × 24 and 120 × 36: the month's
signals, one signal's chart, the Pareto, the emerging terms, and the dialogs a lead acts with."""

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable

from .harness import press
from .snapshot_variants import variants
from .test_quality import signals_planted

Snap = Callable[..., bool]


async def sized(pilot: Pilot[Any]) -> None:
    """Wait until the signals' table has its rows measured: a DataTable sizes its columns when idle, and a
    dialog opened before that would stay over a table of cut cells on a loaded machine."""
    table = pilot.app.screen.query_one(DataTable)
    for _ in range(500):  # ten seconds at most
        if table.row_count and not table._require_update_dimensions:
            break
        await pilot.pause(0.02)
    await pilot.pause()


def _open(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def steps(pilot: Pilot[Any]) -> None:
        await press(pilot, "7", "q")
        await sized(pilot)
        for key in keys:
            await press(pilot, key)

    return steps


@variants()
def test_quality_signals(snap_desk: Snap, desk_db: str) -> None:
    signals_planted()
    assert snap_desk("lead01", _open())


@variants()
def test_quality_signal_chart(snap_desk: Snap, desk_db: str) -> None:
    signals_planted()
    assert snap_desk("lead01", _open("enter"))


@variants({"120x36-en": "test_quality_pareto[120x36-en]", "80x24-zh": "test_quality_pareto[80x24-zh]"})
def test_quality_pareto(snap_desk: Snap, desk_db: str) -> None:
    signals_planted()
    assert snap_desk("lead01", _open("p"))


@variants({"120x36-en": "test_quality_terms[120x36-en]", "80x24-zh": "test_quality_terms[80x24-zh]"})
def test_quality_terms(snap_desk: Snap, desk_db: str) -> None:
    signals_planted()
    assert snap_desk("lead01", _open("t"))


@variants({"80x24-zh": "test_quality_rectify_dialog[80x24-zh]", "80x24-en": "test_quality_rectify_dialog[80x24-en]"})
def test_quality_rectify_dialog(snap_desk: Snap, desk_db: str) -> None:
    signals_planted()
    assert snap_desk("lead01", _open("r"))
