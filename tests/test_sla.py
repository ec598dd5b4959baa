"""SLA deadlines count only the mall's business hours."""

from datetime import UTC, date, datetime

from aftersales.domain.enums import Severity
from aftersales.domain.sla import SlaPolicy, add_business_minutes, deadlines

POLICY = SlaPolicy()


def _local(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=POLICY.zone)


def test_acknowledgement_within_the_same_day():
    ack, _ = deadlines(_local(2026, 11, 27, 10), Severity.NORMAL, POLICY)
    assert ack == _local(2026, 11, 27, 12).astimezone(UTC)


def test_time_after_closing_carries_to_the_next_opening():
    assert add_business_minutes(_local(2026, 11, 27, 20, 30), 60, POLICY) == _local(2026, 11, 28, 9, 30)


def test_complaint_at_night_starts_counting_at_opening():
    ack, _ = deadlines(_local(2026, 11, 27, 23), Severity.CRITICAL, POLICY)
    assert ack == _local(2026, 11, 28, 9, 30)


def test_holidays_are_skipped():
    policy = SlaPolicy(holidays=frozenset({date(2026, 11, 28)}))
    assert add_business_minutes(_local(2026, 11, 27, 20, 30), 60, policy) == _local(2026, 11, 29, 9, 30)


def test_resolution_target_is_in_business_days():
    _, resolve = deadlines(_local(2026, 11, 27, 10), Severity.HIGH, POLICY)
    assert resolve == _local(2026, 11, 30, 10)
