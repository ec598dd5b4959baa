"""Where Peewee rows become the views that leave the store: one module per subject."""

from .callbacks import attempt_view
from .core import complaint_view, customer_view, event_view, shop_view, staff_view
from .deliveries import order_view

__all__ = ["attempt_view", "complaint_view", "customer_view", "event_view", "order_view", "shop_view", "staff_view"]
