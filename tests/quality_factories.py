"""Monthly complaint counts and issued sales documents written straight to the summaries and the document
moves, so a quality series can be laid out month by month in a test."""

from datetime import UTC, date, datetime, timedelta

from aftersales.store.models import DocumentMoveRecord, ReportCount, Shop


def months_back(last: str, count: int) -> list[str]:
    """`count` months ending with `last` ("YYYY-MM"), oldest first."""
    year, month = (int(part) for part in last.split("-"))
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def put_shop(code: str, name: str, category: str, brand: str = "") -> None:
    Shop.create(code=code, name=name, unit="Z-1", category=category, brand=brand)


def put_months(shop: str, last: str, counts: list[int], category: str = "product_quality") -> None:
    """Complaints received by `shop` in the months ending with `last`, as the summaries' month rows."""
    shop_id = Shop.get(Shop.code == shop).id
    for month, count in zip(months_back(last, len(counts)), counts, strict=True):
        if count:
            year, number = (int(part) for part in month.split("-"))
            # The month's row (-YYYYMM) and, as the triggers keep them, its days' rows: all on the 1st here.
            for day in (-(year * 100 + number), (date(year, number, 1) - date(1970, 1, 1)).days):
                ReportCount.insert(day=day, shop_id=shop_id, category=category, dimension="", code="",
                                   received=count).execute()


def put_issues(shop: str, last: str, documents: list[int], kind: str = "contract") -> None:
    """Sales documents issued to `shop` on the 5th of each month ending with `last`."""
    shop_id = Shop.get(Shop.code == shop).id
    first = 1000 * shop_id * 100
    for month, issued in zip(months_back(last, len(documents)), documents, strict=True):
        if issued:
            year, number = (int(part) for part in month.split("-"))
            at = datetime(year, number, 5, 2, tzinfo=UTC) - timedelta(hours=8)
            DocumentMoveRecord.create(kind=kind, move="issue", first=first, last=first + issued - 1, shop=shop_id,
                                      at=at)
            first += issued
