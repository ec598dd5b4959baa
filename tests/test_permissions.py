"""Every role against every service action: allowed ones work, refused ones are audited."""

import re
from collections.abc import Callable

import pytest

from aftersales.domain.enums import ComplaintStatus, EventKind, Role
from aftersales.domain.errors import PermissionDenied
from aftersales.domain.permissions import MATRIX, Action
from aftersales.domain.schemas import ComplaintView, StaffView
from aftersales.services.complaints import actions as act
from aftersales.services.complaints.intake import create_complaint
from aftersales.services.context import Desk
from aftersales.services.staff import auth
from aftersales.store.models import Event

from .factories import complaint_data, new_complaint

ROLE_ACCOUNT = {
    Role.OPERATOR: "op01",
    Role.LEAD: "lead01",
    Role.MANAGER: "mgr01",
    Role.DELIVERY: "dc01",
    Role.ADMIN: "admin",
}


def _investigating(desk: Desk, staff: dict[str, StaffView]) -> ComplaintView:
    c = new_complaint(desk, staff["op02"])
    c = act.acknowledge(desk, staff["op02"], c.id, c.version)
    return act.change_status(desk, staff["op02"], c.id, ComplaintStatus.INVESTIGATING, c.version)


def _new(desk: Desk, staff: dict[str, StaffView]) -> ComplaintView:
    return new_complaint(desk, staff["op02"])


Call = Callable[[Desk, StaffView, ComplaintView], object]

SERVICE_CALLS: dict[str, tuple[Action, Callable[..., ComplaintView], Call]] = {
    "create_complaint": (Action.INTAKE, _new, lambda d, a, c: create_complaint(d, a, complaint_data())),
    "acknowledge": (Action.ACKNOWLEDGE, _new, lambda d, a, c: act.acknowledge(d, a, c.id, c.version)),
    "assign_self": (Action.ASSIGN_SELF, _new, lambda d, a, c: act.assign(d, a, c.id, a.code, c.version)),
    "assign_other": (Action.ASSIGN_ANY, _new, lambda d, a, c: act.assign(d, a, c.id, "op02", c.version)),
    "add_note": (Action.NOTE, _new, lambda d, a, c: act.add_note(d, a, c.id, {"text": "客户来电催促"})),
    "change_status": (
        Action.CHANGE_STATUS,
        _investigating,
        lambda d, a, c: act.change_status(d, a, c.id, ComplaintStatus.AWAITING_CUSTOMER, c.version),
    ),
    "resolve": (
        Action.RESOLVE,
        _investigating,
        lambda d, a, c: act.resolve(d, a, c.id, {"decision": "上门维修", "remedy": "repair"}, c.version),
    ),
    "withdraw": (Action.WITHDRAW, _new, lambda d, a, c: act.withdraw(d, a, c.id, {"reason": "客户撤诉"}, c.version)),
    "merge_duplicate": (
        Action.MERGE,
        _new,
        lambda d, a, c: act.merge_duplicate(d, a, c.id, "TS-20261127-0001", c.version),
    ),
    "create_staff": (
        Action.MANAGE_STAFF,
        _new,
        lambda d, a, c: auth.create_staff(d, a, {"code": "op09", "name": "新人", "role": "operator", "pin": "9999"}),
    ),
}


def _expected(role: Role, name: str, action: Action) -> bool:
    if name == "assign_self":
        # Taking a complaint for oneself only makes sense for desk roles.
        return role in MATRIX[Action.ASSIGN_SELF] and role in (Role.OPERATOR, Role.LEAD, Role.MANAGER)
    return role in MATRIX[action]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", list(SERVICE_CALLS))
def test_role_may_or_may_not_call_service(desk, staff, role, name):
    action, prepare, call = SERVICE_CALLS[name]
    new_complaint(desk, staff["op02"])  # TS-20261127-0001, the merge target
    complaint = prepare(desk, staff)
    actor = staff[ROLE_ACCOUNT[role]]
    before = Event.select().count()
    if _expected(role, name, action):
        call(desk, actor, complaint)
        assert Event.select().where(Event.kind == EventKind.DENIED.value).count() == 0
    else:
        with pytest.raises(PermissionDenied):
            call(desk, actor, complaint)
        denied = list(Event.select().where(Event.id > 0).order_by(Event.id.desc()).limit(1))[0]
        assert Event.select().count() == before + 1
        assert denied.kind == EventKind.DENIED.value
        assert denied.actor_id == actor.id


def test_operator_cannot_take_a_complaint_owned_by_another(desk, staff):
    c = new_complaint(desk, staff["op02"])
    c = act.acknowledge(desk, staff["op02"], c.id, c.version)  # op02 now owns it
    with pytest.raises(PermissionDenied):
        act.assign(desk, staff["op01"], c.id, "op01", c.version)
    last = Event.select().order_by(Event.id.desc()).first()
    assert (last.kind, last.actor_id, last.complaint_id) == (EventKind.DENIED.value, staff["op01"].id, c.id)


def test_lead_can_reassign_to_anyone(desk, staff):
    c = new_complaint(desk, staff["op02"])
    c = act.acknowledge(desk, staff["op02"], c.id, c.version)
    c = act.assign(desk, staff["lead01"], c.id, "op01", c.version)
    assert c.assignee is not None and c.assignee.code == "op01"


REFUSED = [(role, action) for action in Action for role in Role if role not in MATRIX[action]]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_refusal_names_the_role_and_the_action_in_words(language):
    from aftersales import i18n
    from aftersales.domain.permissions import require

    assert len(REFUSED) > 40  # every role is refused something
    i18n.set_language(language)
    for role, action in REFUSED:
        with pytest.raises(PermissionDenied) as refused:
            require(role, action)
        line = i18n.error_text(refused.value)
        assert i18n.t(f"enum.Action.{action.value}") in line, line
        assert i18n.t(f"error.who.{role.value}") in line, line
        assert f" {action.value}." not in line, line  # no raw code
        assert "_" not in line and "{" not in line, line
        if language == "en":
            assert not re.search(r"\b[Aa] [AEIOUaeiou]", line), line  # "a Operator", "a operator"
            assert line[0].isupper() and line.endswith("."), line
            assert line == f"{i18n.t(f'error.who.{role.value}')} may not {i18n.t(f'enum.Action.{action.value}')}."
        else:
            assert not re.search(r"[A-Za-z]", line), line
            assert line.endswith("。"), line


def test_an_operator_reads_what_they_may_not_do():
    from aftersales import i18n
    from aftersales.domain.permissions import require

    with pytest.raises(PermissionDenied) as refused:
        require(Role.OPERATOR, Action.DECIDE_VIOLATION)
    assert i18n.error_text(refused.value) == "An operator may not confirm or waive violations."
    i18n.set_language("zh")
    assert i18n.error_text(refused.value) == "客服专员无权确认或免除违规。"
