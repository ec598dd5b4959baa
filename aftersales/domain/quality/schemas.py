"""What the quality-signal services take and return."""

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from ..schemas import CleanStr, Input, View


class SignalState(StrEnum):
    """Where a signal stands: nobody has acted on it yet, a lead acknowledged it, or it went to the shop."""

    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    RECTIFICATION = "rectification"


class Scope(StrEnum):
    """What a series follows: one shop (key: its code), one brand, or one product category of shops."""

    SHOP = "shop"
    BRAND = "brand"
    CATEGORY = "category"


class ComputeResult(View):
    """One computation of a period: how many series had limits to judge it by, what broke a rule, and
    how many of those were not stored before."""

    period: str
    grain: str = "month"
    series: int
    found: int
    new: int


class SignalView(View):
    id: int
    period: str
    grain: str
    scope: str
    key: str
    label: str
    rule: str
    chart: str
    laney: bool
    why: str
    sigma_z: float = 0.0
    periods: int = 0
    value: float
    centre: float
    lower: float
    upper: float
    count: int
    exposure: float | None
    since: str
    computed_at: datetime | None = None
    state: str
    note: str
    acted_by: str | None
    acted_at: datetime | None
    visit_id: int | None
    version: int


class ChartPoint(View):
    """One period of a signal's chart: its value (None when the period has no point) and its limits."""

    period: str
    value: float | None
    lower: float
    upper: float
    centre: float
    count: int = 0
    exposure: float | None = None


class SignalDetail(View):
    view: SignalView
    points: list[ChartPoint]
    complaint_filter: dict[str, object]
    complaint_ids: list[int]


class SignalNote(Input):
    """What a lead writes when acknowledging a signal or sending it to a shop."""

    note: CleanStr = Field(min_length=2, max_length=1000)
