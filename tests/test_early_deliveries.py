"""Deliveries before their promised day: recorded as early (neither on time nor late), said so on the
timeline, and counted apart in the delivery figures of reports, the board's shop lines and scorecards."""

from datetime import date, timedelta

from aftersales import i18n
from aftersales.domain.clock import fixed_clock
from aftersales.domain.deliveries import Slot, punctuality
from aftersales.domain.reports.figures import ReportFilters
from aftersales.domain.reports.period import Period, PeriodKind
from aftersales.services.complaints.read import timeline
from aftersales.services.context import Desk
from aftersales.services.deliveries import orders
from aftersales.services.deliveries.quality import shop_delivery_quality
from aftersales.services.reports.operations import delivery_figures
from aftersales.store.models import DeliveryOrder
from aftersales.ui.widgets.timeline import note_text

from .delivery_helpers import NOW, TODAY, TOMORROW, dispatched, investigating


def at(hours: float) -> Desk:
    return Desk(clock=fixed_clock(NOW + timedelta(hours=hours)))


def _run(staff, promised: date, slot: str, out_at: float, done_at: float):
    """An order promised for `promised` `slot`, sent out and completed at the given hours after NOW."""
    op, dc = staff["op01"], staff["dc01"]
    order = dispatched(at(0), op, investigating(at(0), op), promised_date=promised.isoformat(), slot=slot)
    order = orders.accept_order(at(0), dc, order.id, {"crew": "张师傅", "promised_date": order.promised_date,
                                                      "slot": order.slot}, order.version)
    order = orders.dispatch_order(at(out_at), dc, order.id, order.version)
    return orders.complete_order(at(done_at), dc, order.id, {"note": "已签收"}, order.version)


def test_punctuality_is_early_before_the_day_on_time_by_the_slots_end_and_late_after():
    zone = Desk(clock=fixed_clock(NOW)).sla.zone
    assert punctuality(TOMORROW, Slot.AFTERNOON, NOW, zone) is None
    assert punctuality(TODAY, Slot.AFTERNOON, NOW, zone) is True
    assert punctuality(TODAY, Slot.MORNING, NOW + timedelta(hours=3), zone) is False


def test_an_order_delivered_before_its_day_is_early_not_on_time(desk, staff):
    order = _run(staff, TOMORROW, "afternoon", out_at=1, done_at=3)
    stored = DeliveryOrder.get_by_id(order.id)
    assert stored.status == "completed" and stored.on_time is None
    events = [e for e in timeline(order.complaint_id) if e.field == order.number]
    out, completed = events[-2], events[-1]
    for language, words in (("en", ("out for delivery early (promised for 11-28)", "delivered early (promised for 11-28)")),
                            ("zh_CN", ("提前出车（承诺 11-28）", "提前送达（承诺 11-28）"))):
        i18n.set_language(language)
        assert words[0] in note_text(out) and words[1] in note_text(completed)
    i18n.set_language("en")


def test_an_order_of_today_is_on_time_and_says_nothing_of_early(desk, staff):
    order = _run(staff, TODAY, "afternoon", out_at=1, done_at=3)
    assert DeliveryOrder.get_by_id(order.id).on_time is True
    completed = [e for e in timeline(order.complaint_id) if e.field == order.number][-1]
    assert "early" not in note_text(completed) and "late" not in note_text(completed)


def test_early_deliveries_are_counted_apart_from_on_time_in_the_figures(desk, staff):
    _run(staff, TOMORROW, "afternoon", out_at=1, done_at=3)  # early
    _run(staff, TOMORROW, "afternoon", out_at=24, done_at=28)  # on time
    _run(staff, TOMORROW, "morning", out_at=24, done_at=28)  # late: the morning ended at 12:00
    shop = shop_delivery_quality(TOMORROW, TOMORROW)[0]
    assert (shop.completed, shop.on_time, shop.early) == (3, 1, 1)
    assert shop.on_time_rate == 1 / 3
    period = Period(kind=PeriodKind.RANGE, first=TOMORROW, last=TOMORROW)
    figures = delivery_figures(period, ReportFilters())
    assert (figures.completed, figures.on_time, figures.early) == (3, 1, 1)
    assert figures.on_time_rate == 1 / 3
