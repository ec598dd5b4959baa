"""Section 6's figures: the shop list with every shop's scorecard figures, one shop's scorecard with its
12-month trend, and looking up a document number."""

import statistics
from typing import Any

from ..services.context import Desk
from ..services.documents.read import lookup_number
from ..services.scorecards.figures import month_of, months_up_to, shop_scorecard, shop_scores
from ..store.models import Complaint, Shop
from .core import BenchContext, Row, ms, timed

TARGETS: dict[str, float] = {"scorecard_ms": 300.0}
ROWS = [
    Row("bench.row.shop_list", ("shop_list_ms",), "ms"),  # last month: a whole month of complaints
    Row("bench.row.scorecard", ("scorecard_ms",), "ms", "scorecard_ms"),
    Row("bench.row.document_lookup", ("document_lookup_ms",), "ms"),
]
REPEATS = 3


def measure(ctx: BenchContext) -> dict[str, Any]:
    """The list and the busiest shop's card for the last whole month (median of a few); `scorecard_ms` is the
    slower of the two."""
    zone = Desk().sla.zone
    period = months_up_to(month_of(ctx.now, zone), 2)[0]
    listing = timed(lambda: shop_scores(period, ctx.now, zone), REPEATS)
    busiest = max(shop_scores(period, ctx.now, zone), key=lambda s: s.complaints, default=None)
    code = busiest.shop_code if busiest else Shop.select(Shop.code).scalar()
    if code is None:
        return {"shop_list_ms": ms(statistics.median(listing)), "scorecard_ms": None, "document_lookup_ms": None}
    card = timed(lambda: shop_scorecard(code, period, ctx.now, zone), REPEATS)
    number = (Complaint.select(Complaint.contract_no).where(Complaint.contract_no != "")
              .order_by(Complaint.id.desc()).scalar()) or "HT00000000001"
    lookups = timed(lambda: lookup_number(number), REPEATS * 5)
    list_ms, card_ms = ms(statistics.median(listing)), ms(statistics.median(card))
    return {"shop_list_ms": list_ms, "scorecard_ms": max(list_ms, card_ms), "scorecard_card_ms": card_ms,
            "document_lookup_ms": ms(statistics.median(lookups))}
