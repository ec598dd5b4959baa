"""Section 6's pictures for the README: the ranked shop list, a scorecard, the sales documents, a shop's
visits and a referral's replies (used by `python -m aftersales.ui.screenshots`)."""

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from textual.pilot import Pilot

from ..services.partners.referrals import latest_answered_referral
from ..services.supervision.visits import first_overdue_shop

Steps = Callable[[Pilot[None], Any], Awaitable[None]]
Press = Callable[..., Awaitable[None]]


def shop_steps(press: Press) -> list[tuple[str, str, Steps, tuple[int, int] | None]]:
    """(name, language, steps, size or None for the default) of each picture, shot as lead01."""

    async def ranking(pilot: Pilot[None], app: Any) -> None:
        await press(pilot, app, "6")
        await press(pilot, app, "s")

    async def scorecard(pilot: Pilot[None], app: Any) -> None:
        await ranking(pilot, app)
        await press(pilot, app, "enter")

    async def documents(pilot: Pilot[None], app: Any) -> None:
        await press(pilot, app, "6")
        await press(pilot, app, "d")

    async def visits(pilot: Pilot[None], app: Any) -> None:
        code = first_overdue_shop(datetime(2026, 11, 27, tzinfo=UTC).date()) or "S001"
        await press(pilot, app, "6")
        codes = [entry.code for entry in app.screen.entries]
        await press(pilot, app, *["down"] * codes.index(code))
        await press(pilot, app, "v")

    async def referral(pilot: Pilot[None], app: Any) -> None:
        complaint_id = latest_answered_referral()
        assert complaint_id is not None, "the demo database holds an answered referral"
        app.open_complaint(complaint_id)
        await press(pilot, app)
        await press(pilot, app, "y")

    return [
        ("shop_list_en", "en", ranking, None),
        ("shop_list_zh_80x24", "zh_CN", ranking, (80, 24)),
        ("scorecard_en", "en", scorecard, None),
        ("scorecard_zh", "zh_CN", scorecard, None),
        ("documents_en", "en", documents, None),
        ("documents_zh_80x24", "zh_CN", documents, (80, 24)),
        ("visits_zh", "zh_CN", visits, None),
        ("referral_en", "en", referral, None),
    ]
