"""A desk with escalations of each trigger and level, for the review queue's Pilot tests and pictures."""

from datetime import datetime, timedelta

from aftersales.domain.clock import fixed_clock
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints.actions import acknowledge
from aftersales.services.context import Desk
from aftersales.services.escalations.raising import escalate
from aftersales.services.escalations.sweep import sweep
from tests.factories import NOW, new_complaint

ZONE = Desk().sla.zone


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


def seed_escalations(staff: dict[str, StaffView]) -> dict[str, int]:
    """Complaints escalated by hand, by the sweep (late acknowledgement, late resolution, long overdue,
    second breach) and at intake (a major incident); returns complaint ids by what happened to them."""
    op = staff["op01"]
    ids: dict[str, int] = {}

    def filed(name: str, received: datetime, acknowledged: bool, **extra: object) -> None:
        desk = Desk(clock=fixed_clock(received))
        view = new_complaint(desk, op, received_at=received.isoformat(),
                             phone=f"1370000{len(ids):04d}", **extra)
        if acknowledged:
            acknowledge(Desk(clock=fixed_clock(received + timedelta(minutes=20))), op, view.id, view.version)
        ids[name] = view.id

    filed("ack_late", _at(26, 10), False, shop_code="S002", severity="high", category="delivery_damage")
    filed("resolve_late", _at(22, 9, 30), True, shop_code="S003", category="installation")
    filed("long_late", _at(19, 10), True, severity="low")
    filed("twice", _at(22, 9, 30), False, shop_code="S002", category="missing_parts")
    filed("major", _at(27, 9, 10), False, major_incident=True, major_reason="media_exposure",
          description="顾客称沙发起火冒烟，已联系电视台", product="电动功能沙发")
    filed("manual", _at(27, 9, 40), True, category="service_attitude", description="导购态度恶劣，顾客要求经理出面")
    escalate(Desk(clock=fixed_clock(_at(27, 9, 45))), op, ids["manual"], {"reason": "顾客情绪激动，要求组长回电"})
    sweep(Desk(clock=fixed_clock(NOW)))
    return ids


def _raise_there(target: str, escalation_id: int, version: int) -> None:
    """In the other desk's process: the manager raises an escalation to level 2."""
    from aftersales.services.escalations.review import raise_level
    from aftersales.store.converters import staff_view
    from aftersales.store.db import close_database, open_database
    from aftersales.store.models import Staff

    open_database(target)
    raise_level(Desk(clock=fixed_clock(NOW)), staff_view(Staff.get(Staff.code == "mgr01")), escalation_id, version)
    close_database()


def raises_elsewhere(target: str, escalation_id: int, version: int) -> None:
    """Another desk — a process of its own — raises escalation `escalation_id`; returns once committed."""
    import subprocess
    import sys
    from pathlib import Path

    code = f"from tests.ui.escalation_harness import _raise_there; _raise_there({target!r}, {escalation_id}, {version})"
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
