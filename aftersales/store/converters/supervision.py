"""Supervision visit rows as views."""

from datetime import date
from typing import Any

from ...domain.supervision import RectificationState, VisitView, is_overdue
from ..models import Shop, Staff, SupervisionVisit


def visit_views(rows: list[Any], today: date) -> list[VisitView]:
    """Views of visit rows, their shops and recorders read in one query each."""
    shop_ids = {row.shop_id for row in rows}
    staff_ids = {row.recorded_by_id for row in rows}
    shops = {s.id: (s.code, s.name) for s in Shop.select(Shop.id, Shop.code, Shop.name).where(Shop.id.in_(list(shop_ids)))} \
        if shop_ids else {}
    staff = {s.id: s.code for s in Staff.select(Staff.id, Staff.code).where(Staff.id.in_(list(staff_ids)))} \
        if staff_ids else {}
    out = []
    for row in rows:
        state = RectificationState(row.state)
        code, name = shops.get(row.shop_id, ("", ""))
        out.append(VisitView(
            id=row.id, shop_code=code, shop_name=name, visited_on=row.visited_on, findings=row.findings,
            rectification=row.rectification, due_on=row.due_on, state=state, followed_up_on=row.followed_up_on,
            follow_up=row.follow_up, recorded_by=staff.get(row.recorded_by_id, ""), recorded_at=row.recorded_at,
            version=row.version, overdue=is_overdue(state, row.due_on, today),
        ))
    return out


def visit_view(visit_id: int, today: date) -> VisitView:
    return visit_views([SupervisionVisit.get_by_id(visit_id)], today)[0]
