"""Pictures of the quality signals (section 7, q) in both languages at 80 × 24 and 120 × 36: the month's
signals, one signal's chart, the Pareto, the emerging terms, and the dialogs a lead acts with."""

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from .harness import press
from .snapshot_variants import variants
from .test_quality import signals_planted

Snap = Callable[..., bool]


def _open(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def steps(pilot: Pilot[Any]) -> None:
        for key in ("7", "q", *keys):
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
