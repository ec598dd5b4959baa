"""Closed vocabularies of escalations; their labels live in the i18n catalogs."""

from enum import StrEnum


class EscalationTrigger(StrEnum):
    """Why an escalation was raised."""

    MANUAL = "manual"
    ACK_OVERDUE = "ack_overdue"
    RESOLVE_OVERDUE = "resolve_overdue"
    LONG_OVERDUE = "long_overdue"
    SECOND_BREACH = "second_breach"
    CRITICAL = "critical"
    MAJOR_INCIDENT = "major_incident"


class EscalationState(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    CLOSED = "closed"


class SweepRule(StrEnum):
    """The automatic rules; the database holds at most one escalation per complaint and rule, so a
    rule never fires twice for one complaint, whichever process runs the sweep."""

    ACK = "ack"
    RESOLVE = "resolve"
    LATE = "late"
    INTAKE = "intake"


LEVEL_LEAD = 1
LEVEL_MANAGER = 2
