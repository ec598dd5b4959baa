"""Switching the running desk between Chinese and English."""

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.screen import Screen

from .. import i18n
from .bindings import translate_bindings


async def switch_language(app: App[Any], language: str, factories: dict[str, Callable[[], Screen[Any]]]) -> None:
    """Put `app` in `language`: the visible stack is redrawn, other sections are rebuilt on their next visit.

    A screen that must keep its state offers `refresh_language()`; any other screen is recomposed
    and then told the data changed, so it loads its figures again.
    """
    i18n.set_language(language)
    app.language = i18n.current_language()  # type: ignore[attr-defined]
    translate_bindings(app)
    for mode in list(app._screen_stacks):
        if mode not in (app.current_mode, "_default") and mode in app._modes:
            await app.remove_mode(mode)
            app.add_mode(mode, factories[mode])
    for screen in list(app.screen_stack):
        refresh_language = getattr(screen, "refresh_language", None)
        if callable(refresh_language):
            refresh_language()
        else:
            await screen.recompose()
        for node in screen.walk_children(with_self=True):
            translate_bindings(node)
    app.refresh_bindings()
    app.data_changed()  # type: ignore[attr-defined]
