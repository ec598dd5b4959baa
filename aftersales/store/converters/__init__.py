"""Where Peewee rows become the views that leave the store: one module per subject."""

from .core import complaint_view, customer_view, event_view, shop_view, staff_view

__all__ = ["complaint_view", "customer_view", "event_view", "shop_view", "staff_view"]
