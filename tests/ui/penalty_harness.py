"""A penalty ledger for screen tests: a year of op02's violations with an overturn, a loss fine, proposals."""

from datetime import date

from aftersales.domain.schemas import StaffView
from aftersales.services.penalties.decide import (
    appeal_violation,
    confirm_violation,
    decide_appeal,
    waive_violation,
)
from aftersales.services.penalties.payroll import finalise_month
from tests.penalty_factories import day_at, desk_at, propose, proposed_and_confirmed

OCTOBER = day_at(date(2026, 10, 20))


def seed_penalties(staff: dict[str, StaffView]) -> dict[str, int]:
    """op02: a violation of 2025, three of 2026 (the first overturned after October was finalised), a waived
    one, and a fourth of 2026 confirmed since, now the third standing (its dismissal review open); op01: a loss
    fined by the manager and a proposal waiting; S002: one confirmed. Returns their ids."""
    october = desk_at(OCTOBER)
    ids = {"last_year": proposed_and_confirmed(october, staff, "op02", date(2025, 12, 3))}
    for name, day in (("first", date(2026, 2, 10)), ("second", date(2026, 5, 6)), ("third", date(2026, 8, 19))):
        ids[name] = proposed_and_confirmed(october, staff, "op02", day)
    ids["waived"] = propose(october, staff["op01"], "op02", "missed_callback", date(2026, 9, 2))
    waive_violation(october, staff["lead01"], ids["waived"], {"reason": "系统故障导致回访任务未提醒"})
    ids["loss"] = propose(october, staff["lead01"], "op01", "loss_by_rule_breach", date(2026, 10, 8),
                          loss="未与顾客确认送货地址，二次配送运费 380 元")
    confirm_violation(october, staff["mgr01"], ids["loss"], {"amount_fen": 38000})
    ids["shop"] = propose(october, staff["op01"], "S002", "not_confirmed_with_customer", date(2026, 10, 9), kind="shop")
    confirm_violation(october, staff["lead01"], ids["shop"])
    finalise_month(october, staff["lead01"], "2026-10")
    now = desk_at()
    appeal_violation(now, staff["op02"], ids["first"], {"reason": "当天系统宕机，工单没有推送"})
    decide_appeal(now, staff["mgr01"], ids["first"], {"overturn": True, "note": "系统日志证实"})
    ids["fourth"] = proposed_and_confirmed(now, staff, "op02", date(2026, 10, 28), "rude_to_customer")
    ids["pending"] = propose(now, staff["op02"], "op01", "missed_callback", date(2026, 11, 20))
    return ids


def seed_two_of_this_year(staff: dict[str, StaffView], subject: str = "op02") -> None:
    """Two confirmed violations of `subject` in 2026: the next one is the third."""
    for day in (date(2026, 3, 4), date(2026, 7, 15)):
        proposed_and_confirmed(desk_at(), staff, subject, day)
