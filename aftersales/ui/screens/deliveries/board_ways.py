"""A move greyed by the order's state answers with the way forward: the onward moves the order needs
first, each with the board's key for it."""

from collections.abc import Callable

from .... import i18n
from ....domain.deliveries import DeliveryMove, OrderLine, delivery_way


def move_refused(order: OrderLine, move: DeliveryMove, key_of: Callable[[DeliveryMove], str]) -> str:
    """Why `move` is greyed for `order` and, where onward moves lead there, which to make first."""
    steps = delivery_way(order.status, move)
    status = i18n.label(order.status)
    if not steps:
        return i18n.t("deliveries.way.not_now", number=order.number, status=status)
    way = i18n.t("deliveries.way.then").join(
        i18n.t(f"deliveries.way.{step.value}", press=key_of(step)) for step in steps
    )
    return i18n.t("deliveries.way.first", number=order.number, status=status, steps=way)
