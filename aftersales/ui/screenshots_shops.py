"""Section 6's pictures for the README: the ranked shop list, a scorecard, the sales documents, a shop's
visits and a referral's replies (used by `python -m aftersales.ui.screenshots`)."""

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from textual.pilot import Pilot

from ..store.db import connection
from ..store.models import Referral, Shop, SupervisionVisit

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
        with connection():
            today = datetime(2026, 11, 27, tzinfo=UTC).date()
            late = (SupervisionVisit.select(SupervisionVisit.shop).where(
                (SupervisionVisit.state == "open") & (SupervisionVisit.due_on < today)).order_by(SupervisionVisit.id)
                .first())
            code = Shop.get_by_id(late.shop_id).code if late else "S001"
        await press(pilot, app, "6")
        codes = [entry.code for entry in app.screen.entries]
        await press(pilot, app, *["down"] * codes.index(code))
        await press(pilot, app, "v")

    async def referral(pilot: Pilot[None], app: Any) -> None:
        with connection():
            row = Referral.select(Referral.complaint).where(Referral.state == "answered").order_by(Referral.id.desc()).first()
        app.open_complaint(row.complaint_id)
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
