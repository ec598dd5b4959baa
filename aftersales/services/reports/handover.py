"""Handing a month's register over to finance, and telling whether a file is the one handed over."""

from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ...domain.enums import EventKind
from ...domain.errors import ConflictError
from ...domain.permissions import Action
from ...domain.reports.register import RegisterTotals
from ...domain.schemas import StaffView
from ...domain.wording import Wording
from ...store.closed_months import close_month
from ...store.db import write_transaction
from ...store.models import RegisterHandover, Staff
from ..audit import append_event
from ..context import Desk
from ..guard import require
from ..unit import unit_of_work
from .register import Progress, RegisterFile, file_hash, register_format, register_month, write_register


class Handover(BaseModel):
    """A register handed over: which month and file, what it added up to, who handed it over and when."""

    model_config = ConfigDict(frozen=True)

    month: str
    format: str
    sha256: str
    size: int
    file_name: str
    totals: RegisterTotals
    handed_by: str
    handed_at: datetime


# Every column but the kept bytes: listings and look-ups never read a file's content.
_LISTED = [field for name, field in RegisterHandover._meta.fields.items() if name != "content"]


def _listed() -> Any:
    return RegisterHandover.select(*_LISTED, Staff.code).join(Staff)


def _view(row: RegisterHandover, code: str) -> Handover:
    return Handover(month=row.month, format=row.format, sha256=row.sha256, size=row.size, file_name=row.file_name,
                    totals=RegisterTotals.model_validate_json(row.totals), handed_by=code, handed_at=row.handed_at)


def _refuse_hand_over(desk: Desk, month: str, fmt: str) -> None:
    """Refuse a month that has not ended by the mall's clock, or one already handed over in this format."""
    period = register_month(desk, month)
    today = desk.clock().astimezone(desk.sla.zone).date()
    if period.last >= today:
        raise ConflictError("reports.error.month_not_ended", month=period.label, today=f"{today:%Y-%m-%d}")
    earlier = (_listed().where((RegisterHandover.month == period.label) & (RegisterHandover.format == fmt)).first())
    if earlier is not None:
        raise ConflictError("reports.error.already_handed_over", month=period.label, by=earlier.handed_by.code,
                            day=f"{earlier.handed_at.astimezone(desk.sla.zone):%Y-%m-%d}")


@unit_of_work
def check_hand_over(desk: Desk, actor: StaffView, month: str, out: Path) -> None:
    """Every refusal a hand-over of `month` to `out` can meet, before anything is written."""
    require(desk, actor, Action.HAND_OVER_REGISTER)
    _refuse_hand_over(desk, month, register_format(out))


@unit_of_work
def hand_over_register(desk: Desk, actor: StaffView, month: str, out: Path, words: Wording, *,
                       progress: Progress | None = None, font: str | None = None) -> tuple[RegisterFile, Handover]:
    """Write the register of `month` to `out` and hand it over; a refusal leaves no file behind."""
    check_hand_over(desk, actor, month, out)
    written = write_register(desk, month, out, words, progress=progress, font=font)
    try:
        done = hand_over(desk, actor, written)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return written, done


@unit_of_work
def hand_over(desk: Desk, actor: StaffView, written: RegisterFile) -> Handover:
    """Record `written` as the register of its month handed over by `actor` (one audited event), keeping
    its bytes for reprints; the month is closed from then on."""
    require(desk, actor, Action.HAND_OVER_REGISTER)
    month = written.totals.month
    now = desk.clock()
    with write_transaction(f"handing over the register of {month}"):
        _refuse_hand_over(desk, month, written.format)
        close_month(month, desk.sla.zone, now)
        row = RegisterHandover.create(
            month=month, format=written.format, sha256=written.sha256, size=written.size,
            file_name=Path(written.path).name, totals=written.totals.model_dump_json(), handed_by=actor.id,
            handed_at=now, content=Path(written.path).read_bytes(),
        )
        append_event(now, actor, EventKind.REGISTER_HANDED_OVER, field="register", old=written.format, new=month,
                     note=f"sha256 {written.sha256}; {written.totals.lines} lines; "
                          f"paid {written.totals.paid_fen} fen; collected {written.totals.collected_fen} fen")
    return _view(row, actor.code)


def handed_over(month: str | None = None) -> list[Handover]:
    """Registers handed over (of `month`), newest first."""
    query = _listed()
    if month:
        query = query.where(RegisterHandover.month == month)
    return [_view(row, row.handed_by.code) for row in query.order_by(RegisterHandover.handed_at.desc())]


@unit_of_work
def verify_file(path: Path) -> Handover | None:
    """The hand-over `path` is the file of, or None: any byte changed gives another hash."""
    sha, _ = file_hash(path)
    row = _listed().where(RegisterHandover.sha256 == sha).first()
    return _view(row, row.handed_by.code) if row else None
