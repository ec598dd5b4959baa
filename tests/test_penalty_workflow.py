"""Proposing and deciding violations through the services, on SQLite and PostgreSQL."""

from datetime import date

import pytest

from aftersales.domain.enums import EventKind
from aftersales.domain.errors import InvalidInput, NotFound, PermissionDenied
from aftersales.domain.penalties.workflow import AlreadyDecided, StepRefused
from aftersales.domain.schemas import StaffView
from aftersales.services.audit import verify_chain
from aftersales.services.penalties.decide import (
    ConsequenceChanged,
    appeal_violation,
    confirm_violation,
    decide_appeal,
    decide_review,
    waive_violation,
)
from aftersales.services.penalties.read import confirm_consequence, ledger, own_subject, people, to_confirm
from aftersales.store.models import Event, PenaltyEntry

from .factories import new_complaint
from .penalty_factories import desk_at, ledger_sum, propose, proposed_and_confirmed, stored

Staff = dict[str, StaffView]


def entries(violation_id: int) -> list[tuple[str, str, int, bool]]:
    query = PenaltyEntry.select().where(PenaltyEntry.violation == violation_id).order_by(PenaltyEntry.id)
    return [(e.month, e.kind, e.amount_fen, e.deducted) for e in query]


def test_a_proposal_waits_for_a_decision_and_costs_nothing(staff: Staff) -> None:
    violation_id = propose(desk_at(), staff["op01"])
    row = stored(violation_id)
    assert (row.status, row.tier, row.amount_fen) == ("proposed", None, 0)
    assert entries(violation_id) == []
    waiting = to_confirm(desk_at(), staff["lead01"])
    assert [(item.violation.id, item.waiting, item.can_decide) for item in waiting] == [(violation_id, "proposal", True)]


def test_confirming_fixes_tier_and_amount_and_charges_this_payroll_month(staff: Staff) -> None:
    first = proposed_and_confirmed(desk_at(), staff, day=date(2026, 3, 2))
    second = proposed_and_confirmed(desk_at(), staff, day=date(2026, 6, 9))
    assert [(stored(i).status, stored(i).tier, stored(i).amount_fen) for i in (first, second)] == [
        ("confirmed", 1, 5000), ("confirmed", 2, 10000)]
    assert entries(second) == [("2026-11", "charge", 10000, False)]
    assert ledger_sum(staff["op02"].id) == 15000


def test_third_violation_opens_dismissal_review_which_the_manager_decides(staff: Staff) -> None:
    ids = [proposed_and_confirmed(desk_at(), staff, day=date(2026, m, 1)) for m in (2, 4, 6)]
    assert [stored(i).review for i in ids] == ["none", "none", "open"]
    assert ledger(desk_at(), staff["op02"], own_subject(staff["op02"])).open_review
    with pytest.raises(PermissionDenied):
        decide_review(desk_at(), staff["lead01"], ids[2], {"dismiss": False, "note": "再观察"})
    decide_review(desk_at(), staff["mgr01"], ids[2], {"dismiss": False, "note": "留用察看三个月"})
    assert stored(ids[2]).review == "retained"
    with pytest.raises(AlreadyDecided):
        decide_review(desk_at(), staff["mgr01"], ids[2], {"dismiss": True, "note": "辞退"})


def test_the_consequence_spells_out_the_third_violation_before_confirming(staff: Staff) -> None:
    for month in (2, 4):
        proposed_and_confirmed(desk_at(), staff, day=date(2026, month, 1))
    third = propose(desk_at(), staff["op01"], day=date(2026, 11, 2))
    shown = confirm_consequence(desk_at(), staff["lead01"], third)
    assert (shown.tier, shown.amount_fen, shown.opens_review, shown.month) == (3, 20000, True, "2026-11")
    assert shown.subject.name == "李娜" and shown.others == ()


@pytest.mark.parametrize(
    ("proposer", "subject", "decider", "key"),
    [
        ("op01", "lead01", "lead01", "penalties.error.own_violation"),
        ("lead01", "op02", "lead01", "penalties.error.own_proposal"),
        ("mgr01", "op02", "mgr01", "penalties.error.own_proposal"),
        ("op01", "op02", "op01", "error.permission"),
        ("op01", "op02", "dc01", "error.permission"),
    ],
)
def test_four_eyes_refusals_are_audited_and_change_nothing(
    staff: Staff, proposer: str, subject: str, decider: str, key: str
) -> None:
    violation_id = propose(desk_at(), staff[proposer], subject)
    for act in (lambda: confirm_violation(desk_at(), staff[decider], violation_id),
                lambda: waive_violation(desk_at(), staff[decider], violation_id, {"reason": "情有可原"})):
        with pytest.raises(PermissionDenied) as refused:
            act()
        assert refused.value.key == key
    assert stored(violation_id).status == "proposed"
    assert Event.select().where(Event.kind == EventKind.DENIED.value).count() == 2
    assert [item.can_decide for item in to_confirm(desk_at(), staff["lead01"])] == [
        decider != "lead01" and "lead01" not in (proposer, subject)]


