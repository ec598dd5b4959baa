"""The demo's escalations: every trigger, level and state, consistent with the complaints' deadlines."""

from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import pytest

from aftersales.demo.build import build_demo
from aftersales.domain.clock import fixed_clock
from aftersales.domain.escalations.enums import EscalationState, EscalationTrigger
from aftersales.domain.sla import SlaPolicy
from aftersales.services.audit import verify_chain
from aftersales.services.context import Desk
from aftersales.services.escalations.read import review_queue
from aftersales.services.escalations.sweep import due_escalations
from aftersales.store.converters import staff_view
from aftersales.store.db import close_database, open_database
from aftersales.store.models import Complaint, Escalation, Staff

TODAY = date(2026, 11, 27)
DEMO_NOW = datetime.combine(TODAY, time(18, 0), SlaPolicy().zone)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, 3000, seed=7, today=TODAY)
    close_database()
    return path


@pytest.fixture
def demo(built: Path) -> Iterator[Path]:
    open_database(built)
    yield built
    close_database()


def test_the_demo_has_escalations_of_every_trigger_level_and_state(demo: Path) -> None:
    found = {(trigger, level, state) for trigger, level, state in
             Escalation.select(Escalation.trigger, Escalation.level, Escalation.state).distinct().tuples()}
    assert {EscalationTrigger(trigger) for trigger, _, _ in found} == set(EscalationTrigger)
    assert {level for _, level, _ in found} == {1, 2}
    assert {EscalationState(state) for _, _, state in found} == set(EscalationState)
    for level in (1, 2):
        assert {EscalationState(state) for _, lvl, state in found if lvl == level} == set(EscalationState)


def test_a_sweep_at_the_demos_now_finds_nothing_due_and_the_chain_holds(demo: Path) -> None:
    assert due_escalations(Desk(clock=fixed_clock(DEMO_NOW))) == []
    assert verify_chain().first_broken is None


def test_demo_escalations_follow_the_deadlines(demo: Path) -> None:
    late_acks = (Escalation.select(Escalation.raised_at, Complaint.ack_due_at)
                 .join(Complaint, on=(Escalation.complaint == Complaint.id))
                 .where(Escalation.trigger == EscalationTrigger.ACK_OVERDUE.value).tuples())
    assert late_acks and all(raised > due for raised, due in late_acks)
    assert all(raised <= DEMO_NOW for (raised,) in Escalation.select(Escalation.raised_at).tuples())
    # Closed escalations carry the reviewer's decision.
    assert not Escalation.select().where((Escalation.state == "closed") & (Escalation.decision == "")).exists()


def test_the_review_queue_is_realistic_from_the_first_run(demo: Path) -> None:
    lead = staff_view(Staff.get(Staff.code == "lead01"))
    manager = staff_view(Staff.get(Staff.code == "mgr01"))
    lead_queue, manager_queue = review_queue(lead), review_queue(manager)
    assert lead_queue and all(view.level == 1 for view in lead_queue)
    assert manager_queue[0].level == 2 and any(view.level == 1 for view in review_queue(manager, limit=10_000))
