"""Delivery orders (配送单): kinds, slots, the order's life cycle, and what is typed and shown of one."""

import json
from datetime import date, datetime, time
from enum import StrEnum
from typing import Annotated, NamedTuple
from zoneinfo import ZoneInfo

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from .enums import Remedy
from .errors import TransitionRefused
from .schemas import CleanStr, Input, Phone, View


class DeliveryKind(StrEnum):
    REDELIVER = "redeliver"
    REPLACE = "replace"
    PICKUP = "pickup"
    REPAIR_VISIT = "repair_visit"
    INSTALL = "install"
    INSPECT = "inspect"


# The complaint's remedy when a delivery of this kind solved the problem (its call-back may then resolve
# and close the complaint in one call). A pick-up for a refund needs its money decided, and an inspection
# or installation is not a remedy of its own: those go the way of an ordinary resolution.
REMEDY_OF_KIND: dict[DeliveryKind, Remedy] = {
    DeliveryKind.REPAIR_VISIT: Remedy.REPAIR,
    DeliveryKind.REPLACE: Remedy.REPLACE,
    DeliveryKind.REDELIVER: Remedy.REPLACE,
}


class Slot(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


# Local opening and end of each slot: "on time" means done by the end of the promised slot.
SLOT_HOURS: dict[Slot, tuple[time, time]] = {
    Slot.MORNING: (time(9, 0), time(12, 0)),
    Slot.AFTERNOON: (time(13, 0), time(18, 0)),
    Slot.EVENING: (time(18, 0), time(21, 0)),
}
SLOT_RANK: dict[Slot, int] = {slot: rank for rank, slot in enumerate(Slot)}


class DeliveryStatus(StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    OUT = "out_for_delivery"
    COMPLETED = "completed"
    FAILED = "failed"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"


D = DeliveryStatus
# An order is open until it is completed or cancelled: a failed one still waits for a new date.
OPEN_DELIVERY_STATUSES: tuple[DeliveryStatus, ...] = tuple(s for s in D if s not in (D.COMPLETED, D.CANCELLED))
# Order of the statuses within a slot on the board: what needs the dispatcher first.
STATUS_RANK: dict[DeliveryStatus, int] = {
    D.FAILED: 0, D.REQUESTED: 1, D.RESCHEDULED: 2, D.ACCEPTED: 3, D.OUT: 4, D.COMPLETED: 5, D.CANCELLED: 6,
}


class FailureReason(StrEnum):
    CUSTOMER_ABSENT = "customer_absent"
    WRONG_ITEM = "wrong_item"
    DAMAGED_AGAIN = "damaged_again"
    ADDRESS_WRONG = "address_wrong"
    OTHER = "other"


class DeliveryMove(StrEnum):
    """A named way of moving an order; `crew` changes the crew and leaves the status."""

    ACCEPT = "accept"
    CREW = "crew"
    DISPATCH = "dispatch"
    COMPLETE = "complete"
    FAIL = "fail"
    RESCHEDULE = "reschedule"
    CANCEL = "cancel"


# Move → (statuses it starts from, status it leads to; None keeps the status).
_MOVES: dict[DeliveryMove, tuple[frozenset[DeliveryStatus], DeliveryStatus | None]] = {
    DeliveryMove.ACCEPT: (frozenset({D.REQUESTED, D.RESCHEDULED}), D.ACCEPTED),
    DeliveryMove.CREW: (frozenset({D.ACCEPTED}), None),
    DeliveryMove.DISPATCH: (frozenset({D.ACCEPTED}), D.OUT),
    DeliveryMove.COMPLETE: (frozenset({D.OUT}), D.COMPLETED),
    DeliveryMove.FAIL: (frozenset({D.OUT}), D.FAILED),
    DeliveryMove.RESCHEDULE: (frozenset({D.REQUESTED, D.ACCEPTED, D.FAILED}), D.RESCHEDULED),
    DeliveryMove.CANCEL: (frozenset({D.REQUESTED, D.ACCEPTED, D.FAILED, D.RESCHEDULED}), D.CANCELLED),
}


def delivery_moves(current: DeliveryStatus) -> list[DeliveryMove]:
    """The moves an order in `current` allows now."""
    return [move for move, (starts, _) in _MOVES.items() if current in starts]


# The moves that take an order on towards the street: the way to a move greyed now goes through them.
_ONWARD = (DeliveryMove.ACCEPT, DeliveryMove.DISPATCH, DeliveryMove.RESCHEDULE)


def delivery_way(current: DeliveryStatus, move: DeliveryMove) -> list[DeliveryMove] | None:
    """The fewest onward moves after which `move` is allowed: [] when it is now, None when nothing leads
    there (a completed or cancelled order, or one already where `move` leads)."""
    if _MOVES[move][1] is current and current not in _MOVES[move][0]:
        return None
    paths: dict[DeliveryStatus, list[DeliveryMove]] = {current: []}
    frontier = [current]
    while frontier:
        following: list[DeliveryStatus] = []
        for status in frontier:
            if status in _MOVES[move][0]:
                return paths[status]
            for step in _ONWARD:
                starts, target = _MOVES[step]
                if status in starts and target is not None and target not in paths:
                    paths[target] = [*paths[status], step]
                    following.append(target)
        frontier = following
    return None


def check_delivery_move(number: str, current: DeliveryStatus, move: DeliveryMove) -> DeliveryStatus:
    """The status `move` leads to, or TransitionRefused naming the order's state."""
    starts, target = _MOVES[move]
    if current not in starts:
        raise TransitionRefused("error.delivery.illegal", number=number, state=current.value, delivery_move=move.value)
    return current if target is None else target


def is_early(promised: date, now: datetime, zone: ZoneInfo) -> bool:
    """True before the promised day has begun where the desk is: going out or delivering now is early."""
    return now.astimezone(zone).date() < promised


def punctuality(promised: date, slot: Slot, now: datetime, zone: ZoneInfo) -> bool | None:
    """How an order completed `now` is counted: True on time (by the end of its slot on its day), False late,
    None early (before its day: neither on time nor late, an outcome of its own)."""
    if is_early(promised, now, zone):
        return None
    return now <= slot_end(promised, slot, zone)


def delivery_number(order_id: int) -> str:
    """DO-000042: the order's id, which no two orders share on any engine."""
    return f"DO-{order_id:06d}"


def order_id_of(number: str) -> int | None:
    """The id inside a DO- number, or None when `number` is not one."""
    text = number.strip().upper()
    if not text.startswith("DO-") or not text[3:].isdigit():
        return None
    return int(text[3:])


def slot_end(day: date, slot: Slot, zone: ZoneInfo) -> datetime:
    """The moment slot `slot` of local day `day` ends (aware)."""
    return datetime.combine(day, SLOT_HOURS[slot][1], zone)


def event_details(**parts: str | int | None) -> str:
    """An order's facts for the `new` column of its timeline event (compact JSON, empty parts left out)."""
    kept = {key: value for key, value in parts.items() if value not in (None, "")}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def read_event_details(text: str) -> dict[str, str]:
    """What `event_details` wrote; anything unreadable gives an empty mapping."""
    try:
        found = json.loads(text) if text.startswith("{") else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def _crew_name(value: object) -> object:
    """A crew name is shown on run sheets and the board: control characters are refused, not stripped."""
    if isinstance(value, str):
        if any(ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F for char in value):
            raise PydanticCustomError("control_chars", "control characters are not allowed")
        return value.strip()
    return value


CrewName = Annotated[str, BeforeValidator(_crew_name), Field(min_length=1, max_length=40)]


class DeliveryOrderInput(Input):
    """What an operator types when dispatching an order for a complaint."""

    kind: DeliveryKind
    address: CleanStr = Field(min_length=1, max_length=200)
    contact_name: CleanStr = Field(min_length=1, max_length=40)
    contact_phone: Phone
    items: CleanStr = Field(min_length=1, max_length=500)
    promised_date: date
    slot: Slot
    notes: CleanStr = Field(default="", max_length=1000)
    collect_fen: int = Field(default=0, ge=0, le=100_000_000)


class AcceptInput(Input):
    """The dispatcher takes the order: a crew, and the date and slot confirmed (or moved)."""

    crew: CrewName
    promised_date: date
    slot: Slot


class CrewInput(Input):
    crew: CrewName


class CompleteInput(Input):
    note: CleanStr = Field(default="", max_length=1000)


class FailInput(Input):
    reason: FailureReason
    note: CleanStr = Field(default="", max_length=1000)


class RescheduleInput(Input):
    promised_date: date
    slot: Slot
    note: CleanStr = Field(default="", max_length=1000)


class CancelInput(Input):
    reason: CleanStr = Field(min_length=2, max_length=1000)


class DeliveryOrderView(View):
    """One order as the board, the run sheet and the complaint detail show it."""

    id: int
    number: str
    complaint_id: int
    complaint_number: str
    shop_id: int
    shop_code: str
    shop_name: str
    kind: DeliveryKind
    address: str
    contact_name: str
    contact_phone: str
    items: str
    promised_date: date
    slot: Slot
    crew: str
    status: DeliveryStatus
    failure_reason: FailureReason | None
    failures: int
    reschedules: int
    notes: str
    completion_note: str
    cancel_reason: str
    collect_fen: int
    version: int
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_DELIVERY_STATUSES


class OrderLine(NamedTuple):
    """One order as a line of the board or the run sheet: what they show, nothing more.

    A named tuple rather than a validated view: a busy day holds a couple of thousand orders and the
    board must come back at once. Its fields carry the names of DeliveryOrderView's, so a dialog opened
    from a line works on either.
    """

    id: int
    complaint_id: int
    complaint_number: str
    shop_id: int
    shop_code: str
    shop_name: str
    kind: DeliveryKind
    address: str
    contact_name: str
    contact_phone: str
    items: str
    promised_date: date
    slot: Slot
    crew: str
    status: DeliveryStatus
    failure_reason: FailureReason | None
    notes: str
    version: int

    @property
    def number(self) -> str:
        return delivery_number(self.id)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_DELIVERY_STATUSES