def test_discretionary_fines_are_decided_by_a_manager_and_do_not_count_towards_the_ladder(staff: Staff) -> None:
    loss = propose(desk_at(), staff["op01"], rule="loss_by_rule_breach", day=date(2026, 5, 1),
                   loss="未核实地址导致二次送货，运费损失 380 元")
    with pytest.raises(PermissionDenied):
        confirm_violation(desk_at(), staff["lead01"], loss, {"amount_fen": 38000})
    with pytest.raises(InvalidInput) as missing:
        confirm_violation(desk_at(), staff["mgr01"], loss, {})
    assert "amount_fen" in missing.value.fields
    confirm_violation(desk_at(), staff["mgr01"], loss, {"amount_fen": 38000})
    assert (stored(loss).tier, stored(loss).amount_fen) == (None, 38000)
    ladder = proposed_and_confirmed(desk_at(), staff, day=date(2026, 6, 1))
    assert stored(ladder).tier == 1
    assert ledger_sum(staff["op02"].id) == 43000


def test_a_waived_violation_needs_a_reason_and_never_counts(staff: Staff) -> None:
    waived = propose(desk_at(), staff["op01"], day=date(2026, 2, 1))
    with pytest.raises(InvalidInput):
        waive_violation(desk_at(), staff["lead01"], waived, {"reason": ""})
    waive_violation(desk_at(), staff["lead01"], waived, {"reason": "系统故障导致超时"})
    later = proposed_and_confirmed(desk_at(), staff, day=date(2026, 3, 1))
    assert (stored(waived).status, stored(later).tier) == ("waived", 1)
    with pytest.raises(AlreadyDecided):
        confirm_violation(desk_at(), staff["lead01"], waived)


def test_a_decision_taken_twice_hears_already_decided(staff: Staff) -> None:
    violation_id = propose(desk_at(), staff["op01"])
    confirm_violation(desk_at(), staff["lead01"], violation_id)
    with pytest.raises(AlreadyDecided) as again:
        confirm_violation(desk_at(), staff["mgr01"], violation_id)
    assert again.value.key == "penalties.error.already_decided"
    with pytest.raises(AlreadyDecided):
        waive_violation(desk_at(), staff["mgr01"], violation_id, {"reason": "撤回"})
    assert entries(violation_id) == [("2026-11", "charge", 5000, False)]


def test_appeals_are_lodged_once_by_the_subject_and_decided_by_someone_else(staff: Staff) -> None:
    violation_id = proposed_and_confirmed(desk_at(), staff)
    with pytest.raises(PermissionDenied):
        appeal_violation(desk_at(), staff["op01"], violation_id, {"reason": "替同事申诉"})
    appeal_violation(desk_at(), staff["op02"], violation_id, {"reason": "当天系统故障"})
    assert stored(violation_id).status == "appealed"
    assert [item.waiting for item in to_confirm(desk_at(), staff["lead01"])] == ["appeal"]
    decide_appeal(desk_at(), staff["lead01"], violation_id, {"overturn": False, "note": "日志显示系统正常"})
    row = stored(violation_id)
    assert (row.status, row.appeal_decision, row.amount_fen) == ("confirmed", "upheld", 5000)
    with pytest.raises(StepRefused) as twice:
        appeal_violation(desk_at(), staff["op02"], violation_id, {"reason": "再次申诉"})
    assert twice.value.key == "penalties.error.appealed_once"


def test_nobody_decides_an_appeal_they_lodged_or_that_is_about_them(staff: Staff) -> None:
    against_lead = proposed_and_confirmed(desk_at(), staff, subject="lead01", decider="mgr01")
    decider = staff["mgr01"]
    appeal_violation(desk_at(), staff["lead01"], against_lead, {"reason": "不属实"})
    with pytest.raises(PermissionDenied):
        decide_appeal(desk_at(), staff["lead01"], against_lead, {"overturn": True, "note": "撤销"})
    decide_appeal(desk_at(), decider, against_lead, {"overturn": True, "note": "核实不属实"})
    assert stored(against_lead).status == "overturned"
    assert ledger_sum(staff["lead01"].id) == 0


