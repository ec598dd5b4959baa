"""Figures from the delivery center and the call-backs: on-time deliveries and customers' satisfaction.

Filled in once the delivery-center tables are part of the desk.
"""

from datetime import datetime

from ...domain.reports.figures import CallbackFigures, DeliveryFigures, ReportFilters
from ...domain.reports.period import Period


def delivery_figures(period: Period, filters: ReportFilters) -> DeliveryFigures:
    return DeliveryFigures()


def callback_figures(start: datetime, end: datetime, filters: ReportFilters) -> CallbackFigures:
    return CallbackFigures()


def service_records(complaint_ids: list[int]) -> dict[int, tuple[str, str, int]]:
    """Per complaint: its delivery orders (as printed), its call-back outcome, money collected on delivery."""
    return {}


def month_operations(start: datetime, end: datetime) -> tuple[int, int, int]:
    """(deliveries completed, pick-ups and returns completed, fen collected on delivery) in the month."""
    return (0, 0, 0)
