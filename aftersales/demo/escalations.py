"""The demo's escalations: what the desk's sweep and its reviewers would have left, consistent with the
complaints' deadlines, so the review queue is realistic and a sweep at the demo's "now" finds nothing due.

Every major incident and critical complaint went to the manager at intake; every missed acknowledgement
and resolution deadline raised its escalation a minute after it passed (a second breach, or one more
business day overdue, at level 2); a few complaints were escalated by hand. Escalations of complaints
since settled are closed with a decision; the rest are open, acknowledged or carry instructions. The
demo writes no timeline events for them: the demo's timelines are played day by day, in order, and these
would have to come after (the detail's escalation box shows them all).
"""

import random
import sqlite3
from datetime import UTC, datetime
from typing import Any

from ..domain.escalations.enums import (
    LEVEL_LEAD,
    LEVEL_MANAGER,
    EscalationState,
    EscalationTrigger,
    SweepRule,
)
from ..domain.sla import SlaPolicy, add_business_minutes, business_seconds_between

COLUMNS = ("complaint_id", "level", "trigger", "rule", "reason", "state", "raised_by_id", "raised_at",
           "acknowledged_by_id", "acknowledged_at", "instructions", "decision", "closed_by_id", "closed_at", "version",
           "severity_rank")
INSERT = f"INSERT INTO escalation ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"

INSTRUCTIONS = ["今天内回电顾客，说明处理进度", "联系商户主管，明天上午前给出方案", "安排上门检测，结果报我",
                "先安抚顾客，补偿方案报经理审批", "调取送货记录，核实责任方"]
DECISIONS = ["已按规定处理，顾客认可", "商户承担费用，已督促整改", "超时原因已查明，提醒相关人员", "已协调换货，结案",
             "经核实属实，已向商户发出整改通知"]
MANUAL_REASONS = ["顾客情绪激动，要求主管出面", "顾客表示将向12315投诉", "商户拒绝配合处理", "同一顾客第三次来电",
                  "涉及金额较大，需主管决定"]
_CANDIDATES = """
SELECT c.id, c.severity, c.severity_rank, c.major_incident, c.major_reason, c.status, c.created_at, c.ack_due_at, c.resolve_due_at,
       c.acknowledged_at, c.resolved_at, c.closed_at, c.assignee_id, c.shop_id,
       (SELECT e.actor_id FROM event e WHERE e.complaint_id = c.id AND e.kind = 'created') AS intake_by
FROM complaint c
WHERE c.major_incident = 1 OR c.severity = 'critical'
   OR c.ack_due_at < COALESCE(c.acknowledged_at, c.closed_at, ?)
   OR c.resolve_due_at < CASE WHEN c.status IN ('resolved', 'closed') THEN COALESCE(c.resolved_at, c.closed_at)
                              ELSE ? END
"""


class _Maker:
    def __init__(self, rng: random.Random, now: int, lead: int, manager: int) -> None:
        self.rng, self.now, self.lead, self.manager = rng, now, lead, manager
        self.rows: list[tuple[Any, ...]] = []

    def add(self, row: dict[str, Any], level: int, trigger: EscalationTrigger, rule: SweepRule | None, raised: int,
            raised_by: int | None, reason: str = "", settled: int | None = None) -> None:
        """One escalation raised at `raised`; closed when its complaint settled at `settled`, else left open,
        acknowledged or instructed."""
        reviewer = self.manager if level == LEVEL_MANAGER else self.lead
        rng = self.rng
        state, ack_by, ack_at, text, decision, closed_by, closed_at = EscalationState.OPEN, None, None, "", "", None, None
        if settled is not None:
            state, closed_by, closed_at = EscalationState.CLOSED, reviewer, max(settled, raised + 60)
            ack_by, ack_at = reviewer, min(closed_at, raised + rng.randint(300, 7200))
            decision = rng.choice(DECISIONS)
        elif self.now - raised > 3 * 3600 and rng.random() < 0.6:
            state, ack_by, ack_at = EscalationState.ACKNOWLEDGED, reviewer, raised + rng.randint(300, 3 * 3600)
            if rng.random() < 0.6:
                text = rng.choice(INSTRUCTIONS)
        self.rows.append((row["id"], level, trigger.value, rule.value if rule else None, reason, state.value,
                          raised_by, raised, ack_by, ack_at, text, decision, closed_by, closed_at, 1, row["severity_rank"]))


