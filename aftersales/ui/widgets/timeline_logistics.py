"""How delivery-order and call-back events read on a complaint's timeline, in the desk's language.

A delivery event keeps the order number in `field`, the order's previous status in `old` and its facts
(crew, date, slot, reason) in `new`; a call-back attempt keeps the purpose in `old` and the outcome and
satisfaction in `new`. What the user typed is the event's note and follows the sentence.
"""

from enum import Enum

from ... import i18n
from ...domain.callbacks import CallbackOutcome, CallbackPurpose
from ...domain.deliveries import DeliveryKind, FailureReason, Slot, read_event_details
from ...domain.enums import EventKind
from ...domain.schemas import EventView

_SENTENCE = {
    EventKind.DELIVERY_CREATED: "created",
    EventKind.DELIVERY_ACCEPTED: "accepted",
    EventKind.DELIVERY_CREW: "crew",
    EventKind.DELIVERY_OUT: "out",
    EventKind.DELIVERY_COMPLETED: "completed",
    EventKind.DELIVERY_FAILED: "failed",
    EventKind.DELIVERY_RESCHEDULED: "rescheduled",
    EventKind.DELIVERY_CANCELLED: "cancelled",
}
LOGISTICS_KINDS = frozenset({*_SENTENCE, EventKind.CALLBACK_ATTEMPT})


def _label(enum: type[Enum], value: str) -> str:
    try:
        return i18n.label(enum(value))
    except ValueError:
        return value


def _with_note(sentence: str, note: str) -> str:
    return f"{sentence} — {note}" if note else sentence


def logistics_text(event: EventView) -> str:
    """The sentence for a delivery or call-back event (with its note), e.g. 配送单 DO-000012 已接单 · 张师傅 · 上午."""
    facts = read_event_details(event.new)
    if event.kind is EventKind.CALLBACK_ATTEMPT:
        outcome = facts.get("outcome", "")
        sentence = f"{_label(CallbackPurpose, event.old)}: {_label(CallbackOutcome, outcome)}"
        if facts.get("satisfaction"):
            sentence += " · " + i18n.t("callbacks.timeline.satisfaction", score=facts["satisfaction"])
        return _with_note(sentence, event.note)
    name = _SENTENCE[event.kind]
    if name == "completed" and facts.get("on_time") == "0":
        name = "completed_late"
    elif name in ("completed", "out") and facts.get("early") == "1":
        name = f"{name}_early"
    day = facts.get("date", "")
    sentence = i18n.t(
        f"deliveries.timeline.{name}",
        number=event.field,
        kind=_label(DeliveryKind, facts.get("kind", "")),
        crew=facts.get("crew") or i18n.t("detail.none"),
        was=facts.get("was") or i18n.t("detail.none"),
        date=day[5:] if len(day) == 10 else day,
        slot=_label(Slot, facts.get("slot", "")),
        reason=_label(FailureReason, facts.get("reason", "")),
    )
    return _with_note(sentence, event.note)
