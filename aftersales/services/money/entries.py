"""Writing money entries: each on the mall's calendar day it happens, never inside a closed month.

Entries are append-only; a correction is a new entry dated today. When it corrects a month already handed
over it names that month (`amends`), and the next register lists it among the amendments to earlier months.
"""

from datetime import date

from peewee import fn
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ...domain.enums import EventKind
from ...domain.errors import FieldError, InvalidInput
from ...domain.money import MoneyKind, month_of
from ...domain.permissions import Action
from ...domain.schemas import StaffView
from ...store.closed_months import is_closed, refuse_closed_day
from ...store.db import write_transaction
from ...store.models import Complaint, MoneyEntry
from ..audit import append_event
from ..context import Desk
from ..guard import require
from ..unit import unit_of_work
from ..validation import validate


class MoneyEntryView(BaseModel):
    """One entry as stored."""

    model_config = ConfigDict(frozen=True)

    id: int
    complaint_id: int
    kind: MoneyKind
    amount_fen: int
    day: date
    amends: str | None = None
    note: str = ""


class CorrectionInput(BaseModel):
    """A correction: the kind and signed amount (fen) to add, and the closed month it amends, if any."""

    model_config = ConfigDict(frozen=True)

    kind: MoneyKind
    amount_fen: int
    amends: str | None = Field(None, pattern=r"^\d{4}-\d{2}$")
    note: str = Field(..., min_length=1, max_length=500)

    @field_validator("amount_fen")
    @classmethod
    def _not_zero(cls, value: int) -> int:
        if value == 0:
            raise ValueError("a correction moves money: zero is not an amount")
        return value


def add_entry(desk: Desk, actor_id: int | None, complaint_id: int, kind: MoneyKind, amount_fen: int, *,
              delivery_order_id: int | None = None, amends: str | None = None, note: str = "") -> int:
    """Write one entry dated today (the mall's calendar) inside the caller's write transaction."""
    now = desk.clock()
    day = now.astimezone(desk.sla.zone).date()
    refuse_closed_day(day)
    row = MoneyEntry.create(complaint=complaint_id, delivery_order=delivery_order_id, kind=kind.value,
                            amount_fen=amount_fen, day=day, amends=amends, note=note, recorded_by=actor_id,
                            recorded_at=now)
    return int(row.id)


def paid_out(complaint_id: int) -> int:
    """The fen paid to the customer on a complaint so far (compensation, refunds and payments, corrections
    included), inside the caller's transaction."""
    total = (MoneyEntry.select(fn.SUM(MoneyEntry.amount_fen))
             .where((MoneyEntry.complaint == complaint_id) & (MoneyEntry.kind != MoneyKind.COLLECTION.value)).scalar())
    return int(total or 0)


@unit_of_work
def record_correction(desk: Desk, actor: StaffView, complaint_id: int,
                      data: CorrectionInput | dict[str, object]) -> MoneyEntryView:
    """Correct a complaint's money by a new entry dated today; a closed month is amended, never rewritten."""
    require(desk, actor, Action.CORRECT_MONEY, complaint_id)
    valid = validate(CorrectionInput, data)
    today = desk.clock().astimezone(desk.sla.zone).date()
    with write_transaction(f"correcting the money of complaint #{complaint_id}"):
        Complaint.get_by_id(complaint_id)
        if valid.amends is not None and (valid.amends >= month_of(today) or not is_closed(valid.amends)):
            raise InvalidInput({"amends": FieldError("validation.amends_closed_month", month=valid.amends)})
        entry_id = add_entry(desk, actor.id, complaint_id, valid.kind, valid.amount_fen, amends=valid.amends,
                             note=valid.note)
        append_event(desk.clock(), actor, EventKind.NOTE, complaint_id=complaint_id, field="money",
                     old=valid.amends or "", new=f"{valid.kind.value} {valid.amount_fen}", note=valid.note)
    row = MoneyEntry.get_by_id(entry_id)
    return MoneyEntryView(id=row.id, complaint_id=complaint_id, kind=MoneyKind(row.kind), amount_fen=row.amount_fen,
                          day=row.day, amends=row.amends, note=row.note)


@unit_of_work
def entries_of(complaint_id: int) -> list[MoneyEntryView]:
    """A complaint's entries, oldest first."""
    return [MoneyEntryView(id=row.id, complaint_id=complaint_id, kind=MoneyKind(row.kind), amount_fen=row.amount_fen,
                           day=row.day, amends=row.amends, note=row.note)
            for row in MoneyEntry.select().where(MoneyEntry.complaint == complaint_id).order_by(MoneyEntry.id)]
