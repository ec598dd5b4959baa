"""Inputs and views of escalations."""

from datetime import datetime

from pydantic import Field

from ..enums import ComplaintStatus, Severity
from ..schemas import CleanStr, Code, Input, View
from .enums import EscalationState, EscalationTrigger


class EscalateInput(Input):
    """A manual escalation from the complaint's detail."""

    reason: CleanStr = Field(min_length=2, max_length=1000)


class InstructInput(Input):
    """Instructions to whoever works on the complaint; shown on its timeline and in their queue."""

    text: CleanStr = Field(min_length=2, max_length=2000)


class CloseInput(Input):
    decision: CleanStr = Field(min_length=2, max_length=2000)


class ReassignInput(Input):
    staff_code: Code


class EscalationView(View):
    """One escalation as the review queue and the complaint's detail show it."""

    id: int
    complaint_id: int
    number: str
    severity: Severity
    status: ComplaintStatus
    shop_name: str
    assignee_code: str | None
    level: int
    trigger: EscalationTrigger
    reason: str
    state: EscalationState
    raised_by: str | None  # None: the sweep
    raised_at: datetime
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    instructions: str
    decision: str
    closed_by: str | None
    closed_at: datetime | None
    version: int


class SweepResult(View):
    """What one sweep raised (and how many candidates it looked at)."""

    raised: list[EscalationView]
    looked_at: int
