"""A month with known quality signals: one shop's complaints tripled, the rest stationary."""

import random
from datetime import date

from .quality_factories import put_months, put_shop

LAST = "2026-10"  # the last complete month at the tests' clock (2026-11-27)
FLAT = [9, 11, 10, 12, 8, 10, 11, 9, 10, 12, 8, 10]


def planted() -> None:
    """S001 (欧派家居) triples in the last month; six tile shops stay as they were."""
    rng = random.Random(7)
    put_months("S001", LAST, [*FLAT, 30])
    put_months("S001", LAST, [2] * 13, category="delivery_delay")
    for number in range(6, 12):
        code = f"S{number:03d}"
        put_shop(code, f"稳定{number}", "tiles")
        put_months(code, LAST, [max(0, round(rng.gauss(12, 12 ** 0.5))) for _ in range(13)])


def first_and_last() -> tuple[date, date]:
    return date(2026, 10, 1), date(2026, 10, 31)
