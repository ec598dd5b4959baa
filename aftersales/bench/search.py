"""The search box's figures: every kind of term an operator types, each timed on its own.

`search_p95_ms` is the worst kind's p95 (first pages, and the pages that follow them); each kind's own
figures are `search_<kind>_p50_ms`, `search_<kind>_p95_ms` and `search_<kind>_hits` (rows on its first
page), with the term in `search_terms`.
"""

from typing import Any

from ..services.complaints.queue import QueueFilter, queue_page
from ..store.models import Complaint, Customer
from .core import BenchContext, Row, ms, percentile, timed

TARGETS: dict[str, float] = {"search_p95_ms": 30.0}
ROWS = [Row("bench.row.search", ("search_p50_ms", "search_p95_ms"), "ms", "search_p95_ms", "p95 ≤")]
# Words, by kind; which are common, rare or absent is as counted in the 1,000,000-complaint demo.
WORDS = {
    "one_common": "要",  # in nine complaints out of ten
    "one_rare": "勇",  # a given name's character: about one complaint in six hundred
    "one_absent": "鲲",
    "one_latin": "e",
    "two_common": "沙发",
    "two_name": "王芳",  # a customer's name
    "two_rare": "丁倩",  # a rarer name: a few dozen complaints
    "two_absent": "鲲鹏",
    "two_latin": "re",
    "two_latin_absent": "ab",
    "three_common": "桌面开裂",
    "three_absent": "不存在的词",
    "english": "refund",
}
REPEATS = 20
# Pages that follow a first page: timed for the kinds whose first page is full.
NEXT_REPEATS = 5


def measure(ctx: BenchContext) -> dict[str, Any]:
    actor, now = ctx.actor, ctx.now
    terms = dict(WORDS)
    terms.update(_phone_and_number())
    figures: dict[str, Any] = {"search_terms": terms}
    every: list[float] = []
    worst = ("", -1.0)
    later: list[float] = []
    for kind, term in terms.items():
        filt = QueueFilter(search=term)
        first = queue_page(actor, filt, now=now)  # warm-up, and the hits it shows
        values = timed(lambda f=filt: queue_page(actor, f, now=now), REPEATS)  # type: ignore[misc]
        if first.more and first.cursor is not None:
            cursor = first.cursor
            later += timed(lambda f=filt, c=cursor: queue_page(actor, f, after=c, now=now),  # type: ignore[misc]
                           NEXT_REPEATS)
        every += values
        p95 = ms(percentile(values, 0.95))
        figures[f"search_{kind}_hits"] = len(first.rows)
        figures[f"search_{kind}_p50_ms"] = ms(percentile(values, 0.5))
        figures[f"search_{kind}_p95_ms"] = p95
        worst = max(worst, (kind, p95), key=lambda pair: pair[1])
    if later:
        figures["search_next_p95_ms"] = ms(percentile(later, 0.95))
        worst = max(worst, ("next", figures["search_next_p95_ms"]), key=lambda pair: pair[1])
    figures["search_p50_ms"] = ms(percentile(every, 0.5))
    figures["search_p95_ms"] = worst[1]
    figures["search_worst"] = worst[0]
    return figures


def _phone_and_number() -> dict[str, str]:
    """A real customer's phone (whole, its last four and last eight digits) and a real complaint number,
    from the complaint in the middle of the table."""
    middle = Complaint.select(Complaint.id).order_by(Complaint.id.desc()).offset(
        Complaint.select().count() // 2).limit(1).scalar()
    if middle is None:
        return {}
    number, phone = (Complaint.select(Complaint.number, Customer.phone)
                     .join(Customer, on=(Complaint.customer == Customer.id))
                     .where(Complaint.id == middle).tuples().get())
    digits = "".join(ch for ch in phone if ch.isdigit())
    return {"phone": phone, "phone_tail": digits[-4:], "phone_tail_long": f"{digits[-8:-4]} {digits[-4:]}",
            "number": number}
