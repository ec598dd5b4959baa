"""Which screen each section opens; a section without its screen yet gets the honest placeholder."""

import importlib
from collections.abc import Callable

from textual.screen import Screen

from .bindings import translate_bindings
from .screens.shell.placeholder import PlaceholderScreen
from .widgets.section_bar import SECTIONS

__all__ = ["SECTIONS", "SECTION_SCREENS", "load_screen_class", "prepared", "section_factory"]

_SCREENS = "aftersales.ui.screens"
# Section → (module, class): imported only when the section opens.
SECTION_SCREENS: dict[str, tuple[str, str]] = {
    "dashboard": (f"{_SCREENS}.dashboard.dashboard", "DashboardScreen"),
    "complaints": (f"{_SCREENS}.complaints.queue", "QueueScreen"),
    "deliveries": (f"{_SCREENS}.deliveries.board", "DeliveryBoardScreen"),
}


def load_screen_class(module: str, name: str) -> type[Screen]:  # type: ignore[type-arg]
    """The screen class `name` from the module `module` (imported on first use)."""
    found = importlib.import_module(module)
    screen_class: type[Screen] = getattr(found, name)  # type: ignore[type-arg]
    return screen_class


def prepared(screen: Screen) -> Screen:  # type: ignore[type-arg]
    """`screen` with its key descriptions in the current language."""
    translate_bindings(screen)
    return screen


def section_factory(section: str) -> Callable[[], Screen]:  # type: ignore[type-arg]
    """A function building the base screen of `section`."""

    def build() -> Screen:  # type: ignore[type-arg]
        where = SECTION_SCREENS.get(section)
        if where is None:
            return prepared(PlaceholderScreen(section))
        return prepared(load_screen_class(*where)())

    return build
