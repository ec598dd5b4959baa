"""Call-backs (回访): why the customer is called, how a call ends, and when a complaint may close without one."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .enums import Remedy
from .schemas import CleanStr, Input, View


class CallbackPurpose(StrEnum):
    CONFIRM_RESOLUTION = "confirm_resolution"
    CONFIRM_DELIVERY = "confirm_delivery"
    CONFIRM_PAYMENT = "confirm_payment"


class CallbackOutcome(StrEnum):
    SATISFIED = "satisfied"
    PARTLY_SATISFIED = "partly_satisfied"
    UNSATISFIED = "unsatisfied"
    UNREACHABLE = "unreachable"


# Outcomes of a call that reached the customer: each carries a satisfaction score.
REACHED = frozenset({CallbackOutcome.SATISFIED, CallbackOutcome.PARTLY_SATISFIED, CallbackOutcome.UNSATISFIED})
# Outcomes that confirm the work: a resolution call-back ending so closes its complaint.
CONFIRMED = frozenset({CallbackOutcome.SATISFIED, CallbackOutcome.PARTLY_SATISFIED})


class CallbackStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    CANCELLED = "cancelled"


# Business minutes from resolution (or completed delivery) to the call: 24 business hours.
CALLBACK_DUE_MINUTES = 24 * 60
# A customer unreachable on this many different days may be given up on.
UNREACHABLE_DAYS = 3
# A call that confirmed the work less than this long ago already spoke to the customer: resolving the
# complaint then closes it on that call's word instead of calling them a second time.
RECENT_CONFIRMATION = timedelta(days=1)


def confirms_recently(outcome: CallbackOutcome | None, finished_at: datetime | None, now: datetime) -> bool:
    """True for a finished call that confirmed the work (satisfied or partly) less than a day before `now`."""
    return outcome in CONFIRMED and finished_at is not None and now - finished_at < RECENT_CONFIRMATION


def unreachable_days(attempts: Iterable[tuple[datetime, CallbackOutcome]], zone: ZoneInfo) -> int:
    """On how many different local days the customer could not be reached."""
    days: set[date] = {at.astimezone(zone).date() for at, outcome in attempts if outcome is CallbackOutcome.UNREACHABLE}
    return len(days)


def may_give_up(attempts: Iterable[tuple[datetime, CallbackOutcome]], zone: ZoneInfo) -> bool:
    """True once unreachable attempts fell on UNREACHABLE_DAYS different days (three on one day do not count)."""
    return unreachable_days(attempts, zone) >= UNREACHABLE_DAYS


class AttemptInput(Input):
    """One call: how it ended, the customer's satisfaction (1–5) when reached, and a note.

    An unsatisfied customer's reason is the note, and it reopens the complaint, so it is required.
    `solved`: on a delivery's call-back, the customer says the delivery solved the problem, so the one call
    resolves the complaint (remedy = the delivery's kind) and closes it.
    """

    outcome: CallbackOutcome
    satisfaction: int | None = Field(default=None, ge=1, le=5, validate_default=True)
    note: CleanStr = Field(default="", max_length=1000, validate_default=True)
    solved: bool = False

    @field_validator("satisfaction")
    @classmethod
    def _scored_when_reached(cls, value: int | None, info: ValidationInfo) -> int | None:
        outcome = info.data.get("outcome")
        if outcome is CallbackOutcome.UNREACHABLE:
            return None
        if outcome in REACHED and value is None:
            raise PydanticCustomError("satisfaction_needed", "a satisfaction from 1 to 5 is needed")
        return value

    @field_validator("note")
    @classmethod
    def _reason_when_unsatisfied(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("outcome") is CallbackOutcome.UNSATISFIED and len(value) < 2:
            raise PydanticCustomError("reason_needed", "say why the customer is unsatisfied")
        return value


class AttemptView(View):
    at: datetime
    outcome: CallbackOutcome
    satisfaction: int | None
    note: str
    actor_code: str | None


class CallbackView(View):
    """A call-back with what the caller needs on screen: the customer's full phone, the purpose, the attempts."""

    id: int
    complaint_id: int
    complaint_number: str
    complaint_status: str
    delivery_order_id: int | None
    delivery_number: str | None
    purpose: CallbackPurpose
    confirm_payment: bool
    payment_fen: int
    due_at: datetime
    status: CallbackStatus
    outcome: CallbackOutcome | None
    satisfaction: int | None
    assignee_code: str | None
    customer_name: str
    phone: str
    resolution: str
    # The remedy a "solved" answer records: set only on a completed delivery's call-back that may close
    # its complaint in one call (see deliveries.REMEDY_OF_KIND).
    solves_as: Remedy | None = None
    attempts: list[AttemptView]
    may_give_up: bool
    version: int
    created_at: datetime
    finished_at: datetime | None


class DueRow(View):
    """One line of the call-backs due list."""

    id: int
    complaint_id: int
    complaint_number: str
    customer_name: str
    phone: str
    purpose: CallbackPurpose
    confirm_payment: bool
    due_at: datetime
    attempts: int
    assignee_code: str | None
