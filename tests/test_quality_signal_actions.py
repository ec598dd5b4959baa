"""Reading a quality signal (its chart and the complaints behind it) and acting on it: acknowledged with a
note, or sent to its shops as a rectification — audited, a team lead or the manager only, over the version
read."""

from datetime import date

import pytest

from aftersales.domain.enums import EventKind
from aftersales.domain.errors import ConflictError, InvalidInput, PermissionDenied
from aftersales.services.quality.actions import acknowledge, send_to_shop
from aftersales.services.quality.read import list_signals, new_signals_count, signal
from aftersales.services.quality.signals import compute_signals
from aftersales.store.models import Event, SupervisionVisit

from .quality_factories import put_months, put_shop
from .report_factories import local, put_complaint
from .test_quality_signals import FLAT, LAST


def _jump(desk):
    put_months("S001", LAST, [*FLAT, 30])
    compute_signals(desk, LAST)
    return next(view for view in list_signals(LAST) if view.scope == "shop")


def test_the_list_and_the_dashboard_count(desk, staff):
    view = _jump(desk)
    views = list_signals(LAST)
    assert [(each.scope, each.key, each.rule) for each in views] == [
        ("shop", "S001", "beyond_3s"), ("brand", "欧派家居", "beyond_3s"), ("category", "furniture", "beyond_3s")]
    assert view.label == "欧派家居" and view.state == "new" and view.acted_by is None
    assert new_signals_count() == 3
    assert list_signals("2026-09") == [] and list_signals(state="acknowledged") == []


def test_a_signal_shows_its_chart_and_the_complaints_behind_it(desk, staff):
    view = _jump(desk)
    inside = put_complaint(local(date(2026, 10, 12)), shop="S001")
    put_complaint(local(date(2026, 9, 30)), shop="S001")  # before the pattern began
    put_complaint(local(date(2026, 10, 12)), shop="S002")
    detail = signal(view.id)
    assert [point.period for point in detail.points][0] == "2025-10" and len(detail.points) == 13
    last = detail.points[-1]
    # The summaries now hold the complaints put above too: 31 in October, 11 in September (baseline 121/12).
    assert (last.period, last.value, last.count) == (LAST, 31.0, 31)
    assert last.centre == pytest.approx(121 / 12) and last.upper == pytest.approx(121 / 12 + 3 * (121 / 12) ** 0.5)
    assert detail.complaint_filter == {"scope": "shop", "key": "S001", "shop_codes": ["S001"], "brand": None,
                                       "category": None, "date_from": "2026-10-01", "date_to": "2026-10-31"}
    assert detail.complaint_ids == [inside]


def test_a_lead_acknowledges_with_a_note(desk, staff):
    view = _jump(desk)
    done = acknowledge(desk, staff["lead01"], view.id, view.version, "已电话约谈店长")
    assert (done.state, done.note, done.acted_by, done.version) == ("acknowledged", "已电话约谈店长", "lead01", 2)
    event = Event.select().order_by(Event.id.desc()).first()
    assert (event.kind, event.field, event.old, event.note) == (EventKind.SIGNAL_ACKNOWLEDGED.value, "signal", "new",
                                                                "已电话约谈店长")
    assert event.new == f"{LAST} shop S001 beyond_3s"
    assert new_signals_count() == 2
    compute_signals(desk, LAST)  # a later computation keeps it
    assert signal(view.id).view.state == "acknowledged"


def test_a_stale_version_or_a_second_action_is_refused(desk, staff):
    view = _jump(desk)
    acknowledge(desk, staff["mgr01"], view.id, view.version, "已知悉")
    with pytest.raises(ConflictError):
        acknowledge(desk, staff["lead01"], view.id, view.version, "再次确认")
    with pytest.raises(InvalidInput) as refused:
        send_to_shop(desk, staff["lead01"], view.id, view.version + 1, "请整改", None)
    assert refused.value.fields["note"].key == "signals.validation.acted_on"
    with pytest.raises(InvalidInput):
        acknowledge(desk, staff["lead01"], view.id + 1, 1, "x")  # a note of one character


@pytest.mark.parametrize("code", ["op01", "dc01", "admin"])
def test_only_a_lead_or_the_manager_acts_on_a_signal(desk, staff, code):
    view = _jump(desk)
    with pytest.raises(PermissionDenied):
        acknowledge(desk, staff[code], view.id, view.version, "已知悉")
    with pytest.raises(PermissionDenied):
        send_to_shop(desk, staff[code], view.id, view.version, "请整改", None)
    assert Event.select().order_by(Event.id.desc()).first().kind == EventKind.DENIED.value
    assert signal(view.id).view.state == "new"


def test_sending_a_shop_signal_records_a_visit_with_its_rectification(desk, staff):
    view = _jump(desk)
    done = send_to_shop(desk, staff["lead01"], view.id, view.version, "十月投诉激增，请排查沙发质量", date(2026, 12, 10))
    visit = SupervisionVisit.get_by_id(done.visit_id)
    assert (visit.shop.code, visit.rectification, visit.due_on, visit.state) == (
        "S001", "十月投诉激增，请排查沙发质量", date(2026, 12, 10), "open")
    assert (done.state, done.acted_by) == ("rectification", "lead01")
    kinds = [row.kind for row in Event.select().order_by(Event.id)][-2:]
    assert kinds == [EventKind.VISIT_RECORDED.value, EventKind.SIGNAL_SENT.value]


def test_a_brand_signal_goes_to_each_of_its_shops_whose_complaints_rose(desk, staff):
    for code in ("S004", "S005", "S006"):
        put_shop(code, f"顾家{code}", "furniture", brand="顾家")
    put_months("S004", LAST, [*FLAT, 30])  # rose
    put_months("S005", LAST, [*FLAT, 12])  # rose a little: above its 10 a month
    put_months("S006", LAST, [*FLAT, 9])  # did not
    compute_signals(desk, LAST)
    brand = next(view for view in list_signals(LAST) if view.scope == "brand" and view.key == "顾家")
    done = send_to_shop(desk, staff["mgr01"], brand.id, brand.version, "品牌投诉上升，请各店整改", None)
    visits = list(SupervisionVisit.select().order_by(SupervisionVisit.id))
    assert [visit.shop.code for visit in visits] == ["S004", "S005"]
    assert done.visit_id == visits[0].id and visits[0].due_on == date(2026, 12, 11)  # 14 days from the 27th
    event = Event.select().order_by(Event.id.desc()).first()
    assert event.new == f"{LAST} brand 顾家 beyond_3s → S004 #{visits[0].id} S005 #{visits[1].id} → 2026-12-11"
