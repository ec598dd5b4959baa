"""How times, deadlines and money look on screen."""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from .. import i18n
from ..domain.deliveries import SLOT_HOURS

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from ..domain.deliveries import Slot


def local_time(value: datetime, zone: "ZoneInfo", with_date: bool = True) -> str:
    """`MM-DD HH:MM` (or `HH:MM`) in the desk's time zone."""
    local = value.astimezone(zone)
    return local.strftime("%m-%d %H:%M" if with_date else "%H:%M")


def time_left(due: datetime, now: datetime) -> str:
    """`3d 4h` / `2h 05m` left, or `-1h 10m` when overdue (wall time)."""
    delta = due - now
    sign = "-" if delta < timedelta(0) else ""
    seconds = abs(int(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        body = i18n.t("time.days_hours", d=days, h=hours)
    else:
        body = i18n.t("time.hours_minutes", h=hours, m=f"{minutes:02d}")
    return sign + body


def business_left(seconds: int, day_seconds: int) -> str:
    """Business time as `2d 3h` (days of opening hours) or `1h 05m`; `-` in front when overdue."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rest = divmod(seconds, day_seconds)
    hours, rest = divmod(rest, 3600)
    if days:
        return sign + i18n.t("time.days_hours", d=days, h=hours)
    return sign + i18n.t("time.hours_minutes", h=hours, m=f"{rest // 60:02d}")


def yuan(fen: int) -> str:
    """Money in fen shown as yuan with two decimals: 12345 → ¥123.45."""
    return f"¥{fen // 100:,}.{fen % 100:02d}"


def slot_with_hours(slot: "Slot") -> str:
    """A delivery slot with its hours: `Morning 09:00–12:00`."""
    start, end = SLOT_HOURS[slot]
    return f"{i18n.label(slot)} {start:%H:%M}–{end:%H:%M}"
