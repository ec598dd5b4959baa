"""Which screen each section opens; screens not built yet get the honest placeholder."""

import importlib
from collections.abc import Callable

from textual.screen import Screen

from .bindings import translate_bindings
from .screens.placeholder import PlaceholderScreen
from .widgets.section_bar import SECTIONS

__all__ = ["SECTIONS", "load_screen_class", "prepared", "section_factory"]


def load_screen_class(module: str, name: str) -> type[Screen] | None:  # type: ignore[type-arg]
    """The screen class `name` from `aftersales.ui.screens.<module>`, or None while it is missing."""
    full = f"aftersales.ui.screens.{module}"
    try:
        found = importlib.import_module(full)
    except ModuleNotFoundError as exc:
        if exc.name != full:
            raise
        return None
    screen_class = getattr(found, name, None)
    return screen_class if isinstance(screen_class, type) else None


def prepared(screen: Screen) -> Screen:  # type: ignore[type-arg]
    """`screen` with its key descriptions in the current language."""
    translate_bindings(screen)
    return screen


def section_factory(section: str) -> Callable[[], Screen]:  # type: ignore[type-arg]
    """A function building the base screen of `section`."""

    def build() -> Screen:  # type: ignore[type-arg]
        if section == "dashboard":
            from .screens.dashboard import DashboardScreen

            return prepared(DashboardScreen())
        if section == "complaints":
            queue = load_screen_class("queue", "QueueScreen")
            if queue is not None:
                return prepared(queue())
        return prepared(PlaceholderScreen(section))

    return build
