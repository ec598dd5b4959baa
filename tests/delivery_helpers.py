"""Building blocks for delivery and call-back tests: a complaint under investigation, an order for it."""

from datetime import date, timedelta
from typing import Any

from aftersales.domain.deliveries import DeliveryOrderView
from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.schemas import ComplaintView, StaffView
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from aftersales.services.deliveries import orders

from .factories import NOW, new_complaint

TODAY = date(2026, 11, 27)  # NOW is 10:00 on this day in Shanghai
TOMORROW = TODAY + timedelta(days=1)


def investigating(desk: Desk, operator: StaffView, **overrides: object) -> ComplaintView:
    """A new complaint taken by `operator`, acknowledged and under investigation."""
    view = new_complaint(desk, operator, **overrides)
    view = actions.acknowledge(desk, operator, view.id, view.version)
    return actions.change_status(desk, operator, view.id, ComplaintStatus.INVESTIGATING, view.version)


def order_data(**overrides: object) -> dict[str, Any]:
    """A valid order for tomorrow afternoon, changed by `overrides`."""
    data: dict[str, Any] = {
        "kind": "redeliver",
        "address": "上海市浦东新区锦绣路1001弄5号602室",
        "contact_name": "赵敏",
        "contact_phone": "13812345678",
        "items": "布艺沙发 1 件",
        "promised_date": TOMORROW.isoformat(),
        "slot": "afternoon",
        "notes": "",
    }
    data.update(overrides)
    return data


def dispatched(desk: Desk, operator: StaffView, complaint: ComplaintView, **overrides: object) -> DeliveryOrderView:
    """An order the operator dispatched for `complaint` (read at its current version)."""
    from aftersales.services.complaints.read import get_complaint

    current = get_complaint(complaint.id)
    return orders.create_order(desk, operator, complaint.id, order_data(**overrides), current.version)


def delivered(desk: Desk, dispatcher: StaffView, order: DeliveryOrderView, crew: str = "张师傅") -> DeliveryOrderView:
    """Accept, send out and complete `order` as the dispatcher."""
    order = orders.accept_order(desk, dispatcher, order.id, {"crew": crew, "promised_date": order.promised_date,
                                                            "slot": order.slot}, order.version)
    order = orders.dispatch_order(desk, dispatcher, order.id, order.version)
    return orders.complete_order(desk, dispatcher, order.id, {"note": "客户已签收"}, order.version)


__all__ = ["NOW", "TODAY", "TOMORROW", "delivered", "dispatched", "investigating", "order_data"]
