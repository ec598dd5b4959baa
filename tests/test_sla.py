"""SLA deadlines and time left count only the mall's business hours, and stand still while paused."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aftersales.domain.enums import Severity
from aftersales.domain.sla import (
    Hold,
    SlaPolicy,
    Urgency,
    add_business_minutes,
    business_minutes_between,
    deadlines,
    minutes_left,
    seconds_left,
    urgency,
)

from .cli_helpers import empty_desk, run

POLICY = SlaPolicy()
# 2026-11-28 is a Saturday.
WEEKDAYS_ONLY = SlaPolicy(closed_weekdays=frozenset({6, 7}), workdays=frozenset({date(2026, 11, 29)}))
HOLIDAY = SlaPolicy(holidays=frozenset({date(2026, 11, 28)}))


def _local(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=POLICY.zone)


@pytest.mark.parametrize(
    ("policy", "start", "minutes", "expected"),
    [
        (POLICY, _local(2026, 11, 27, 10), 120, _local(2026, 11, 27, 12)),
        # Filed at 20:50 with a 30-minute target: 10 minutes tonight, 20 after opening tomorrow.
        (POLICY, _local(2026, 11, 27, 20, 50), 30, _local(2026, 11, 28, 9, 20)),
        (POLICY, _local(2026, 11, 27, 20, 30), 60, _local(2026, 11, 28, 9, 30)),
        (POLICY, _local(2026, 11, 27, 23), 30, _local(2026, 11, 28, 9, 30)),
        (POLICY, _local(2026, 11, 27, 7), 30, _local(2026, 11, 27, 9, 30)),
        (POLICY, _local(2026, 11, 27, 21), 0, _local(2026, 11, 28, 9)),
        (HOLIDAY, _local(2026, 11, 27, 20, 30), 60, _local(2026, 11, 29, 9, 30)),
        # Saturday is closed; Sunday the 29th is a make-up working day.
        (WEEKDAYS_ONLY, _local(2026, 11, 27, 20, 30), 60, _local(2026, 11, 29, 9, 30)),
        (WEEKDAYS_ONLY, _local(2026, 11, 29, 20, 30), 60, _local(2026, 11, 30, 9, 30)),
        (WEEKDAYS_ONLY, _local(2026, 12, 4, 20, 0), 120, _local(2026, 12, 7, 10, 0)),
        (POLICY, _local(2026, 11, 27, 10), 3 * 720, _local(2026, 11, 30, 10)),
    ],
)
def test_business_minutes_are_added_across_nights_holidays_and_make_up_days(
    policy: SlaPolicy, start: datetime, minutes: int, expected: datetime
) -> None:
    assert add_business_minutes(start, minutes, policy) == expected.astimezone(UTC)
    assert business_minutes_between(start, expected, policy) == minutes


@pytest.mark.parametrize(
    ("severity", "received", "ack", "resolve"),
    [
        (Severity.NORMAL, _local(2026, 11, 27, 10), _local(2026, 11, 27, 12), _local(2026, 12, 2, 10)),
        (Severity.CRITICAL, _local(2026, 11, 27, 20, 50), _local(2026, 11, 28, 9, 20), _local(2026, 11, 28, 20, 50)),
        (Severity.HIGH, _local(2026, 11, 27, 10), _local(2026, 11, 27, 11), _local(2026, 11, 30, 10)),
        (Severity.LOW, _local(2026, 11, 27, 23), _local(2026, 11, 28, 13), _local(2026, 12, 4, 21)),
    ],
)
def test_deadlines_follow_the_severity_targets(
    severity: Severity, received: datetime, ack: datetime, resolve: datetime
) -> None:
    assert deadlines(received, severity, POLICY) == (ack.astimezone(UTC), resolve.astimezone(UTC))


@pytest.mark.parametrize(
    ("now", "hold", "left"),
    [
        # Due 12:00 the same day.
        (_local(2026, 11, 27, 11), None, 60),
        (_local(2026, 11, 27, 12, 30), None, -30),
        # Overdue overnight counts only business minutes: 12:00 → 21:00, then 09:00 → 09:30.
        (_local(2026, 11, 28, 9, 30), None, -(9 * 60 + 30)),
        # Paused at 10:30 (awaiting the customer) and still paused: the 90 minutes left stay put.
        (_local(2026, 11, 28, 15), Hold(_local(2026, 11, 27, 10, 30)), 90),
        # Paused until the delivery's promised date (tomorrow's opening), which has passed: 10:30 →
        # 21:00 was held (630 minutes), then the clock runs again from 09:00.
        (_local(2026, 11, 28, 9, 30), Hold(_local(2026, 11, 27, 10, 30), _local(2026, 11, 28, 9)), 60),
        (_local(2026, 11, 28, 12), Hold(_local(2026, 11, 27, 10, 30), _local(2026, 11, 28, 9)), -90),
    ],
)
def test_time_left_counts_business_minutes_and_stands_still_in_a_pause(
    now: datetime, hold: Hold | None, left: int
) -> None:
    due = _local(2026, 11, 27, 12)
    assert minutes_left(due, now, POLICY, hold) == left


def test_a_complaint_filed_at_20_50_with_a_30_minute_target_is_due_at_9_20_and_has_10_minutes_at_closing() -> None:
    ack, _ = deadlines(_local(2026, 11, 27, 20, 50), Severity.CRITICAL, POLICY)
    assert ack == _local(2026, 11, 28, 9, 20)
    assert minutes_left(ack, _local(2026, 11, 27, 20, 50), POLICY) == 30
    assert minutes_left(ack, _local(2026, 11, 27, 23, 59), POLICY) == 20
    assert minutes_left(ack, _local(2026, 11, 28, 9, 21), POLICY) == -1


def test_a_deadline_is_near_in_its_last_fifth_and_past_once_overdue() -> None:
    assert urgency(100 * 60, 120 * 60) == Urgency.CALM
    assert urgency(20 * 60, 120 * 60) == Urgency.NEAR
    assert urgency(-1, 120 * 60) == Urgency.PAST


moments = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)


@settings(max_examples=150, deadline=None)
@given(
    received=moments,
    step=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=20)),
    later=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=20)),
    severity=st.sampled_from(list(Severity)),
    paused=st.booleans(),
    pause_for=st.one_of(st.none(), st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=10))),
)
def test_time_left_never_grows_while_the_clock_runs(
    received: datetime, step: timedelta, later: timedelta, severity: Severity, paused: bool,
    pause_for: timedelta | None,
) -> None:
    policy = WEEKDAYS_ONLY
    _, due = deadlines(received, severity, policy)
    hold = Hold(received, received + pause_for if pause_for is not None else None) if paused else None
    first = received + step
    second = first + later
    assert seconds_left(due, second, policy, hold) <= seconds_left(due, first, policy, hold)


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ({"opens": "21:00", "closes": "09:00"}, "sla.closes"),
        ({"ack_minutes": {"urgent": 10}}, "sla.ack_minutes.urgent"),
        ({"ack_minutes": {"high": -5}}, "sla.ack_minutes.high"),
        ({"resolve_days": {"low": 0}}, "sla.resolve_days.low"),
        ({"holidays": [date(2026, 10, 1)], "workdays": [date(2026, 10, 1)]}, "sla.workdays"),
        ({"closed_weekdays": [8]}, "sla.closed_weekdays"),
        ({"timezone": "Mars/Base"}, "sla.timezone"),
        ({"hours": "9-21"}, "sla.hours"),
    ],
)
def test_a_bad_sla_table_is_refused_with_one_line_naming_the_key(table: dict[str, object], key: str) -> None:
    from aftersales.settings import SettingsRefused, config_from

    with pytest.raises(SettingsRefused) as refused:
        config_from({"sla": table})
    assert f": {key}" in str(refused.value) and "\n" not in str(refused.value)


def test_an_sla_table_reaches_the_services_through_the_desk() -> None:
    from aftersales.settings import config_from, desk_for

    config, problem = config_from({"sla": {"opens": "10:00", "closes": "22:00", "ack_minutes": {"high": 45},
                                           "holidays": [date(2026, 10, 1)]}})
    assert problem is None
    desk = desk_for(config)
    assert desk.sla.ack_minutes[Severity.HIGH] == 45 and desk.sla.ack_minutes[Severity.LOW] == 240
    assert not desk.sla.is_business_day(date(2026, 10, 1))
    assert add_business_minutes(_local(2026, 11, 27, 21, 30), 30, desk.sla) == _local(2026, 11, 27, 22, 0)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[sla]\nopens = "21:00"\ncloses = "09:00"\n', "sla.closes"),
        ("[sla.ack_minutes]\nurgent = 10\n", "sla.ack_minutes.urgent"),
        ("[sla.resolve_days]\nhigh = -2\n", "sla.resolve_days.high"),
    ],
)
def test_the_desk_does_not_start_on_a_bad_sla_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, key: str
) -> None:
    folder = tmp_path / "config"
    (folder / "aftersales").mkdir(parents=True)
    (folder / "aftersales" / "config.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr("platformdirs.user_config_path", lambda app: folder / app)
    monkeypatch.setattr("aftersales.ui.app.DeskApp", None)  # never reached: nothing of the desk starts
    path = tmp_path / "desk.db"
    empty_desk(path)
    outcome = run(capsys, "--db", path)
    assert outcome.code == 2
    assert outcome.err.count("\n") == 1 and key in outcome.err and "Traceback" not in outcome.err
    # The command line refuses the same file the same way.
    assert run(capsys, "--db", path, "sweep").code == 1
