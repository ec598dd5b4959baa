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
