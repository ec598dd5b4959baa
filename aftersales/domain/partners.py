"""Outside after-sales bodies (manufacturers' service centres, repair networks, 12315 …) and referrals to
and from them: the reference they gave, the reply expected, the replies logged."""

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from .directory import ShopPhone
from .schemas import CleanStr, Code, Input


class PartnerKind(StrEnum):
    MANUFACTURER_SERVICE = "manufacturer_service"
    BRAND_REPAIR = "brand_repair"
    LOGISTICS = "logistics"
    CONSUMER_ASSOCIATION = "consumer_association"
    MARKET_REGULATOR = "market_regulator"
    OTHER = "other"


class ReferralDirection(StrEnum):
    """Out: the desk asked the partner and waits for its reply. In: the partner (12315) passed the
    complaint to the desk, which owes it a reply by the deadline."""

    OUT = "out"
    IN = "in"


class ReferralState(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"


class PartnerDetails(Input):
    """What can be changed of a partner once it is in the directory (everything but its code)."""

    name: CleanStr = Field(min_length=1, max_length=80)
    kind: PartnerKind
    contact: CleanStr = Field(default="", max_length=40)
    phone: ShopPhone = ""
    serves: CleanStr = Field(default="", max_length=200)  # the brands or shops it serves


class PartnerInput(PartnerDetails):
    code: Code


class ReferralInput(Input):
    """A complaint referred to a partner, or received from one (12315) with its reply deadline."""

    partner_code: Code
    direction: ReferralDirection = ReferralDirection.OUT
    referred_on: date
    reference: CleanStr = Field(default="", max_length=40)
    reply_due_on: date
    note: CleanStr = Field(default="", max_length=1000)


class ReplyInput(Input):
    """A reply logged on a referral; a final one answers it, an interim one may move the deadline."""

    text: CleanStr = Field(min_length=2, max_length=2000)
    final: bool = True
    next_due_on: date | None = None


class PartnerView(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    id: int
    code: str
    name: str
    kind: PartnerKind
    contact: str
    phone: str
    serves: str
    active: bool
    version: int = 1


class ReplyView(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    at: datetime
    text: str
    final: bool
    by: str


class ReferralView(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    id: int
    complaint_id: int
    complaint_number: str
    partner_code: str
    partner_name: str
    partner_kind: PartnerKind
    direction: ReferralDirection
    referred_on: date
    reference: str
    reply_due_at: datetime
    state: ReferralState
    replies: list[ReplyView]
    version: int
    overdue: bool
