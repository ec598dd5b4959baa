"""What the reports section shows for a period: counts, times, money and rates, as plain values."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, computed_field

from ..enums import Category, ShopCategory
from .period import Period


class _View(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class ReportFilters(_View):
    """Optional narrowing of every figure: one shop, one shop category, one complaint category."""

    shop_id: int | None = None
    shop_category: ShopCategory | None = None
    category: Category | None = None


class Count(_View):
    """How many of one kind (a category, a channel, a product...); `label` is shown as it is when set."""

    key: str
    count: int
    label: str = ""


class TimeStats(_View):
    """Median and 90th percentile of a duration, in minutes, over `count` complaints."""

    count: int = 0
    median: float | None = None
    p90: float | None = None


class SlaRow(_View):
    """Acknowledgement and resolution times and SLA breaches of the complaints received in one group."""

    key: str
    label: str = ""
    received: int = 0
    ack: TimeStats = TimeStats()
    resolve: TimeStats = TimeStats()
    breached: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def breach_rate(self) -> float | None:
        return self.breached / self.received if self.received else None


class Money(_View):
    """Money paid out on complaints resolved in the period, in fen, summed exactly."""

    compensation_fen: int = 0
    refund_fen: int = 0
    paid_complaints: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_fen(self) -> int:
        return self.compensation_fen + self.refund_fen


class CallbackFigures(_View):
    """Call-backs finished in the period: by outcome, and the average satisfaction given (1–5)."""

    by_outcome: list[Count] = []
    scored: int = 0
    satisfaction_sum: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def finished(self) -> int:
        return sum(item.count for item in self.by_outcome)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def satisfaction(self) -> float | None:
        return self.satisfaction_sum / self.scored if self.scored else None


class DeliveryFigures(_View):
    """Delivery orders promised in the period and completed: how many on time, and how many early (before
    their promised day: not on time, and not late either)."""

    completed: int = 0
    on_time: int = 0
    early: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.completed if self.completed else None


class PenaltyFigures(_View):
    """Violations confirmed in the period (and not waived or overturned since), with their amounts."""

    confirmed: int = 0
    amount_fen: int = 0


class TrendPoint(_View):
    """Complaints received in one day or month of the period, and how many of them breached their SLA."""

    label: str
    received: int = 0
    breached: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def breach_rate(self) -> float | None:
        return self.breached / self.received if self.received else None


class ReportFigures(_View):
    """Every figure of one period; the breakdown lists are empty for a headline-only read.

    `measured_at` is the moment open work was measured at (the period's end, or now while it runs);
    a `partial` period counts only up to it (a running period, or the same span of the one before).
    """

    period: Period
    measured_at: datetime | None = None
    partial: bool = False
    filters: ReportFilters = ReportFilters()
    received: int = 0
    closed: int = 0
    by_category: list[Count] = []
    by_shop_category: list[Count] = []
    by_channel: list[Count] = []
    by_remedy: list[Count] = []
    top_products: list[Count] = []
    top_brands: list[Count] = []
    sla: SlaRow = SlaRow(key="all")
    sla_by_month: list[SlaRow] = []
    sla_by_severity: list[SlaRow] = []
    sla_by_shop: list[SlaRow] = []
    trend: list[TrendPoint] = []
    escalations_by_trigger: dict[str, int] = {}
    callbacks: CallbackFigures = CallbackFigures()
    money: Money = Money()
    deliveries: DeliveryFigures = DeliveryFigures()
    penalties: PenaltyFigures = PenaltyFigures()


class ReportView(_View):
    """A period's figures beside the previous period's headline, for the change."""

    current: ReportFigures
    previous: ReportFigures


def percentile(low: float, high: float, position: float) -> float:
    """Linear interpolation between the two ranked values around `position` (as PostgreSQL's
    percentile_cont does): `position` is p × (n − 1) and `low`/`high` the values ranked at its floor and ceiling."""
    return low + (high - low) * (position - int(position))


def change(current: float | None, previous: float | None) -> float | None:
    """Relative change from `previous` to `current` (0.25 is +25 %); None when there is nothing to compare."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / previous
