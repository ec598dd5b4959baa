"""Escalation figures for the reports (the reports section owns the monthly service-level figures)."""

from datetime import datetime

from peewee import fn

from ...domain.escalations.enums import EscalationTrigger
from ...store.models import Escalation


def escalations_by_trigger(start: datetime, end: datetime) -> dict[str, int]:
    """Escalations raised in [start, end), counted by trigger; every trigger is present (0 when none)."""
    counts = {trigger.value: 0 for trigger in EscalationTrigger}
    query = (
        Escalation.select(Escalation.trigger, fn.COUNT(Escalation.id))
        .where((Escalation.raised_at >= start) & (Escalation.raised_at < end))
        .group_by(Escalation.trigger)
        .tuples()
    )
    for trigger, count in query:
        counts[str(trigger)] = int(count)
    return counts
