"""Time left on a deadline as the desk shows it: business time, paused while the clock stands still,
plain while there is time, yellow when close, red once past."""

from datetime import datetime

from rich.text import Text

from ... import i18n
from ...domain.enums import Severity
from ...domain.sla import Hold, SlaPolicy, Urgency, hold_seconds, seconds_left, urgency
from ..formatting import business_left, local_time

URGENCY_STYLE = {Urgency.CALM: "", Urgency.NEAR: "bold yellow", Urgency.PAST: "bold red"}


def held_so_far(held_seconds: int, hold: Hold | None, now: datetime, policy: SlaPolicy) -> int:
    """Business seconds the complaint's clock has stood still in all, the running pause included."""
    return held_seconds + hold_seconds(hold, now, policy)


def target_seconds(policy: SlaPolicy, severity: Severity, acknowledging: bool) -> int:
    """The whole target of the deadline that counts (how close is "close" depends on it)."""
    if acknowledging:
        return policy.ack_minutes[severity] * 60
    return policy.resolve_days[severity] * policy.day_minutes * 60


def left_text(
    due: datetime, now: datetime, policy: SlaPolicy, hold: Hold | None, target: int, words: bool = False
) -> Text:
    """`1h 05m` / `-0h 20m` (or, with `words`, `1h 05m left` / `overdue by 0h 20m`), coloured; `⏸` while paused."""
    seconds = seconds_left(due, now, policy, hold)
    paused = hold is not None and not hold.ended_by(now)
    body = business_left(seconds, policy.day_minutes * 60)
    if words:
        body = i18n.t("detail.overdue_by" if seconds < 0 else "detail.left", time=body.lstrip("-"))
    text = Text(no_wrap=True)
    if paused:
        text.append("⏸ ", style="cyan")
    text.append(body, style="dim" if paused else URGENCY_STYLE[urgency(seconds, target)])
    return text


def deadline_text(
    due: datetime, now: datetime, done: datetime | None, policy: SlaPolicy, hold: Hold | None, counting: bool,
    target: int,
) -> Text:
    """`11-27 17:50 · 1h 20m left` while the deadline counts, `· done 11-27 17:28` once met; coloured."""
    zone = policy.zone
    text = Text(local_time(due, zone))
    if done is not None:
        text.append(" · " + i18n.t("detail.done", at=local_time(done, zone)), style="green")
    elif counting:
        text.append(" · ")
        text.append_text(left_text(due, now, policy, hold, target, words=True))
    return text


def hold_text(held_seconds: int, hold: Hold | None, now: datetime, policy: SlaPolicy) -> Text | None:
    """`2h 10m held · paused until 11-29 09:00`: the clock's pauses in all, and the one running."""
    total = held_so_far(held_seconds, hold, now, policy)
    running = hold is not None and not hold.ended_by(now)
    if not total and not running:
        return None
    text = Text(i18n.t("escalations.held", time=business_left(total, policy.day_minutes * 60)))
    if running and hold is not None:
        key, at = ("escalations.holding_until", hold.until) if hold.until else ("escalations.holding", hold.since)
        text.append(" · ")
        text.append("⏸ " + i18n.t(key, since=local_time(at, policy.zone), until=local_time(at, policy.zone)), style="cyan")
    return text
