"""The escalations and the shop's repeat flag as the complaint detail shows them to everyone."""

from zoneinfo import ZoneInfo

from rich.text import Text

from .... import i18n
from ....domain.enums import Category, MajorReason
from ....domain.escalations.enums import EscalationState, EscalationTrigger
from ....domain.escalations.schemas import EscalationView
from ....domain.text import strip_controls
from ...formatting import local_time

STATE_STYLE = {EscalationState.OPEN: "bold magenta", EscalationState.ACKNOWLEDGED: "yellow", EscalationState.CLOSED: "dim"}


def reason_text(view: EscalationView) -> str:
    """The reason as typed (manual), or what the automatic trigger's reason code means."""
    if view.trigger is EscalationTrigger.MAJOR_INCIDENT and view.reason in MajorReason.__members__.values():
        return i18n.label(MajorReason(view.reason))
    return strip_controls(view.reason)


def escalation_line(view: EscalationView, zone: ZoneInfo) -> Text:
    raised = f"{local_time(view.raised_at, zone)} {view.raised_by or i18n.t('escalations.by_sweep')}"
    line = Text()
    line.append(f"▲{view.level} ", style="bold magenta")
    line.append(i18n.label(view.trigger), style="bold")
    line.append(" · ")
    line.append(i18n.label(view.state), style=STATE_STYLE[view.state])
    line.append(f" · {raised}")
    reason = reason_text(view)
    if reason:
        line.append(" · ")
        line.append(reason)
    for key, value in (("escalations.instructions", view.instructions), ("escalations.decision", view.decision)):
        if value:
            line.append("\n  ")
            line.append(i18n.t(key, text=strip_controls(value)), style="italic")
    return line


def escalations_text(escalations: list[EscalationView], repeat: list[Category], zone: ZoneInfo) -> Text | None:
    """Lines for the detail's escalation box; None when there is nothing to show."""
    if not escalations and not repeat:
        return None
    text = Text()
    if repeat:
        labels = i18n.joined(i18n.label(category) for category in repeat)
        text.append("⚑ " + i18n.t("escalations.repeat", categories=labels), style="bold yellow")
    for view in escalations:
        if text:
            text.append("\n")
        text.append_text(escalation_line(view, zone))
    return text
