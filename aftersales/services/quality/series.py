"""The series the quality signals chart: complaints per shop, brand and shop category per month (or ISO
week), read from the reports' summaries, and the sales documents issued to those shops as the denominator.

Sales documents are the contracts and sales slips (receipts) issued to a shop; price tags are not sales.
Their numbers count in the month of the local day they were issued; weekly series have no denominator (the
documents go out in monthly batches) and are charted as counts.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from peewee import fn

from ...domain.documents.enums import DocumentKind, DocumentMove
from ...domain.quality import periods
from ...domain.quality.control import BASELINE_PERIODS, Point
from ...domain.quality.schemas import Scope
from ...domain.reports.buckets import DAY_SECONDS, LOCAL_OFFSET_SECONDS
from ...store.fields import to_epoch
from ...store.models import DocumentMoveRecord, ReportCount, Shop

SALES_DOCUMENTS = (DocumentKind.CONTRACT.value, DocumentKind.RECEIPT.value)
EPOCH_DAY = date(1970, 1, 1)


@dataclass
class Series:
    """One scope's key over the window: complaints and documents per period (oldest first), its shops."""

    scope: str
    key: str
    label: str
    shop_ids: list[int] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    documents: list[int] = field(default_factory=list)

    first: int = 0
    """The window's first period the desk holds complaints for: the periods before it are not periods
    without complaints."""

    def points(self, names: list[str]) -> list[Point]:
        """The window's points from the series' first period holding a complaint or a document (a younger
        series has a shorter baseline), never before the desk's first; exposure in thousands of documents."""
        start = next((index for index, (count, issued) in enumerate(zip(self.counts, self.documents, strict=True))
                      if index >= self.first and (count or issued)), len(names))
        return [Point(names[index], self.counts[index], self.documents[index] / 1000.0)
                for index in range(start, len(names))]


@dataclass(frozen=True)
class ShopFacts:
    code: str
    name: str
    brand: str
    category: str

    def key(self, scope: str) -> str:
        if scope == Scope.SHOP:
            return self.code
        if scope == Scope.BRAND:
            return self.brand or self.name
        return self.category


def _day_number(day: date) -> int:
    return (day - EPOCH_DAY).days


def local_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(seconds=LOCAL_OFFSET_SECONDS)


def shop_facts() -> dict[int, ShopFacts]:
    rows = Shop.select(Shop.id, Shop.code, Shop.name, Shop.brand, Shop.category).tuples()
    return {int(row[0]): ShopFacts(str(row[1]), str(row[2]), str(row[3] or ""), str(row[4])) for row in rows}


def _index_of(firsts: list[date], grain: str) -> dict[int, int]:
    """Summary `day` value → window index: -YYYYMM month rows, or each local day of the weeks."""
    if grain == periods.MONTH:
        return {-(first.year * 100 + first.month): index for index, first in enumerate(firsts)}
    return {_day_number(first) + offset: index for index, first in enumerate(firsts) for offset in range(7)}


def _complaints(firsts: list[date], grain: str, shop_ids: list[int] | None) -> dict[int, list[int]]:
    index_of = _index_of(firsts, grain)
    condition = (ReportCount.dimension == "") & ReportCount.day.between(min(index_of), max(index_of))
    if shop_ids is not None:
        condition &= ReportCount.shop_id.in_(shop_ids)
    query = (ReportCount.select(ReportCount.shop_id, ReportCount.day, fn.SUM(ReportCount.received))
             .where(condition).group_by(ReportCount.shop_id, ReportCount.day).tuples())
    out: dict[int, list[int]] = {}
    for shop_id, day, received in query:
        index = index_of.get(int(day))
        if index is not None and received:
            out.setdefault(int(shop_id), [0] * len(firsts))[index] += int(received)
    return out


def _documents(firsts: list[date], grain: str, shop_ids: list[int] | None) -> dict[int, list[int]]:
    after = periods.following(firsts[-1], grain)
    condition = ((DocumentMoveRecord.move == DocumentMove.ISSUE.value)
                 & DocumentMoveRecord.kind.in_(SALES_DOCUMENTS) & DocumentMoveRecord.shop.is_null(False)
                 & (DocumentMoveRecord.at >= local_start(firsts[0])) & (DocumentMoveRecord.at < local_start(after)))
    if shop_ids is not None:
        condition &= DocumentMoveRecord.shop.in_(shop_ids)
    query = (DocumentMoveRecord.select(DocumentMoveRecord.shop, DocumentMoveRecord.at, DocumentMoveRecord.first,
                                       DocumentMoveRecord.last).where(condition).tuples())
    starts = [_day_number(first) for first in firsts]
    out: dict[int, list[int]] = {}
    for shop_id, at, first, last in query:
        day = (to_epoch(at) + LOCAL_OFFSET_SECONDS) // DAY_SECONDS
        index = max(position for position, start in enumerate(starts) if start <= day)
        out.setdefault(int(shop_id), [0] * len(firsts))[index] += int(last) - int(first) + 1
    return out


def first_period(firsts: list[date]) -> int:
    """The index in the window of the first period the summaries hold whole: a period that began before the
    desk's first complaint (read by key from the day rows) is not a period of few complaints."""
    earliest = ReportCount.select(fn.MIN(ReportCount.day)).where(ReportCount.day >= 0).scalar()
    if earliest is not None:
        start = EPOCH_DAY + timedelta(days=int(earliest))
    else:  # month rows alone (summaries written by hand): their earliest month
        month = ReportCount.select(fn.MAX(ReportCount.day)).where(ReportCount.day < 0).scalar()
        if month is None:
            return len(firsts)
        start = date(-int(month) // 100, -int(month) % 100, 1)
    return sum(1 for first in firsts if first < start)


def window_names(period: str, grain: str) -> tuple[list[date], list[str]]:
    """The first days and names of the baseline periods and `period`, oldest first."""
    firsts = periods.window(period, grain, BASELINE_PERIODS)
    return firsts, [periods.name(first, grain) for first in firsts]


def read_series(period: str, grain: str, scope: str | None = None, key: str | None = None) -> list[Series]:
    """Every series (or the one of `scope` and `key`) over `period` and the periods before it."""
    firsts, _ = window_names(period, grain)
    facts = shop_facts()
    wanted = None
    if scope is not None and key is not None:
        wanted = [shop_id for shop_id, shop in facts.items() if shop.key(scope) == key]
    complaints = _complaints(firsts, grain, wanted)
    # Documents are issued in monthly batches (receipts quarterly): a week's issues say nothing of its sales,
    # so weekly series are counted on c-charts.
    documents = _documents(firsts, grain, wanted) if grain == periods.MONTH else {}
    empty = [0] * len(firsts)
    first = first_period(firsts)
    found: dict[tuple[str, str], Series] = {}
    for shop_id in sorted(set(complaints) | set(documents)):
        shop = facts.get(shop_id)
        if shop is None:
            continue
        for each in ([scope] if scope is not None else [value.value for value in Scope]):
            series_key = shop.key(each)
            if key is not None and series_key != key:
                continue
            label = shop.name if each == Scope.SHOP else series_key
            series = found.setdefault((each, series_key), Series(each, series_key, label, [], list(empty),
                                                                  list(empty), first))
            series.shop_ids.append(shop_id)
            for index, count in enumerate(complaints.get(shop_id, empty)):
                series.counts[index] += count
            for index, issued in enumerate(documents.get(shop_id, empty)):
                series.documents[index] += issued
    return list(found.values())
