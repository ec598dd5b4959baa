"""Pareto of a period's complaints, for the mall, a shop, a brand or a shop category: the complaint categories
or the products that make up 80 % of them, read from the kept daily and monthly summaries
(store/report_summary.py), so a year of a large mall answers in a moment."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from peewee import fn

from ...domain.enums import ShopCategory
from ...domain.errors import DeskError
from ...domain.quality.pareto import CUT, ParetoRow, pareto
from ...store.models import ReportCount, Shop
from ..reports import kept
from ..unit import unit_of_work

SCOPES = ("mall", "shop", "brand", "category")
OF = ("category", "product")


@dataclass(frozen=True)
class ParetoView:
    """The rows of one Pareto, and the complaints they share out (`total`: those with a key; `unnamed`:
    complaints of the period and scope that name no product, left out of a products' Pareto)."""

    period_from: date
    period_to: date
    scope: str
    key: str | None
    of: str
    total: int
    rows: list[ParetoRow]
    unnamed: int = 0
    cut: float = CUT

    @property
    def vital(self) -> list[ParetoRow]:
        return [row for row in self.rows if row.vital]


def _shops(scope: str, key: str | None) -> Any:
    """The shops of the scope as a sub-query of ids, or None for the whole mall; refuses an unknown key."""
    if scope == "mall":
        return None
    if not key:
        raise DeskError("quality_terms.error.no_key", scope=scope)
    if scope == "shop":
        condition = Shop.code == key
    elif scope == "brand":
        condition = (Shop.brand == key) | ((Shop.brand == "") & (Shop.name == key))
    else:
        if key not in {member.value for member in ShopCategory}:
            raise DeskError("quality_terms.error.unknown_shop_category", category=key,
                            categories=", ".join(member.value for member in ShopCategory))
        condition = Shop.category == key
    if scope != "category" and not Shop.select().where(condition).exists():
        raise DeskError(f"quality_terms.error.unknown_{scope}", name=key)
    return Shop.select(Shop.id).where(condition)


def _day(moment: date) -> int:
    return (moment - kept.EPOCH_DAY).days


@unit_of_work
def pareto_for(period_from: date, period_to: date, scope: str, key: str | None, of: str) -> ParetoView:
    """The Pareto of the complaints received from `period_from` to `period_to` (both included, the mall's
    days) in the scope ("mall"; "shop" with a shop code; "brand"; "category" with a shop category), of their
    complaint categories or their products."""
    if scope not in SCOPES:
        raise DeskError("quality_terms.error.bad_scope", scope=scope, scopes=", ".join(SCOPES))
    if of not in OF:
        raise DeskError("quality_terms.error.bad_of", of=of, kinds=", ".join(OF))
    if period_to < period_from:
        raise DeskError("quality_terms.error.bad_range", start=period_from.isoformat(), end=period_to.isoformat())
    shops = _shops(scope, key)
    span = (_day(period_from), _day(period_to) + 1)
    condition = (ReportCount.dimension == ("" if of == "category" else "product")) & kept.grain(ReportCount.day, span)
    if shops is not None:
        condition &= ReportCount.shop_id.in_(shops)
    column = ReportCount.category if of == "category" else ReportCount.code
    received = fn.SUM(ReportCount.received)
    query = ReportCount.select(column, received).where(condition).group_by(column)
    counts = {str(found): int(count or 0) for found, count in query.tuples()}
    unnamed = max(counts.pop("", 0), 0) if of == "product" else 0
    rows = pareto(counts)
    return ParetoView(period_from=period_from, period_to=period_to, scope=scope, key=key, of=of,
                      total=sum(row.count for row in rows), rows=rows, unnamed=unnamed)