def _stamp(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def add_escalations(conn: sqlite3.Connection, now: int, seed: int, lead: int, manager: int,
                    operators: list[int]) -> int:
    """Write the demo's escalations into the built database; returns how many."""
    policy = SlaPolicy()
    day = policy.day_minutes * 60
    maker = _Maker(random.Random(f"escalations-{seed}"), now, lead, manager)
    cursor = conn.execute(_CANDIDATES, (now, now))
    names = [column[0] for column in cursor.description]
    open_ones: list[dict[str, Any]] = []
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        # A complaint reopened after its call-back is open again, whatever it recorded before.
        settled = (row["resolved_at"] or row["closed_at"]) if row["status"] in ("resolved", "closed") else None
        if row["major_incident"] or row["severity"] == "critical":
            trigger = EscalationTrigger.MAJOR_INCIDENT if row["major_incident"] else EscalationTrigger.CRITICAL
            maker.add(row, LEVEL_MANAGER, trigger, SweepRule.INTAKE, row["created_at"], row["intake_by"],
                      row["major_reason"] or "", settled)
        ack_end = row["acknowledged_at"] or row["closed_at"] or now
        ack_late = row["ack_due_at"] < ack_end
        if ack_late:
            maker.add(row, LEVEL_LEAD, EscalationTrigger.ACK_OVERDUE, SweepRule.ACK, row["ack_due_at"] + 1, None,
                      settled=row["acknowledged_at"] or row["closed_at"])
        end = settled or now
        # The sweep leaves a complaint waiting for its customer alone (its clock stands still).
        if row["resolve_due_at"] < end and (settled is not None or row["status"] != "awaiting_customer"):
            level, trigger = ((LEVEL_MANAGER, EscalationTrigger.SECOND_BREACH) if ack_late
                              else (LEVEL_LEAD, EscalationTrigger.RESOLVE_OVERDUE))
            maker.add(row, level, trigger, SweepRule.RESOLVE, row["resolve_due_at"] + 1, None, settled=settled)
            due, stop = _stamp(row["resolve_due_at"]), _stamp(end)
            if business_seconds_between(due, stop, policy) > day:
                late = int(add_business_minutes(due, policy.day_minutes, policy).timestamp()) + 1
                maker.add(row, LEVEL_MANAGER, EscalationTrigger.LONG_OVERDUE, SweepRule.LATE, late, None,
                          settled=settled)
        if settled is None:
            open_ones.append(row)
    _manual(conn, maker, now, operators)
    conn.execute("BEGIN")
    conn.executemany(INSERT, maker.rows)
    conn.execute("COMMIT")
    return len(maker.rows)


def _manual(conn: sqlite3.Connection, maker: _Maker, now: int, operators: list[int]) -> None:
    """A few open complaints escalated by hand by whoever works on them; one of them raised to level 2."""
    found = conn.execute(
        "SELECT id, created_at, assignee_id, severity_rank FROM complaint WHERE status NOT IN ('resolved', 'closed') "
        "AND created_at < ? ORDER BY id DESC LIMIT 400", (now - 3600,)
    ).fetchall()
    rng = maker.rng
    chosen = rng.sample(found, min(len(found), max(6, len(found) // 40)))
    for index, (complaint_id, created_at, assignee_id, rank) in enumerate(chosen):
        raised = created_at + rng.randint(600, max(601, min(now - created_at - 60, 2 * 86400)))
        by = assignee_id or rng.choice(operators)
        level = LEVEL_MANAGER if index == 0 else LEVEL_LEAD
        maker.add({"id": complaint_id, "severity_rank": rank}, level, EscalationTrigger.MANUAL, None, raised, by, rng.choice(MANUAL_REASONS))
