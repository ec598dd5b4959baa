"""A key greyed by the complaint's status answers with the way forward: the steps the status machine
finds from the status now to one the key needs, each worded with the key that takes it."""

from collections.abc import Callable, Collection

from .... import i18n
from ....domain.enums import ComplaintStatus
from ....domain.schemas import ComplaintView
from ....domain.status_machine import Move, Step, way_to

# The key shown for a detail action's name, or for "deliveries" (the section where orders are settled).
KeyOf = Callable[[str], str]


def not_now(view: ComplaintView) -> str:
    """The plain reason, when no step of the desk's own leads on: the status does not allow this key."""
    return i18n.t("detail.unavailable.status", number=view.number, status=i18n.label(view.status))


def step_text(step: Step, key_of: KeyOf) -> str:
    """One step in the desk's words, with the key that takes it."""
    if step.by_order and step.move is Move.AWAIT_DELIVERY:
        return i18n.t("detail.way.dispatch", press=key_of("dispatch"))
    if step.by_order:
        return i18n.t("detail.way.settle_order", press=key_of("deliveries"))
    if step.move is Move.ACKNOWLEDGE:
        return i18n.t("detail.way.acknowledge", press=key_of("acknowledge"))
    if step.move is Move.RESOLVE:
        return i18n.t("detail.way.resolve", press=key_of("resolve"))
    return i18n.t("detail.way.move", status=i18n.label(step.target), press=key_of("status"))


def refused_by_status(view: ComplaintView, needs: Collection[ComplaintStatus], key_of: KeyOf) -> str:
    """Why a key needing one of `needs` is greyed now, and what to do first where the desk can."""
    steps = way_to(view.status, needs)
    if not steps:
        return not_now(view)
    way = i18n.t("detail.way.then").join(step_text(step, key_of) for step in steps)
    return i18n.t("detail.way.first", number=view.number, status=i18n.label(view.status), steps=way)
