"""Service-level clock: deadlines counted in the mall's business hours."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .enums import Severity


class SlaPolicy(BaseModel):
    """Business hours, holidays and per-severity targets (minutes of business time)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    timezone: str = "Asia/Shanghai"
    opens: time = time(9, 0)
    closes: time = time(21, 0)
    holidays: frozenset[date] = frozenset()
    ack_minutes: dict[Severity, int] = Field(
        default_factory=lambda: {
            Severity.CRITICAL: 30,
            Severity.HIGH: 60,
            Severity.NORMAL: 120,
            Severity.LOW: 240,
        }
    )
    resolve_days: dict[Severity, int] = Field(
        default_factory=lambda: {
            Severity.CRITICAL: 1,
            Severity.HIGH: 3,
            Severity.NORMAL: 5,
            Severity.LOW: 7,
        }
    )

    @model_validator(mode="after")
    def _hours_make_sense(self) -> "SlaPolicy":
        if self.opens >= self.closes:
            raise ValueError("business hours must open before they close")
        ZoneInfo(self.timezone)
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def day_minutes(self) -> int:
        o, c = self.opens, self.closes
        return (c.hour * 60 + c.minute) - (o.hour * 60 + o.minute)


def add_business_minutes(start: datetime, minutes: int, policy: SlaPolicy) -> datetime:
    """The moment `minutes` of business time after `start` (aware datetimes in, aware UTC out)."""
    tz = policy.zone
    local = start.astimezone(tz)
    remaining = timedelta(minutes=minutes)
    for _ in range(3660):
        day = local.date()
        opens = datetime.combine(day, policy.opens, tz)
        closes = datetime.combine(day, policy.closes, tz)
        if day not in policy.holidays and local < closes:
            begin = max(local, opens)
            available = closes - begin
            if remaining <= available:
                return (begin + remaining).astimezone(ZoneInfo("UTC"))
            remaining -= available
        local = datetime.combine(day + timedelta(days=1), time(0, 0), tz)
    raise ValueError("SLA target does not fit in ten years of business days")


def deadlines(received: datetime, severity: Severity, policy: SlaPolicy) -> tuple[datetime, datetime]:
    """Acknowledgement and resolution deadlines for a complaint received at `received`."""
    ack = add_business_minutes(received, policy.ack_minutes[severity], policy)
    resolve = add_business_minutes(received, policy.resolve_days[severity] * policy.day_minutes, policy)
    return ack, resolve
