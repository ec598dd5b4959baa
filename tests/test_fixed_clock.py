"""The suite's notion of now is NOW, whatever the machine's date (run it under faketime to see)."""

from datetime import UTC, date, datetime, timedelta

from .factories import NOW


def test_the_wall_clock_reads_the_fixed_moment_in_service_tests():
    assert abs(datetime.now(UTC) - NOW) < timedelta(minutes=5)
    assert date.today() == date(2026, 11, 27)
