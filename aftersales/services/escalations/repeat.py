"""The shop "repeat" flag: three or more complaints of one category about a shop within 30 days."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from peewee import SQL, fn

from ...domain.enums import Category
from ...store.models import Complaint, Shop
from ..context import Desk
from ..unit import unit_of_work

REPEAT_COUNT = 3
REPEAT_DAYS = 30


def _window(zone: ZoneInfo, on: date) -> tuple[datetime, datetime]:
    """The 30 local days ending with `on` (inclusive)."""
    end = datetime.combine(on + timedelta(days=1), time(0, 0), zone)
    return end - timedelta(days=REPEAT_DAYS), end


def repeat_shops(desk: Desk, on: date, shop_id: int | None = None) -> dict[int, list[Category]]:
    """Shops flagged on `on`: shop id → the categories with ≥ 3 complaints in the 30 days up to it
    (days of the desk's SLA time zone). With `shop_id`, only that shop."""
    return flagged_shops(desk.sla.zone, on, shop_id)


def flagged_shops(zone: ZoneInfo, on: date, shop_id: int | None = None) -> dict[int, list[Category]]:
    """`repeat_shops` for the local days of `zone`.

    One grouped read per shop through the (shop, receipt time, category) index: each reads only that
    shop's 30 days from the index, where one read over every shop would visit all complaints of the
    window in the table.
    """
    start, end = _window(zone, on)
    shops = [shop_id] if shop_id is not None else [shop.id for shop in Shop.select(Shop.id).order_by(Shop.id)]
    flagged: dict[int, list[Category]] = {}
    for shop in shops:
        query = (
            Complaint.select(Complaint.category)
            .where((Complaint.shop == shop) & (Complaint.created_at >= start) & (Complaint.created_at < end))
            .group_by(Complaint.category)
            .having(fn.COUNT(SQL("*")) >= REPEAT_COUNT)
            .order_by(Complaint.category)
            .tuples()
        )
        categories = [Category(category) for (category,) in query]
        if categories:
            flagged[int(shop)] = categories
    return flagged


@unit_of_work
def shop_repeat(desk: Desk, shop_id: int, on: date) -> list[Category]:
    """The categories that flag one shop on `on` (empty when it is not flagged)."""
    return repeat_shops(desk, on, shop_id).get(shop_id, [])
