"""Service-level clock: deadlines and time left counted in the mall's business hours, with pauses."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, ValidationInfo, field_validator

from .enums import Severity

DEFAULT_ACK_MINUTES: dict[Severity, int] = {
    Severity.CRITICAL: 30,
    Severity.HIGH: 60,
    Severity.NORMAL: 120,
    Severity.LOW: 240,
}
DEFAULT_RESOLVE_DAYS: dict[Severity, int] = {
    Severity.CRITICAL: 1,
    Severity.HIGH: 3,
    Severity.NORMAL: 5,
    Severity.LOW: 7,
}
# Ten years of days: no target of the desk reaches that far, so the walk below always ends.
_MAX_DAYS = 3660


def _targets(defaults: dict[Severity, int]) -> Any:
    return Field(default_factory=lambda: dict(defaults))


class SlaPolicy(BaseModel):
    """Business hours, closed weekdays, holidays, make-up working days and per-severity targets.

    The `[sla]` table of config.toml; a mistake in it stops the desk (settings.py).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    timezone: str = "Asia/Shanghai"
    opens: time = time(9, 0)
    closes: time = time(21, 0)
    # ISO weekdays (1 = Monday) the mall is closed; by default it opens every day.
    closed_weekdays: frozenset[int] = frozenset()
    holidays: frozenset[date] = frozenset()
    # Days the mall works although they fall on a closed weekday (调休上班).
    workdays: frozenset[date] = frozenset()
    ack_minutes: dict[Severity, PositiveInt] = _targets(DEFAULT_ACK_MINUTES)
    resolve_days: dict[Severity, PositiveInt] = _targets(DEFAULT_RESOLVE_DAYS)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value}") from exc
        return value

    @field_validator("closes")
    @classmethod
    def _closes_after_opening(cls, value: time, info: ValidationInfo) -> time:
        opens = info.data.get("opens")
        if isinstance(opens, time) and value <= opens:
            raise ValueError(f"closes ({value:%H:%M}) must be after opens ({opens:%H:%M})")
        return value

    @field_validator("closed_weekdays")
    @classmethod
    def _weekdays(cls, value: frozenset[int]) -> frozenset[int]:
        if any(day < 1 or day > 7 for day in value):
            raise ValueError("weekdays are 1 (Monday) to 7 (Sunday)")
        if len(value) == 7:
            raise ValueError("the mall cannot be closed every day")
        return value

    @field_validator("ack_minutes", "resolve_days", mode="before")
    @classmethod
    def _filled(cls, value: Any, info: ValidationInfo) -> Any:
        defaults = DEFAULT_ACK_MINUTES if info.field_name == "ack_minutes" else DEFAULT_RESOLVE_DAYS
        if isinstance(value, dict):
            return {**{key.value: minutes for key, minutes in defaults.items()}, **value}
        return value

    @field_validator("workdays")
    @classmethod
    def _not_holidays(cls, value: frozenset[date], info: ValidationInfo) -> frozenset[date]:
        both = value & info.data.get("holidays", frozenset())
        if both:
            raise ValueError(f"{min(both)} is both a holiday and a make-up working day")
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def day_minutes(self) -> int:
        o, c = self.opens, self.closes
        return (c.hour * 60 + c.minute) - (o.hour * 60 + o.minute)

    def is_business_day(self, day: date) -> bool:
        if day in self.holidays:
            return False
        return day in self.workdays or day.isoweekday() not in self.closed_weekdays


def _hours(day: date, policy: SlaPolicy) -> tuple[datetime, datetime]:
    tz = policy.zone
    return datetime.combine(day, policy.opens, tz), datetime.combine(day, policy.closes, tz)


def add_business_minutes(start: datetime, minutes: int, policy: SlaPolicy) -> datetime:
    """The moment `minutes` of business time after `start` (aware datetimes in, aware UTC out)."""
    return add_business_time(start, timedelta(minutes=minutes), policy)


