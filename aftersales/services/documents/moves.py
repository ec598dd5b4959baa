"""Moving a range of document numbers: received, issued to a shop, returned, used, voided or lost.

Writers run one at a time (SQLite's IMMEDIATE transaction, PostgreSQL's write lock at BEGIN), so the
segments read here cannot change before the replacement is written.
"""

from typing import Any

from ...domain.documents.enums import DocumentKind, DocumentMove, NumberState
from ...domain.documents.numbers import LARGEST, parse_number, written_range
from ...domain.documents.ranges import Clash, Segment, clashes, moved
from ...domain.documents.schemas import MoveView, RangeInput
from ...domain.enums import EventKind
from ...domain.errors import DeskError, FieldError, InvalidInput, Phrase
from ...domain.permissions import Action
from ...domain.schemas import StaffView
from ...store.converters.documents import move_view, segment_of
from ...store.db import write_transaction
from ...store.models import DocumentMoveRecord, DocumentRange, Shop
from ..audit import append_event
from ..context import Desk
from ..guard import require
from ..unit import unit_of_work
from ..validation import validate

# A batch is at most this many numbers (a million price tags is one batch, still one row).
LARGEST_BATCH = 10_000_000
# Moves that name the shop reporting or receiving the numbers.
SHOP_NEEDED = frozenset({DocumentMove.ISSUE, DocumentMove.RETURN, DocumentMove.USE})
EVENT_OF: dict[DocumentMove, EventKind] = {
    DocumentMove.RECEIVE: EventKind.DOCUMENTS_RECEIVED,
    DocumentMove.ISSUE: EventKind.DOCUMENTS_ISSUED,
    DocumentMove.RETURN: EventKind.DOCUMENTS_RETURNED,
    DocumentMove.USE: EventKind.DOCUMENTS_USED,
    DocumentMove.VOID: EventKind.DOCUMENTS_VOIDED,
    DocumentMove.LOSE: EventKind.DOCUMENTS_LOST,
}


class RangeRefused(DeskError):
    """A move some numbers of the range may not make; the message names them."""

    key = "documents.refused"


def _number(kind: DocumentKind, text: str, field: str) -> int:
    parsed = parse_number(text)
    if parsed is None or (parsed[0] is not None and parsed[0] is not kind) or parsed[1] > LARGEST:
        raise InvalidInput({field: FieldError("documents.validation.number", kind=kind)})
    return parsed[1]


def bounds(valid: RangeInput) -> tuple[int, int]:
    """The range's first and last number; refused under its field when they are not numbers of the kind."""
    first = _number(valid.kind, valid.first, "first")
    last = _number(valid.kind, valid.last, "last") if valid.last else first
    if last < first:
        raise InvalidInput({"last": FieldError("documents.validation.backwards")})
    if last - first + 1 > LARGEST_BATCH:
        raise InvalidInput({"last": FieldError("documents.validation.too_many", most=LARGEST_BATCH)})
    return first, last


def touching(kind: DocumentKind, first: int, last: int) -> list[Any]:
    """Stored ranges of `kind` overlapping first..last (ranges never overlap, so the one starting at or
    before `first` is the only one that can reach in from the left)."""
    before = (DocumentRange.select().where((DocumentRange.kind == kind.value) & (DocumentRange.first <= first))
              .order_by(DocumentRange.first.desc()).limit(1))
    inside = DocumentRange.select().where(
        (DocumentRange.kind == kind.value) & (DocumentRange.first > first) & (DocumentRange.first <= last))
    rows = [row for row in before if row.last >= first] + list(inside)
    return rows


def refusal(kind: DocumentKind, found: list[Clash], codes: dict[int, str]) -> dict[str, Any]:
    """What names the numbers that refuse the move and where they are: the first five, and how many more."""
    parts = []
    for clash in found[:5]:
        numbers = written_range(kind, clash.first, clash.last)
        where: Phrase | NumberState
        if clash.state is None:
            where = Phrase("documents.clash.unknown")
        elif clash.state is NumberState.ISSUED:
            where = Phrase("documents.clash.issued", shop=codes.get(clash.shop_id or 0, "?"))
        else:
            where = clash.state
        parts.append(Phrase("documents.clash.part", numbers=numbers, where=where))
    more = len(found) - 5
    return {"numbers": tuple(parts), "more": Phrase("documents.clash.more", count=more) if more > 0 else ""}


def _shop_id(valid: RangeInput) -> int | None:
    if not valid.shop_code:
        if valid.move in SHOP_NEEDED:
            raise InvalidInput({"shop_code": FieldError("documents.validation.shop_missing")})
        return None
    if valid.move is DocumentMove.RECEIVE:
        raise InvalidInput({"shop_code": FieldError("documents.validation.no_shop_on_receive")})
    row = Shop.get_or_none(Shop.code == valid.shop_code.upper())
    if row is None:
        raise InvalidInput({"shop_code": FieldError("documents.validation.no_shop", code=valid.shop_code)})
    if valid.move is DocumentMove.ISSUE and not row.active:
        raise InvalidInput({"shop_code": FieldError("documents.validation.shop_inactive", code=row.code)})
    return int(row.id)


@unit_of_work
def move_documents(desk: Desk, actor: StaffView, data: RangeInput | dict[str, object]) -> MoveView:
    """Make one move over a range of numbers, or refuse naming every number that may not make it."""
    require(desk, actor, Action.MANAGE_DOCUMENTS)
    valid = validate(RangeInput, data)
    first, last = bounds(valid)
    now = desk.clock()
    with write_transaction(f"recording documents {valid.first}"):
        shop_id = _shop_id(valid)
        rows = touching(valid.kind, first, last)
        segments = [segment_of(row) for row in rows]
        found = clashes(segments, first, last, valid.move, shop_id)
        if found:
            ids = {c.shop_id for c in found if c.shop_id is not None}
            codes = {s.id: s.code for s in Shop.select(Shop.id, Shop.code).where(Shop.id.in_(list(ids)))} if ids else {}
            raise RangeRefused(move=valid.move, **refusal(valid.kind, found, codes))
        _replace(valid.kind, rows, moved(segments, first, last, valid.move, shop_id, now))
        record = DocumentMoveRecord.create(kind=valid.kind.value, move=valid.move.value, first=first, last=last,
                                           shop=shop_id, at=now, actor=actor.id, note=valid.note)
        append_event(now, actor, EVENT_OF[valid.move], field="documents",
                     new=f"{valid.shop_code.upper()} {written_range(valid.kind, first, last)}".strip(),
                     note=valid.note)
        return move_view(record)


def _replace(kind: DocumentKind, rows: list[Any], segments: list[Segment]) -> None:
    if rows:
        DocumentRange.delete().where(DocumentRange.id.in_([row.id for row in rows])).execute()
    for segment in segments:
        DocumentRange.create(kind=kind.value, first=segment.first, last=segment.last, state=segment.state.value,
                             shop=segment.shop_id, since=segment.since)
