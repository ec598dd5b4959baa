"""Supervision visits: recorded by a lead or operator, overdue once past due, closed by a follow-up."""

from datetime import date, timedelta

import pytest

from aftersales.domain.enums import EventKind
from aftersales.domain.errors import ConflictError, InvalidInput, PermissionDenied
from aftersales.domain.supervision import RectificationState
from aftersales.services.supervision.visits import (
    close_rectification,
    local_today,
    overdue_by_shop,
    overdue_rectifications,
    record_visit,
    shop_visits,
)
from aftersales.store.models import Event, Shop


def visit(desk, actor, days_ago: int, due_in: int | None, shop: str = "S001", rectification: str = "价签缺失，补齐"):
    today = local_today(desk)
    return record_visit(desk, actor, {
        "shop_code": shop, "visited_on": today - timedelta(days=days_ago), "findings": "展厅价格签缺失三处",
        "rectification": rectification if due_in is not None else "",
        "due_on": today - timedelta(days=days_ago) + timedelta(days=due_in) if due_in is not None else None,
    })


@pytest.mark.parametrize("code", ["op01", "lead01", "mgr01"])
def test_a_desk_member_records_a_visit_and_its_rectification_waits(desk, staff, code):
    view = visit(desk, staff[code], 2, 7)
    assert (view.state, view.overdue, view.recorded_by) == (RectificationState.OPEN, False, code)
    assert Event.get(Event.kind == EventKind.VISIT_RECORDED.value).new.startswith("S001 #")


def test_a_rectification_past_its_due_date_is_overdue_until_a_follow_up_closes_it(desk, staff):
    lead = staff["lead01"]
    late = visit(desk, lead, 20, 10)
    visit(desk, lead, 3, 7, shop="S002")
    visit(desk, lead, 1, None, shop="S003")
    today = local_today(desk)
    assert [v.id for v in overdue_rectifications(today)] == [late.id]
    s001 = Shop.get(Shop.code == "S001").id
    assert overdue_by_shop(today) == {s001: 1}
    assert shop_visits("S001", today)[0].overdue
    closed = close_rectification(desk, staff["op01"], late.id, {"followed_up_on": today, "note": "已补齐价签"},
                                 late.version)
    assert (closed.state, closed.overdue, closed.follow_up) == (RectificationState.CLOSED, False, "已补齐价签")
    assert overdue_rectifications(today) == []
    with pytest.raises(ConflictError):
        close_rectification(desk, lead, late.id, {"followed_up_on": today, "note": "再次复查"}, late.version)


def test_due_dates_and_rectifications_go_together(desk, staff):
    lead = staff["lead01"]
    today = local_today(desk)
    base = {"shop_code": "S001", "visited_on": today, "findings": "服务态度差"}
    for extra, field in [({"rectification": "培训"}, "due_on"), ({"due_on": today}, "rectification"),
                         ({"rectification": "培训", "due_on": today - timedelta(days=1)}, "due_on"),
                         ({"visited_on": today + timedelta(days=1)}, "visited_on"),
                         ({"shop_code": "S999"}, "shop_code")]:
        with pytest.raises(InvalidInput) as refused:
            record_visit(desk, lead, {**base, **extra})
        assert set(refused.value.fields) == {field}


def test_delivery_staff_may_not_record_visits(desk, staff):
    with pytest.raises(PermissionDenied):
        record_visit(desk, staff["dc01"], {"shop_code": "S001", "visited_on": date(2026, 11, 1), "findings": "检查"})
