"""The desk's sections, in the order of their keys 1–7, and the keyed places beyond them."""

from typing import TYPE_CHECKING

from ..domain.permissions import Action, allowed

if TYPE_CHECKING:
    from ..domain.schemas import StaffView

SECTIONS = ("dashboard", "complaints", "deliveries", "escalations", "penalties", "shops", "reports")
# Keyed places beyond the sections, and who may open them: 8 is the admin's staff directory.
RESTRICTED = {"staff": ("8", Action.MANAGE_STAFF)}


def may_open(actor: "StaffView", place: str) -> bool:
    """True when `actor` may go to `place` (every section; a restricted place needs its permission)."""
    restricted = RESTRICTED.get(place)
    return restricted is None or allowed(actor.role, restricted[1])


def first_place(actor: "StaffView", chosen: str | None) -> str:
    """Where `actor` starts after login: the `chosen` section (argument or settings file) if any,
    else the dashboard; the admin, who takes no complaints, starts on the staff directory."""
    if chosen is None and may_open(actor, "staff") and not allowed(actor.role, Action.INTAKE):
        return "staff"
    return chosen or "dashboard"
