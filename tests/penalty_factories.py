"""Building blocks for penalty tests: proposals, decisions and the desk at a given day."""

from datetime import UTC, date, datetime, timedelta

from aftersales.domain.clock import fixed_clock
from aftersales.domain.penalties.policy import PenaltyPolicy
from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.services.penalties.decide import confirm_violation
from aftersales.services.penalties.propose import propose_violation
from aftersales.store.models import PenaltyEntry, Violation

from .factories import NOW


def desk_at(moment: datetime = NOW, policy: PenaltyPolicy | None = None) -> Desk:
    """A desk whose clock stands at `moment` (default: the suite's NOW, 2026-11-27 10:00 in Shanghai)."""
    return Desk(clock=fixed_clock(moment), penalties=policy or PenaltyPolicy())


def day_at(day: date, hour: int = 10) -> datetime:
    """`hour` o'clock in Shanghai on `day`, as a UTC moment."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC) - timedelta(hours=8)


def propose(
    desk: Desk, actor: StaffView, subject: str = "op02", rule: str = "late_acknowledgement",
    day: date = date(2026, 11, 20), kind: str = "staff", **extra: object,
) -> int:
    data: dict[str, object] = {"subject_kind": kind, "subject_code": subject, "rule_code": rule,
                               "incident_date": day, "evidence": "投诉超过两小时未受理", **extra}
    return propose_violation(desk, actor, data).id


def proposed_and_confirmed(
    desk: Desk, staff: dict[str, StaffView], subject: str = "op02", day: date = date(2026, 11, 20),
    rule: str = "late_acknowledgement", decider: str = "lead01",
) -> int:
    """A violation op01 proposes and `decider` (lead01) confirms."""
    violation_id = propose(desk, staff["op01"], subject, rule, day)
    confirm_violation(desk, staff[decider], violation_id)
    return violation_id


def ledger_sum(subject_staff_id: int) -> int:
    """What every entry of the staff member's violations adds up to."""
    query = PenaltyEntry.select(PenaltyEntry.amount_fen).join(Violation).where(
        Violation.subject_staff == subject_staff_id
    )
    return sum(entry.amount_fen for entry in query)


def stored(violation_id: int) -> Violation:
    return Violation.get_by_id(violation_id)
