"""What a lead does with a quality signal: acknowledge it with a note, or send it to its shops as a
rectification (a supervision visit each). Both audited; a team lead or the manager only; saved only over
the version the lead was shown."""

from datetime import date, timedelta
from typing import Any

from ...domain.enums import EventKind
from ...domain.errors import ConflictError, FieldError, InvalidInput, NotFound
from ...domain.permissions import Action
from ...domain.quality.schemas import Scope, SignalNote, SignalState, SignalView
from ...domain.schemas import StaffView
from ...store.db import write_transaction
from ...store.models import QualitySignal
from ...store.versioned import VersionedRecord
from ..audit import append_event
from ..context import Desk
from ..guard import require
from ..supervision.visits import local_today, record_visit
from ..unit import unit_of_work
from ..validation import validate
from .read import signal_view
from .series import read_series, shop_facts, window_names

# A rectification sent without a due date is due this many days later.
DEFAULT_DUE_DAYS = 14
SIGNAL_RECORD = VersionedRecord(
    QualitySignal,
    missing=lambda signal_id: NotFound(what=f"#{signal_id}"),
    conflict=lambda row, _version: ConflictError(number=f"{row.label or row.key} {row.period}"),
)


def _what(row: Any) -> str:
    return f"{row.period} {row.scope} {row.key} {row.rule}"


def _open(signal_id: int, version: int) -> Any:
    row = SIGNAL_RECORD.load(signal_id, version)
    if row.state != SignalState.NEW.value:
        raise InvalidInput({"note": FieldError("signals.validation.acted_on")})
    return row


@unit_of_work
def acknowledge(desk: Desk, actor: StaffView, signal_id: int, version: int, note: str) -> SignalView:
    """The lead has seen the signal and says why nothing more is needed (or what is being done)."""
    require(desk, actor, Action.ACT_ON_SIGNALS)
    valid = validate(SignalNote, {"note": note})
    now = desk.clock()
    with write_transaction(f"acknowledging quality signal #{signal_id}"):
        row = _open(signal_id, version)
        SIGNAL_RECORD.save(row, version, {"state": SignalState.ACKNOWLEDGED.value, "note": valid.note,
                                          "acted_by": actor.id, "acted_at": now})
        append_event(now, actor, EventKind.SIGNAL_ACKNOWLEDGED, field="signal", old=row.state, new=_what(row),
                     note=valid.note)
        return signal_view(QualitySignal.get_by_id(signal_id), actor.code)


def shops_behind(row: Any) -> list[str]:
    """The codes of the shops a signal goes to: its own shop; for a brand or a category, each of its shops
    whose complaints in the period rose above their average over the periods before, and at least the one
    with the most complaints in the period."""
    facts = shop_facts()
    if row.scope == Scope.SHOP:
        return [row.key]
    members = {shop.code for shop in facts.values() if shop.key(row.scope) == row.key}
    _, names = window_names(row.period, row.grain)
    rose: list[tuple[int, str]] = []
    biggest: tuple[int, str] | None = None
    for series in read_series(row.period, row.grain, Scope.SHOP.value):
        if series.key not in members:
            continue
        points = series.points(names)
        if not points or points[-1].period != row.period:
            continue
        now = points[-1].count
        before = [point.count for point in points[:-1]]
        if before and now > sum(before) / len(before):
            rose.append((now, series.key))
        if biggest is None or (now, series.key) > biggest:
            biggest = (now, series.key)
    chosen = sorted(rose, key=lambda pair: (-pair[0], pair[1]))
    if not chosen and biggest is not None:
        chosen = [biggest]
    return [code for _, code in chosen]


@unit_of_work
def send_to_shop(desk: Desk, actor: StaffView, signal_id: int, version: int, note: str,
                 due_on: date | None) -> SignalView:
    """Ask the shop(s) behind the signal to put it right: one supervision visit each, with the lead's note as
    the findings and the rectification, due on `due_on` (by default DEFAULT_DUE_DAYS from today)."""
    require(desk, actor, Action.ACT_ON_SIGNALS)
    valid = validate(SignalNote, {"note": note})
    today = local_today(desk)
    due = due_on or today + timedelta(days=DEFAULT_DUE_DAYS)
    now = desk.clock()
    with write_transaction(f"sending quality signal #{signal_id} to its shops"):
        row = _open(signal_id, version)
        codes = shops_behind(row)
        if not codes:
            raise InvalidInput({"note": FieldError("signals.validation.no_shop")})
        visits = [record_visit(desk, actor, {"shop_code": code, "visited_on": today, "findings": valid.note,
                                             "rectification": valid.note, "due_on": due}) for code in codes]
        SIGNAL_RECORD.save(row, version, {"state": SignalState.RECTIFICATION.value, "note": valid.note,
                                          "acted_by": actor.id, "acted_at": now, "visit": visits[0].id})
        sent = " ".join(f"{visit.shop_code} #{visit.id}" for visit in visits)
        append_event(now, actor, EventKind.SIGNAL_SENT, field="signal", old=row.state,
                     new=f"{_what(row)} → {sent} → {due.isoformat()}", note=valid.note)
        return signal_view(QualitySignal.get_by_id(signal_id), actor.code)
