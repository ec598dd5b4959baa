"""Escalation figures for the reports (the reports section owns the monthly service-level figures)."""

from datetime import datetime

from peewee import fn

from ...domain.escalations.enums import EscalationTrigger
from ...domain.reports.figures import ReportFilters
from ...store.models import Complaint, Escalation


def escalations_by_trigger(start: datetime, end: datetime, filters: ReportFilters | None = None) -> dict[str, int]:
    """Escalations raised in [start, end), counted by trigger; every trigger is present (0 when none).
    With `filters`, only escalations of complaints that pass them."""
    from ..reports import kept
    from ..reports.scope import filtered, narrowed

    counts = {trigger.value: 0 for trigger in EscalationTrigger}
    span = kept.days(start, end)
    if span is not None:
        for code, n, _, _, _ in kept.events(span, filters or ReportFilters(), "escalation"):
            counts[code] = n
        return counts
    condition = (Escalation.raised_at >= start) & (Escalation.raised_at < end)
    if filters is not None and filtered(filters):
        condition &= Escalation.complaint.in_(Complaint.select(Complaint.id).where(
            narrowed(Complaint.id.is_null(False), filters)))
    query = (
        Escalation.select(Escalation.trigger, fn.COUNT(Escalation.id))
        .where(condition)
        .group_by(Escalation.trigger)
        .tuples()
    )
    for trigger, count in query:
        counts[str(trigger)] = int(count)
    return counts
