"""Document range and move rows as the documents section's segments and views."""

from typing import Any

from ...domain.documents.enums import DocumentKind, DocumentMove, NumberState
from ...domain.documents.numbers import written_range
from ...domain.documents.ranges import Segment
from ...domain.documents.schemas import MoveView
from ..models import Shop, Staff


def segment_of(row: Any) -> Segment:
    return Segment(int(row.first), int(row.last), NumberState(row.state), row.shop_id, row.since)


def move_views(rows: list[Any]) -> list[MoveView]:
    """Views of move rows, their shops and actors read in one query each."""
    shop_ids = {row.shop_id for row in rows if row.shop_id is not None}
    staff_ids = {row.actor_id for row in rows if row.actor_id is not None}
    shops = {s.id: (s.code, s.name) for s in Shop.select(Shop.id, Shop.code, Shop.name).where(Shop.id.in_(list(shop_ids)))} \
        if shop_ids else {}
    staff = {s.id: s.code for s in Staff.select(Staff.id, Staff.code).where(Staff.id.in_(list(staff_ids)))} \
        if staff_ids else {}
    out = []
    for row in rows:
        kind = DocumentKind(row.kind)
        code, name = shops.get(row.shop_id, ("", ""))
        out.append(MoveView(
            kind=kind, move=DocumentMove(row.move), first=int(row.first), last=int(row.last),
            written=written_range(kind, int(row.first), int(row.last)), count=int(row.last) - int(row.first) + 1,
            shop_code=code, shop_name=name, at=row.at, actor_code=staff.get(row.actor_id, ""), note=row.note,
        ))
    return out


def move_view(row: Any) -> MoveView:
    return move_views([row])[0]
