"""Money moved on a complaint, as dated entries: what kind of movement, and which month a day belongs to."""

from datetime import date
from enum import StrEnum


class MoneyKind(StrEnum):
    """What an entry records; a refund or compensation is paid out, a collection on delivery is taken in."""

    COMPENSATION = "compensation"
    REFUND = "refund"
    PAYMENT = "payment"
    COLLECTION = "collection"


def month_of(day: date) -> str:
    """The register month (YYYY-MM) a local day belongs to."""
    return f"{day.year:04d}-{day.month:02d}"
