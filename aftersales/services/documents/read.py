"""Reading the sales documents: where a number is, the ranges a shop holds, the stock report, recent moves."""

from peewee import fn

from ...domain.documents.enums import DocumentKind, NumberState
from ...domain.documents.numbers import LARGEST, parse_number, written
from ...domain.documents.schemas import MoveView, NumberLookup, StockLine
from ...store.converters.documents import move_views
from ...store.models import DocumentMoveRecord, DocumentRange, Shop
from ..unit import unit_of_work

RECENT_MOVES = 200


@unit_of_work
def lookup_number(text: str, kind: DocumentKind | None = None) -> list[NumberLookup]:
    """Where the number written `text` is (one answer per kind that knows it); empty when no range holds it.

    A prefix (HT, XS, JQ) names the kind; bare digits are looked up in every kind, or in `kind` when given.
    """
    parsed = parse_number(text)
    if parsed is None or parsed[1] > LARGEST:
        return []
    named, number = parsed
    if named is not None and kind is not None and named is not kind:
        return []
    kinds = [named or kind] if (named or kind) else list(DocumentKind)
    out = []
    for each in kinds:
        assert each is not None
        found = _lookup(each, number)
        if found is not None:
            out.append(found)
    return out


def _lookup(kind: DocumentKind, number: int) -> NumberLookup | None:
    row = (DocumentRange.select().where((DocumentRange.kind == kind.value) & (DocumentRange.first <= number))
           .order_by(DocumentRange.first.desc()).first())
    if row is None or row.last < number:
        return None
    shop = Shop.get_or_none(Shop.id == row.shop_id) if row.shop_id else None
    moves = (DocumentMoveRecord.select()
             .where((DocumentMoveRecord.kind == kind.value) & (DocumentMoveRecord.first <= number)
                    & (DocumentMoveRecord.last >= number))
             .order_by(DocumentMoveRecord.at, DocumentMoveRecord.id))
    return NumberLookup(
        kind=kind, number=number, written=written(kind, number), state=NumberState(row.state),
        shop_code=shop.code if shop else "", shop_name=shop.name if shop else "", since=row.since,
        history=move_views(list(moves)),
    )


@unit_of_work
def stock_report(kind: DocumentKind | None = None) -> list[StockLine]:
    """Numbers per kind and holder (the desk first, then shops by code), counted by state."""
    count = (DocumentRange.last - DocumentRange.first + 1)
    query = (DocumentRange.select(DocumentRange.kind, DocumentRange.shop, DocumentRange.state,
                                  fn.SUM(count).alias("numbers"))
             .group_by(DocumentRange.kind, DocumentRange.shop, DocumentRange.state))
    if kind is not None:
        query = query.where(DocumentRange.kind == kind.value)
    shops = {s.id: (s.code, s.name) for s in Shop.select(Shop.id, Shop.code, Shop.name)}
    lines: dict[tuple[str, int | None], dict[NumberState, int]] = {}
    for row in query.tuples():
        kind_value, shop_id, state, numbers = row
        lines.setdefault((kind_value, shop_id), {})[NumberState(state)] = int(numbers)
    order = [k.value for k in DocumentKind]

    def key(item: tuple[str, int | None]) -> tuple[int, str]:
        return order.index(item[0]), shops.get(item[1], ("", ""))[0] if item[1] else ""

    out = []
    for kind_value, shop_id in sorted(lines, key=key):
        code, name = shops.get(shop_id, ("", "")) if shop_id else ("", "")
        counts = {state: lines[(kind_value, shop_id)].get(state, 0) for state in NumberState}
        out.append(StockLine(kind=DocumentKind(kind_value), shop_code=code, shop_name=name, counts=counts))
    return out


@unit_of_work
def recent_moves(limit: int = RECENT_MOVES, shop_code: str = "") -> list[MoveView]:
    """The latest moves, newest first (a shop's only when `shop_code` is given)."""
    query = DocumentMoveRecord.select().order_by(DocumentMoveRecord.at.desc(), DocumentMoveRecord.id.desc())
    if shop_code:
        query = query.join(Shop).where(Shop.code == shop_code.upper())
    return move_views(list(query.limit(limit)))


@unit_of_work
def number_on_complaint(text: str, kind: DocumentKind) -> NumberLookup | None:
    """Where a contract or receipt number typed at intake is, or None when no range of `kind` holds it."""
    if not text.strip():
        return None
    found = lookup_number(text, kind)
    return found[0] if found else None
