"""The SLA breach definition of the reports (README, "SLA figures"), case by case, on both engines.

October 2026 is read on 27 November, so it is measured at its end: midnight on 1 November, Shanghai time.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest

from aftersales.domain.reports.period import parse_period
from aftersales.services.reports.summary import period_figures
from aftersales.store.models import Complaint

from .report_factories import local, put_complaint

MONTH_END = local(date(2026, 11, 1), 0, 0)


@dataclass(frozen=True)
class Case:
    received: datetime
    ack_after: int | None = None
    resolve_after: int | None = None
    closed_after: int | None = None
    resolve_due: int = 36 * 60
    # A pause of the clock: minutes after intake it began, and (optionally) the minutes after intake it was
    # promised to end.
    hold_from: int | None = None
    hold_to: int | None = None


CASES = {
    "withdrawn while New, 5 minutes after intake, before its acknowledgement deadline":
        (Case(local(date(2026, 10, 9)), closed_after=5), False),
    "merged as a duplicate after acknowledgement, before its resolution deadline":
        (Case(local(date(2026, 10, 9)), ack_after=10, closed_after=10 * 60), False),
    "withdrawn after its acknowledgement deadline had passed":
        (Case(local(date(2026, 10, 9)), closed_after=90), True),
    "acknowledged late": (Case(local(date(2026, 10, 9)), ack_after=61, resolve_after=600), True),
    "acknowledged and resolved exactly on the deadlines":
        (Case(local(date(2026, 10, 9)), ack_after=60, resolve_after=36 * 60), False),
    "open at the period's end, past its deadline": (Case(local(date(2026, 10, 29))), True),
    # Due at 00:30 on 1 November: as at midnight nothing was late, whatever happened afterwards.
    "open at the period's end, before its deadline, acknowledged late after it":
        (Case(local(date(2026, 10, 31), 23, 30), ack_after=120), False),
    "resolved after the period's end, late, its deadline inside the period":
        (Case(local(date(2026, 10, 30)), ack_after=10, resolve_after=40 * 60), True),
    "paused before its resolution deadline and still paused at the period's end":
        (Case(local(date(2026, 10, 30)), ack_after=10, hold_from=26 * 60), False),
    "paused only after its resolution deadline had passed":
        (Case(local(date(2026, 10, 20)), ack_after=10, hold_from=5 * 24 * 60), True),
    # Paused 12:00–13:00 on 31 October, never resumed: the clock ran again from 13:00, to 23:00 by midnight.
    "paused, its promised resumption passed, the clock then passed the deadline":
        (Case(local(date(2026, 10, 31), 8, 0), ack_after=10, resolve_due=12 * 60, hold_from=4 * 60,
              hold_to=5 * 60), True),
    "paused, its promised resumption passed, the deadline not yet reached":
        (Case(local(date(2026, 10, 31), 8, 0), ack_after=10, resolve_due=16 * 60, hold_from=4 * 60,
              hold_to=5 * 60), False),
}


@pytest.mark.parametrize(("case", "breached"), list(CASES.values()), ids=list(CASES))
def test_sla_breach_definition(staff, desk, case: Case, breached: bool) -> None:
    closed = None if case.closed_after is None else case.received + timedelta(minutes=case.closed_after)
    complaint = put_complaint(case.received, ack_after=case.ack_after, resolve_after=case.resolve_after,
                              closed=closed, resolve_due=case.resolve_due)
    if case.hold_from is not None:
        Complaint.update(
            hold_since=case.received + timedelta(minutes=case.hold_from),
            hold_until=None if case.hold_to is None else case.received + timedelta(minutes=case.hold_to),
        ).where(Complaint.id == complaint).execute()
    october = period_figures(desk, parse_period("2026-10"), detail=False)
    assert october.measured_at == MONTH_END and not october.partial
    assert (october.sla.received, october.sla.breached) == (1, int(breached))


def test_a_running_period_is_measured_now(staff, desk) -> None:
    # Received at 10:00 on 26 November, due an hour later, never acknowledged; the desk's clock reads
    # 10:00 on the 27th, inside November.
    put_complaint(local(date(2026, 11, 26)))
    november = period_figures(desk, parse_period("2026-11"), detail=False)
    assert november.partial and november.measured_at == desk.clock()
    assert november.sla.breached == 1