def test_the_confirmation_is_refused_when_its_consequence_moved_since_it_was_shown(staff: Staff) -> None:
    proposed_and_confirmed(desk_at(), staff, day=date(2026, 5, 1))
    violation_id = propose(desk_at(), staff["op01"], day=date(2026, 9, 1))
    shown = confirm_consequence(desk_at(), staff["lead01"], violation_id)
    earlier = propose(desk_at(), staff["op01"], day=date(2026, 2, 1))
    confirm_violation(desk_at(), staff["mgr01"], earlier)
    with pytest.raises(ConsequenceChanged) as moved:
        confirm_violation(desk_at(), staff["lead01"], violation_id, shown_tier=shown.tier)
    assert moved.value.params == {"id": violation_id, "tier": 3, "shown": 2}
    assert stored(violation_id).status == "proposed"
    confirm_violation(desk_at(), staff["lead01"], violation_id, shown_tier=3)
    assert stored(violation_id).review == "open"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"subject_code": "op99"}, "subject_code"),
        ({"subject_code": ""}, "subject_code"),
        ({"subject_kind": "shop", "subject_code": "S999"}, "subject_code"),
        ({"rule_code": "sleeping"}, "rule_code"),
        ({"rule_code": "loss_by_rule_breach"}, "loss"),
        ({"day": date(2026, 11, 28)}, "incident_date"),
        ({"complaint_number": "TS-20261127-9999"}, "complaint_number"),
    ],
)
def test_a_proposal_is_refused_under_the_field_that_is_wrong(staff: Staff, changes: dict[str, object], field: str) -> None:
    changes = dict(changes)  # the same dict serves both engines
    kind = str(changes.pop("subject_kind", "staff"))
    subject = str(changes.pop("subject_code", "op02"))
    with pytest.raises(InvalidInput) as refused:
        propose(desk_at(), staff["op01"], subject, str(changes.pop("rule_code", "late_acknowledgement")),
                kind=kind, **changes)
    assert list(refused.value.fields) == [field]


def test_shops_and_the_department_have_ledgers_of_their_own(staff: Staff) -> None:
    complaint = new_complaint(desk_at(), staff["op01"])
    shop = propose(desk_at(), staff["op01"], "S002", "not_confirmed_with_customer", kind="shop",
                   complaint_number=complaint.number)
    department = propose(desk_at(), staff["op01"], "", "major_incident_not_reported", kind="department")
    for violation_id in (shop, department):
        confirm_violation(desk_at(), staff["lead01"], violation_id)
    summary = {(s.subject.kind.value, s.subject.code): (s.window_count, s.window_fen) for s in people(desk_at(), staff["mgr01"])}
    assert summary == {("shop", "S002"): (1, 5000), ("department", ""): (1, 5000)}
    assert stored(shop).complaint_id == complaint.id and stored(shop).review == "none"


def test_an_operator_reads_only_their_own_ledger(staff: Staff) -> None:
    proposed_and_confirmed(desk_at(), staff)
    mine = ledger(desk_at(), staff["op02"], own_subject(staff["op02"]))
    assert (mine.window_count, mine.window_fen, mine.charged_fen, mine.deducted_fen) == (1, 5000, 5000, 0)
    with pytest.raises(PermissionDenied):
        ledger(desk_at(), staff["op01"], own_subject(staff["op02"]))
    with pytest.raises(PermissionDenied):
        people(desk_at(), staff["op01"])
    assert ledger(desk_at(), staff["lead01"], own_subject(staff["op02"])).window_fen == 5000
    with pytest.raises(NotFound):
        ledger(desk_at(), staff["lead01"], own_subject(staff["op02"]).model_copy(update={"code": "op77"}))


def test_every_step_is_an_audited_event_in_the_chain(staff: Staff) -> None:
    violation_id = proposed_and_confirmed(desk_at(), staff)
    appeal_violation(desk_at(), staff["op02"], violation_id, {"reason": "系统故障"})
    decide_appeal(desk_at(), staff["lead01"], violation_id, {"overturn": True, "note": "属实"})
    trail = Event.select().where(Event.field == f"violation:{violation_id}").order_by(Event.id)
    assert [(e.kind, e.old, e.new) for e in trail] == [
        ("violation_proposed", "", "proposed"),
        ("violation_confirmed", "proposed", "confirmed"),
        ("violation_appealed", "confirmed", "appealed"),
        ("appeal_overturned", "appealed", "overturned"),
    ]
    assert all(e.complaint_id is None for e in trail)
    assert verify_chain().first_broken is None
