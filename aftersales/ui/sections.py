"""The desk's sections, in the order of their keys 1–7, and the keyed places beyond them."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..domain.schemas import StaffView

SECTIONS = ("dashboard", "complaints", "deliveries", "escalations", "penalties", "shops", "reports")
# Keyed places beyond the sections, and the action (domain.permissions.Action) that opens them: 8 is
# the admin's staff directory. Plain strings: the login screen loads this before any rule module.
RESTRICTED = {"staff": ("8", "manage_staff")}


def may_open(actor: "StaffView", place: str) -> bool:
    """True when `actor` may go to `place`: a section their role sees (the dispatcher has the deliveries
    board alone); a restricted place needs its permission."""
    from ..domain.permissions import Action, allowed, sees_section

    restricted = RESTRICTED.get(place)
    if restricted is not None:
        return allowed(actor.role, Action(restricted[1]))
    return sees_section(actor.role, place)


def first_place(actor: "StaffView", chosen: str | None) -> str:
    """Where `actor` starts after login: the `chosen` section (argument or settings file) if any,
    else the dashboard; the admin, who takes no complaints, starts on the staff directory; a role
    that does not see the wanted section starts on the first one it does see."""
    from ..domain.permissions import Action, allowed

    if chosen is None and may_open(actor, "staff") and not allowed(actor.role, Action.INTAKE):
        return "staff"
    wanted = chosen or "dashboard"
    if may_open(actor, wanted):
        return wanted
    return next(name for name in SECTIONS if may_open(actor, name))


def home_of(actor: "StaffView") -> str:
    """Where escape walks back to: the dashboard, or the first section a role without it sees."""
    return "dashboard" if may_open(actor, "dashboard") else first_place(actor, "dashboard")
