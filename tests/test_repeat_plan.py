"""A shop's repeat flag is read from the (shop, receipt time, category) index alone: on a million
complaints a read through the receipt-time index visited a whole month of complaints in the table."""

from datetime import date

from aftersales.services.context import Desk
from aftersales.services.escalations.repeat import flagged_shops
from aftersales.store.models import database

from .factories import new_complaint
from .query_plans import statements


def test_every_repeat_read_uses_the_covering_index(db_path, desk, staff) -> None:
    for n in range(3):
        new_complaint(desk, staff["op01"], phone=f"1390000000{n}")
    with statements() as seen:
        flagged = flagged_shops(Desk().sla.zone, date(2026, 11, 27))
    assert list(flagged.values()) == [[flagged[next(iter(flagged))][0]]]  # one shop, one category flagged
    reads = [(sql, params) for sql, params in seen if "GROUP BY" in sql]
    assert reads, "the flags were not read with a grouped query"
    for sql, params in reads:
        plan = " ".join(str(row[-1]) for row in database.obj.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "COVERING INDEX complaint_shop_created_category" in plan, plan
