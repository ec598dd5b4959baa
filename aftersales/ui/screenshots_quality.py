"""The quality signals' pictures for the README: the month's signals, the chart of the planted sofa spike,
and the mall's Pareto (used by `python -m aftersales.ui.screenshots`)."""

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot

Steps = Callable[[Pilot[None], Any], Awaitable[None]]
Press = Callable[..., Awaitable[None]]


def quality_steps(press: Press) -> list[tuple[str, str, Steps, tuple[int, int] | None]]:
    """(name, language, steps, size or None for the default) of each picture, shot as lead01."""

    async def signals(pilot: Pilot[None], app: Any) -> None:
        await press(pilot, app, "7")
        await press(pilot, app, "q")

    async def chart(pilot: Pilot[None], app: Any) -> None:
        await signals(pilot, app)
        await press(pilot, app, "enter")

    async def pareto(pilot: Pilot[None], app: Any) -> None:
        await signals(pilot, app)
        await press(pilot, app, "p")

    return [
        ("signals_zh", "zh_CN", signals, None),
        ("signals_en_80x24", "en", signals, (80, 24)),
        ("signal_chart_en", "en", chart, None),
        ("pareto_zh", "zh_CN", pareto, None),
    ]
