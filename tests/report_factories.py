"""A small month of complaints written straight to the database, with every time chosen, so each report
figure can be worked out by hand in the test that reads it."""

from datetime import UTC, date, datetime, timedelta
from itertools import count

from aftersales.domain.enums import SEVERITY_RANK, Severity
from aftersales.store.models import Complaint, Customer, Shop, Staff, Violation

from .factories import NOW

_numbers = count(1)


def local(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """`hour:minute` in Shanghai on `day`, as a UTC moment."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


def put_complaint(
    created: datetime, *, shop: str = "S001", ack_after: int | None = None, resolve_after: int | None = None,
    closed: datetime | None = None, category: str = "product_quality", severity: str = "normal",
    channel: str = "phone", remedy: str = "repair", remedy_decided: str | None = None, compensation_fen: int = 0,
    product: str = "布艺沙发", ack_due: int = 60, resolve_due: int = 36 * 60, customer: str = "赵敏",
) -> int:
    """A complaint received at `created`, acknowledged and resolved `ack_after`/`resolve_after` minutes later."""
    number = next(_numbers)
    person = Customer.create(name=customer, phone=f"138{number:08d}", created_at=created)
    row = Complaint.create(
        number=f"TS-{created:%Y%m%d}-{number:04d}", customer=person, shop=Shop.get(Shop.code == shop),
        product=product, category=category, severity=severity, severity_rank=SEVERITY_RANK[Severity(severity)],
        channel=channel, remedy=remedy, description="测试", status="closed" if closed else "investigating",
        ack_due_at=created + timedelta(minutes=ack_due), resolve_due_at=created + timedelta(minutes=resolve_due),
        acknowledged_at=None if ack_after is None else created + timedelta(minutes=ack_after),
        resolved_at=None if resolve_after is None else created + timedelta(minutes=resolve_after),
        closed_at=closed, remedy_decided=remedy_decided, compensation_fen=compensation_fen,
        created_at=created, updated_at=created,
    )
    if compensation_fen and row.resolved_at is not None:
        put_money(int(row.id), "refund" if remedy_decided == "return_refund" else "compensation", compensation_fen,
                  row.resolved_at)
    return int(row.id)


def put_money(complaint: int, kind: str, amount_fen: int, at: datetime, *, amends: str | None = None,
              order: int | None = None) -> None:
    """A money entry on the Shanghai day of `at`, as the desk records one."""
    from aftersales.store.models import MoneyEntry

    MoneyEntry.create(complaint=complaint, delivery_order=order, kind=kind, amount_fen=amount_fen,
                      day=(at + timedelta(hours=8)).astimezone(UTC).date(), amends=amends, recorded_at=at)


def put_violation(decided: datetime, status: str, amount_fen: int, complaint: int | None = None) -> None:
    proposer = Staff.get(Staff.code == "op01")
    Violation.create(
        subject_kind="staff", subject_staff=Staff.get(Staff.code == "op02"), rule_code="late_acknowledgement",
        rule_kind="ladder", incident_date=decided.date(), complaint=complaint, evidence="迟到", status=status,
        proposed_by=proposer, proposed_at=decided - timedelta(days=1), decided_by=Staff.get(Staff.code == "lead01"),
        decided_at=decided, tier=1, amount_fen=amount_fen,
    )


def october() -> dict[str, int]:
    """Five complaints in October 2026 (one received at 00:30 on the 1st, Shanghai time), one in September,
    one in November; two violations decided in October. Returns the October complaints' ids by name."""
    ids = {
        # 00:30 on 1 October in Shanghai is still 30 September in UTC: October by the mall's clock.
        "c1": put_complaint(local(date(2026, 10, 1), 0, 30), ack_after=10, resolve_after=24 * 60,
                            severity="high", remedy="compensation", remedy_decided="compensation",
                            compensation_fen=12_345, closed=local(date(2026, 10, 20))),
        "c2": put_complaint(local(date(2026, 10, 10)), ack_after=30, resolve_after=48 * 60, channel="walk_in",
                            remedy="return_refund", remedy_decided="return_refund", compensation_fen=99_999),
        "c3": put_complaint(local(date(2026, 10, 12)), ack_after=60, resolve_after=10 * 60,
                            category="delivery_damage", product="实木餐桌", remedy_decided="repair",
                            closed=local(date(2026, 11, 2))),
        "c4": put_complaint(local(date(2026, 10, 20)), shop="S002", ack_after=120, category="installation",
                            product="仿古砖", channel="online"),
        "c5": put_complaint(local(date(2026, 10, 31), 23, 0), shop="S003", product="智能马桶"),
    }
    put_complaint(local(date(2026, 9, 15)), ack_after=5)
    put_complaint(local(date(2026, 11, 1), 0, 5), ack_after=5)
    put_violation(local(date(2026, 10, 5)), "confirmed", 5_000)
    put_violation(local(date(2026, 10, 6)), "waived", 10_000)
    return ids


__all__ = ["NOW", "local", "october", "october_operations", "put_callback", "put_complaint", "put_delivery",
           "put_money", "put_violation"]


def put_delivery(complaint: int, promised: date, *, kind: str = "replace", status: str = "completed",
                 on_time: bool | None = True, collect_fen: int = 0, completed: datetime | None = None) -> None:
    from aftersales.store.models import DeliveryOrder

    row = Complaint.get_by_id(complaint)
    order = DeliveryOrder.create(
        complaint=row, complaint_number=row.number, shop=row.shop_id, kind=kind, address="上海市", contact_name="赵敏",
        contact_phone="13800000000", items="沙发", promised_date=promised, slot="morning", first_promised_date=promised,
        status=status, on_time=on_time if status == "completed" else None, collect_fen=collect_fen,
        created_at=local(promised) - timedelta(days=2), updated_at=local(promised),
        completed_at=(completed or local(promised, 11)) if status == "completed" else None,
    )
    if status == "completed" and collect_fen:
        put_money(complaint, "collection", collect_fen, order.completed_at, order=int(order.id))


def put_callback(complaint: int, finished: datetime, outcome: str, satisfaction: int | None,
                 status: str = "done") -> None:
    from aftersales.store.models import Callback

    Callback.create(complaint=complaint, purpose="confirm_resolution", due_at=finished, status=status,
                    outcome=outcome if status == "done" else None, satisfaction=satisfaction,
                    created_at=finished - timedelta(days=1), finished_at=finished if status == "done" else None)


def october_operations(ids: dict[str, int]) -> None:
    """Deliveries and call-backs for October's complaints: four completed orders first promised in October
    (three on time, one of them a pick-up collecting 88.00 yuan), one cancelled, one promised in November;
    four call-backs finished in October (satisfied 5 and 4, partly satisfied 3, unreachable) and one pending."""
    put_delivery(ids["c1"], date(2026, 10, 3), collect_fen=8_800, kind="pickup")
    put_delivery(ids["c2"], date(2026, 10, 12), on_time=False)
    put_delivery(ids["c2"], date(2026, 10, 15))
    put_delivery(ids["c4"], date(2026, 10, 22), kind="install")
    put_delivery(ids["c3"], date(2026, 10, 14), status="cancelled")
    put_delivery(ids["c5"], date(2026, 11, 2))
    put_callback(ids["c1"], local(date(2026, 10, 5)), "satisfied", 5)
    put_callback(ids["c2"], local(date(2026, 10, 16)), "satisfied", 4)
    put_callback(ids["c3"], local(date(2026, 10, 13)), "partly_satisfied", 3)
    put_callback(ids["c4"], local(date(2026, 10, 25)), "unreachable", None)
    put_callback(ids["c5"], local(date(2026, 11, 1)), "satisfied", None, status="pending")


def paid_around_october() -> dict[str, int]:
    """Payments on 30 September, in October, and on 1 November (Shanghai days), some on complaints handled in
    another month: each belongs to the register of its own day."""
    early = put_complaint(local(date(2026, 9, 20)), ack_after=5, resolve_after=(9 * 24 + 13) * 60 + 30,
                          remedy_decided="compensation", compensation_fen=10_000)  # resolved 30 Sep 23:30
    october = put_complaint(local(date(2026, 10, 5)), ack_after=5, resolve_after=60, remedy_decided="compensation",
                            compensation_fen=20_000)
    put_money(october, "payment", 3_000, local(date(2026, 11, 1), 0, 10))  # paid again just after midnight
    refund = put_complaint(local(date(2026, 10, 31), 23, 0), remedy_decided="return_refund", resolve_after=30,
                           compensation_fen=40_000)  # resolved 31 Oct 23:30
    put_money(early, "payment", 500, local(date(2026, 10, 15)))  # the September complaint, paid in October
    put_delivery(october, date(2026, 10, 31), collect_fen=8_800, completed=local(date(2026, 10, 31), 23, 50))
    put_delivery(refund, date(2026, 11, 1), collect_fen=1_200, completed=local(date(2026, 11, 1), 0, 20))
    return {"early": early, "october": october, "refund": refund}
