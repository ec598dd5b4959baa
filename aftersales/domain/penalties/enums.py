"""Closed vocabularies of the penalty ledger; their labels live in the i18n catalogs (penalties.toml)."""

from enum import StrEnum


class SubjectKind(StrEnum):
    """Who a violation is held against."""

    STAFF = "staff"
    SHOP = "shop"
    DEPARTMENT = "department"


class RuleKind(StrEnum):
    """A ladder rule is fined by tier; a discretionary one by the amount a manager decides."""

    LADDER = "ladder"
    DISCRETIONARY = "discretionary"


class CountingWindow(StrEnum):
    """Which earlier violations count towards a violation's tier."""

    CALENDAR_YEAR = "calendar_year"
    ROLLING_12_MONTHS = "rolling_12_months"
    ALL_TIME = "all_time"


class ViolationStatus(StrEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    DEDUCTED = "deducted"
    WAIVED = "waived"
    APPEALED = "appealed"
    OVERTURNED = "overturned"


class AppealDecision(StrEnum):
    UPHELD = "upheld"
    OVERTURNED = "overturned"


class DismissalReview(StrEnum):
    """The review a staff member's violation at the dismissal tier opens, or joins while one is open."""

    NONE = "none"
    OPEN = "open"
    JOINED = "joined"  # part of the open review another violation holds (`review_of`)
    DISMISSED = "dismissed"
    RETAINED = "retained"
    WITHDRAWN = "withdrawn"


class EntryKind(StrEnum):
    """A charge is a violation's first amount; an adjustment is a later difference (a refund when negative)."""

    CHARGE = "charge"
    ADJUSTMENT = "adjustment"


# Violations that count and cost money: confirmed, deducted, or under appeal (the fine stands until overturned).
STANDING: frozenset[ViolationStatus] = frozenset(
    {ViolationStatus.CONFIRMED, ViolationStatus.DEDUCTED, ViolationStatus.APPEALED}
)
