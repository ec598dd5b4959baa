"""Validated inputs and the read-only views services return."""

from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from .enums import (
    Category,
    Channel,
    CloseOutcome,
    ComplaintStatus,
    EventKind,
    MajorReason,
    Remedy,
    Role,
    Severity,
    ShopCategory,
)
from .phone import normalise_phone
from .text import strip_controls


def _clean(value: object) -> object:
    if isinstance(value, str):
        return strip_controls(value).strip()
    return value


CleanStr = Annotated[str, BeforeValidator(_clean)]
Phone = Annotated[str, BeforeValidator(_clean), AfterValidator(normalise_phone)]
Code = Annotated[str, BeforeValidator(_clean), Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9_-]+$")]
Pin = Annotated[str, Field(min_length=4, max_length=12, pattern=r"^\d+$")]


class Input(BaseModel):
    # Schemas are built on first use, so start-up does not pay for forms nobody opened yet.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=True, defer_build=True)


class ComplaintInput(Input):
    """What an operator types at intake."""

    phone: Phone
    customer_name: CleanStr = Field(min_length=1, max_length=40)
    address: CleanStr = Field(default="", max_length=200)
    shop_code: Code
    product: CleanStr = Field(default="", max_length=100)
    contract_no: CleanStr = Field(default="", max_length=40)
    receipt_no: CleanStr = Field(default="", max_length=40)
    category: Category
    severity: Severity = Severity.NORMAL
    channel: Channel = Channel.PHONE
    remedy: Remedy
    description: CleanStr = Field(min_length=5, max_length=4000)
    major_incident: bool = False
    major_reason: MajorReason | None = None
    received_at: datetime | None = None

    @field_validator("received_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("received_at must carry a time zone")
        return value

    @model_validator(mode="after")
    def _major_needs_reason(self) -> "ComplaintInput":
        if self.major_incident and self.major_reason is None:
            raise ValueError("a major incident needs a reason")
        return self


class NoteInput(Input):
    text: CleanStr = Field(min_length=1, max_length=4000)
    customer_contact: bool = False


class ResolveInput(Input):
    decision: CleanStr = Field(min_length=2, max_length=4000)
    remedy: Remedy
    compensation_fen: int = Field(default=0, ge=0, le=100_000_000)


class WithdrawInput(Input):
    reason: CleanStr = Field(min_length=2, max_length=1000)


class StaffInput(Input):
    code: Code
    name: CleanStr = Field(min_length=1, max_length=40)
    role: Role
    pin: Pin


class View(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class StaffView(View):
    id: int
    code: str
    name: str
    role: Role
    active: bool


class ShopView(View):
    id: int
    code: str
    name: str
    unit: str
    category: ShopCategory
    active: bool


class CustomerView(View):
    id: int
    name: str
    phone: str
    address: str


class ComplaintView(View):
    """Everything the detail screen shows of one complaint."""

    id: int
    number: str
    status: ComplaintStatus
    category: Category
    severity: Severity
    channel: Channel
    remedy: Remedy  # what the customer asked for
    remedy_decided: Remedy | None = None  # what was decided at resolution
    customer: CustomerView
    shop: ShopView
    product: str
    contract_no: str
    receipt_no: str
    description: str
    major_incident: bool
    major_reason: MajorReason | None
    assignee: StaffView | None
    ack_due_at: datetime
    resolve_due_at: datetime
    acknowledged_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    close_outcome: CloseOutcome | None
    duplicate_of: str | None
    resolution: str
    compensation_fen: int
    satisfaction: int | None
    version: int
    created_at: datetime
    updated_at: datetime
    # The SLA clock's pause (see services/complaints/hold.py) and the business seconds held before it.
    hold_since: datetime | None = None
    hold_until: datetime | None = None
    held_seconds: int = 0


class QueueRow(View):
    """One line of the complaint queue: only what the table shows."""

    id: int
    number: str
    created_at: datetime
    shop_name: str
    customer_name: str
    phone: str
    category: Category
    severity: Severity
    status: ComplaintStatus
    assignee_code: str | None
    ack_due_at: datetime
    resolve_due_at: datetime
    reply_due_at: datetime | None = None  # the earliest reply awaited on a referral to or from a partner
    hold_since: datetime | None = None
    hold_until: datetime | None = None
    # The highest open escalation level (0: none) and whether a reviewer left instructions.
    escalation_level: int = 0
    instructed: bool = False


class EventView(View):
    id: int
    complaint_id: int | None
    actor_code: str | None
    at: datetime
    kind: EventKind
    field: str
    old: str
    new: str
    note: str
    customer_contact: bool
    source: str = ""  # "cli" when the action came from the command line
    actor_name: str = ""  # the actor's display name, shown beside the code
    # On a change of assignee (`field` "assignee", codes in `old` and `new`): their display names.
    old_name: str = ""
    new_name: str = ""
