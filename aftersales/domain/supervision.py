"""Supervision visits to shops: what was found, the rectification asked for and its due date, the follow-up."""

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from .schemas import CleanStr, Code, Input


class RectificationState(StrEnum):
    """Whether a visit asked the shop to put something right, and whether a follow-up found it done."""

    NONE = "none"
    OPEN = "open"
    CLOSED = "closed"


class VisitInput(Input):
    """A visit as the lead or operator records it."""

    shop_code: Code
    visited_on: date
    findings: CleanStr = Field(min_length=2, max_length=2000)
    rectification: CleanStr = Field(default="", max_length=1000)
    due_on: date | None = None


class FollowUpInput(Input):
    """The follow-up that closes a rectification."""

    followed_up_on: date
    note: CleanStr = Field(min_length=2, max_length=1000)


class VisitView(BaseModel):
    """One visit, its rectification's state and whether it is overdue on `today`."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: int
    shop_code: str
    shop_name: str
    visited_on: date
    findings: str
    rectification: str
    due_on: date | None
    state: RectificationState
    followed_up_on: date | None
    follow_up: str
    recorded_by: str
    recorded_at: datetime
    version: int
    overdue: bool


def due_date_problem(valid: VisitInput) -> tuple[str, str] | None:
    """(field, message key) when the rectification and its due date do not go together."""
    if valid.rectification and valid.due_on is None:
        return "due_on", "visits.validation.due_missing"
    if valid.due_on is not None and not valid.rectification:
        return "rectification", "visits.validation.rectification_missing"
    if valid.due_on is not None and valid.due_on < valid.visited_on:
        return "due_on", "visits.validation.due_before_visit"
    return None


def is_overdue(state: RectificationState, due_on: date | None, today: date) -> bool:
    """An open rectification is overdue the day after its due date."""
    return state is RectificationState.OPEN and due_on is not None and due_on < today