def add_business_time(start: datetime, amount: timedelta, policy: SlaPolicy) -> datetime:
    """The moment `amount` of business time after `start` (aware UTC out)."""
    local = start.astimezone(policy.zone)
    remaining = amount
    for _ in range(_MAX_DAYS):
        day = local.date()
        opens, closes = _hours(day, policy)
        if policy.is_business_day(day) and local < closes:
            begin = max(local, opens)
            available = closes - begin
            if remaining <= available:
                return (begin + remaining).astimezone(UTC)
            remaining -= available
        local = datetime.combine(day + timedelta(days=1), time(0, 0), policy.zone)
    raise ValueError("SLA target does not fit in ten years of business days")


def business_seconds_between(start: datetime, end: datetime, policy: SlaPolicy) -> int:
    """Business seconds from `start` to `end`; negative when `end` comes first."""
    if end < start:
        return -business_seconds_between(end, start, policy)
    tz = policy.zone
    local, stop = start.astimezone(tz), end.astimezone(tz)
    total = timedelta(0)
    for _ in range(_MAX_DAYS + 1):
        if local >= stop:
            break
        day = local.date()
        if policy.is_business_day(day):
            opens, closes = _hours(day, policy)
            begin, finish = max(local, opens), min(stop, closes)
            if finish > begin:
                total += finish - begin
        local = datetime.combine(day + timedelta(days=1), time(0, 0), tz)
    return int(total.total_seconds())


def business_minutes_between(start: datetime, end: datetime, policy: SlaPolicy) -> int:
    """Whole business minutes from `start` to `end` (towards zero); negative when `end` comes first."""
    seconds = business_seconds_between(start, end, policy)
    return seconds // 60 if seconds >= 0 else -((-seconds) // 60)


def deadlines(received: datetime, severity: Severity, policy: SlaPolicy) -> tuple[datetime, datetime]:
    """Acknowledgement and resolution deadlines for a complaint received at `received`."""
    ack = add_business_minutes(received, policy.ack_minutes[severity], policy)
    resolve = add_business_minutes(received, policy.resolve_days[severity] * policy.day_minutes, policy)
    return ack, resolve


@dataclass(frozen=True)
class Hold:
    """A pause of the clock: since when, and until when (None: until the desk lifts it)."""

    since: datetime
    until: datetime | None = None

    def ended_by(self, now: datetime) -> bool:
        return self.until is not None and self.until <= now


def hold_seconds(hold: Hold | None, now: datetime, policy: SlaPolicy) -> int:
    """Business seconds the clock has stood still in `hold` up to `now`."""
    if hold is None:
        return 0
    stop = min(now, hold.until) if hold.until is not None else now
    return max(0, business_seconds_between(hold.since, stop, policy))


def effective_due(due: datetime, hold: Hold | None, now: datetime, policy: SlaPolicy) -> datetime:
    """`due` moved later by the business time held so far in the current pause."""
    return shift_due(due, hold_seconds(hold, now, policy), policy)


def shift_due(due: datetime, seconds: int, policy: SlaPolicy) -> datetime:
    """`due` moved later by `seconds` of business time (a pause that has ended)."""
    if seconds <= 0:
        return due
    return add_business_time(due, timedelta(seconds=seconds), policy)


def seconds_left(due: datetime, now: datetime, policy: SlaPolicy, hold: Hold | None = None) -> int:
    """Business seconds left until `due` at `now` (negative: overdue by that much).

    While `hold` runs the clock stands still at the moment it began; once it has ended the
    deadline is later by the time held.
    """
    if hold is not None and not hold.ended_by(now):
        return business_seconds_between(min(now, hold.since), due, policy)
    return business_seconds_between(now, effective_due(due, hold, now, policy), policy)


def minutes_left(due: datetime, now: datetime, policy: SlaPolicy, hold: Hold | None = None) -> int:
    """Business minutes left (rounded down, so a deadline 30 s away has 0 left; -1 once a second late)."""
    return seconds_left(due, now, policy, hold) // 60


class Urgency:
    """How a deadline is coloured: plenty of time, close to it, or past it."""

    CALM = "calm"
    NEAR = "near"
    PAST = "past"


def urgency(seconds: int, target_seconds: int) -> str:
    """PAST once overdue; NEAR with a fifth of the target or less left (at most one business hour)."""
    if seconds < 0:
        return Urgency.PAST
    if seconds <= min(max(target_seconds // 5, 60), 3600):
        return Urgency.NEAR
    return Urgency.CALM
