"""The demo's sales documents: the contract forms, receipt books and price tags issued to every shop over
the demo's months.

Each shop has its own blocks, so the numbers the demo's complaints carry (see demo/complaints.py) look
up to the shop they were issued to: contract forms HT<month><shop block of 1,000>, receipt books
XS<shop block of 100,000>, both issued on the 1st of every month in proportion to the shop's size (see
demo/volumes.py: these issues are the denominator of complaints per 1,000 sales documents); price tags
in blocks of 20,000, issued once at the start. Older numbers are partly used, a few voided, lost or
returned. The moves are replayed through the same range arithmetic as the desk's, so the stored ranges
are what the desk itself would store.
"""

import random
import sqlite3
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..domain.documents.enums import DocumentKind, DocumentMove
from ..domain.documents.ranges import Segment, clashes, moved
from .volumes import ShopKey, document_volumes

RECEIPT_BLOCK = 100_000
TAG_BLOCK = 20_000
K = DocumentKind
M = DocumentMove


@dataclass
class Ledger:
    """The segments of one kind, sorted and disjoint, and the moves that made them."""

    kind: DocumentKind
    segments: list[Segment] = field(default_factory=list)
    moves: list[tuple[object, ...]] = field(default_factory=list)

    def apply(self, move: DocumentMove, first: int, last: int, shop_id: int | None, at: datetime,
              actor_id: int) -> None:
        starts = [s.first for s in self.segments]
        low = max(bisect_right(starts, first) - 1, 0)
        high = bisect_right(starts, last)
        touched = [s for s in self.segments[low:high] if s.last >= first and s.first <= last]
        if clashes(touched, first, last, move, shop_id):
            return  # the demo never forces an impossible move; it just skips it
        kept = [s for s in self.segments[low:high] if s not in touched]
        self.segments[low:high] = sorted(kept + moved(touched, first, last, move, shop_id, at), key=lambda s: s.first)
        self.moves.append((self.kind.value, move.value, first, last, shop_id, int(at.timestamp()), actor_id, ""))


def play_documents(shops: list[ShopKey], shop_ids: list[int], today: date, zone: ZoneInfo, lead_id: int,
                   seed: int) -> list[Ledger]:
    """The moves of the demo's months for every kind, oldest first; `shop_ids` in the order the complaints
    index them, `shops` their codes and brands."""
    volumes = document_volumes(shops, today, seed)
    rng = random.Random(f"documents-{seed}")
    contracts, receipts, tags = Ledger(K.CONTRACT), Ledger(K.RECEIPT), Ledger(K.PRICE_TAG)
    start = datetime.combine(volumes.months[0], time(9, 0), zone)
    receipts.apply(M.RECEIVE, 0, len(shop_ids) * RECEIPT_BLOCK - 1, None, start, lead_id)
    tags.apply(M.RECEIVE, 0, len(shop_ids) * TAG_BLOCK * 2 - 1, None, start, lead_id)
    for index, shop_id in enumerate(shop_ids):
        tags.apply(M.ISSUE, index * TAG_BLOCK, index * TAG_BLOCK + TAG_BLOCK - 1, shop_id, start + timedelta(hours=1),
                   lead_id)
    books = [(index * RECEIPT_BLOCK, 0) for index in range(len(shop_ids))]  # each shop's last issue: first, size
    for number, month in enumerate(volumes.months):
        back = len(volumes.months) - 1 - number
        at = datetime.combine(month, time(9, 30), zone)
        base = int(f"{month:%Y%m}") * 100_000
        contracts.apply(M.RECEIVE, base, base + 99_999, None, at, lead_id)
        for index, shop_id in enumerate(shop_ids):
            first = base + index * 1000
            # A shop takes forms by its sales; the complaints' numbers come from the first 500 of them.
            issued = volumes.contracts[number][index]
            contracts.apply(M.ISSUE, first, first + issued - 1, shop_id, at + timedelta(minutes=index), lead_id)
            if back >= 1:  # last month's forms are mostly used by now, a few voided
                used = int(issued * (0.6 + rng.random() * 0.35))
                contracts.apply(M.USE, first, first + used - 1, shop_id, at + timedelta(days=28), lead_id)
                if rng.random() < 0.3:
                    contracts.apply(M.VOID, first + used, first + used + 2, shop_id, at + timedelta(days=29), lead_id)
        for index, shop_id in enumerate(shop_ids):  # a month's receipt books, after the last month's
            earlier, size = books[index]
            first, issued = earlier + size, volumes.receipts[number][index]
            receipts.apply(M.ISSUE, first, first + issued - 1, shop_id, at + timedelta(hours=2), lead_id)
            books[index] = (first, issued)
            if size:
                used = int(size * (0.6 + rng.random() * 0.35))
                receipts.apply(M.USE, earlier, earlier + used - 1, shop_id, at + timedelta(hours=3), lead_id)
                if rng.random() < 0.15:
                    receipts.apply(M.LOSE, earlier + used, earlier + used + 49, shop_id, at + timedelta(hours=4),
                                   lead_id)
                elif rng.random() < 0.2:
                    receipts.apply(M.RETURN, first - 100, first - 1, shop_id, at + timedelta(hours=4), lead_id)
    return [contracts, receipts, tags]


def write_documents(conn: sqlite3.Connection, ledgers: list[Ledger]) -> None:
    conn.execute("BEGIN")
    for ledger in ledgers:
        conn.executemany(
            "INSERT INTO document_range (kind, first, last, state, shop_id, since) VALUES (?, ?, ?, ?, ?, ?)",
            [(ledger.kind.value, s.first, s.last, s.state.value, s.shop_id, int(s.since.astimezone(UTC).timestamp()))
             for s in ledger.segments])
        conn.executemany(
            "INSERT INTO document_move (kind, move, first, last, shop_id, at, actor_id, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ledger.moves)
    conn.execute("COMMIT")
