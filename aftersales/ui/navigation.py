"""Which screen each section opens."""

import importlib
from collections.abc import Callable

from textual.screen import Screen

from . import breakpoints
from .sections import SECTIONS
from .textual_internals import mark_styles_current, running_app

__all__ = ["MODES", "SECTIONS", "SECTION_SCREENS", "load_screen_class", "prepared", "section_factory"]

_SCREENS = "aftersales.ui.screens"
# Section → (module, class): imported only when the section opens.
SECTION_SCREENS: dict[str, tuple[str, str]] = {
    "dashboard": (f"{_SCREENS}.dashboard.dashboard", "DashboardScreen"),
    "complaints": (f"{_SCREENS}.complaints.queue", "QueueScreen"),
    "shops": (f"{_SCREENS}.shops.directory", "ShopDirectoryScreen"),
    "staff": (f"{_SCREENS}.staff.directory", "StaffDirectoryScreen"),
    "penalties": (f"{_SCREENS}.penalties.penalties", "PenaltiesScreen"),
    "deliveries": (f"{_SCREENS}.deliveries.board", "DeliveryBoardScreen"),
    "reports": (f"{_SCREENS}.reports.reports", "ReportsScreen"),
    "escalations": (f"{_SCREENS}.escalations.review", "EscalationReviewScreen"),
}
# Places beyond the seven sections, each with its own key (8: the admin's staff directory).
EXTRA_MODES = ("staff",)
MODES = (*SECTIONS, *EXTRA_MODES)


def load_screen_class(module: str, name: str) -> type[Screen]:  # type: ignore[type-arg]
    """The screen class `name` from the module `module` (imported on first use)."""
    found = importlib.import_module(module)
    screen_class: type[Screen] = getattr(found, name)  # type: ignore[type-arg]
    return screen_class


def prepared(screen: Screen) -> Screen:  # type: ignore[type-arg]
    """`screen` with its styles marked current and its layout classes set for the terminal as it is."""
    app = running_app()
    if app is None:
        return screen
    # A section's screen made now is styled with the CSS as it is now. Left unmarked, Textual
    # reparses every stylesheet of the desk twice when the section first opens (a fifth of a second).
    mark_styles_current(screen, app)
    # Its layout classes for the terminal as it is, so its first resize restyles nothing.
    width, height = app.size
    for bound, name in breakpoints.HORIZONTAL:
        screen.set_class(width >= bound and _next_bound(breakpoints.HORIZONTAL, bound) > width, name)
    for bound, name in breakpoints.VERTICAL:
        screen.set_class(height >= bound and _next_bound(breakpoints.VERTICAL, bound) > height, name)
    return screen


def _next_bound(points: list[tuple[int, str]], bound: int) -> float:
    later = [point for point, _ in points if point > bound]
    return min(later) if later else float("inf")


def section_factory(section: str) -> Callable[[], Screen]:  # type: ignore[type-arg]
    """A function building the base screen of `section`."""

    def build() -> Screen:  # type: ignore[type-arg]
        return prepared(load_screen_class(*SECTION_SCREENS[section])())

    return build
