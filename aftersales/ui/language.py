"""Switching the running desk between Chinese and English, and what a screen or widget does when it happens."""

from collections.abc import Awaitable
from typing import Any, cast

from textual.screen import Screen

from .. import i18n
from .bindings import TranslatedKeys, translate_bindings


class FollowsLanguage(TranslatedKeys):
    """Mixed into a widget (before its Textual class) that draws catalog texts: its keys are described in
    the desk's language from the start, and `refresh_language` draws its texts again after a switch."""

    def refresh_language(self) -> Awaitable[None] | None:
        """Draw this widget's own texts again in the current language, keeping its state (nothing by default)."""
        return None


class ScreenFollowsLanguage(FollowsLanguage):
    """Mixed into the bases of the desk's screens and dialogs: a language switch composes the screen again
    (it then reloads its data, as the switch says the data changed), unless its `refresh_language` keeps
    what it holds (rows, cursor, typed text) and draws its own texts again instead. Either way the
    widgets in it that follow the language redraw themselves and every key is described anew."""

    def refresh_language(self) -> Awaitable[None] | None:
        return cast(Screen[Any], self).recompose()


async def show_language(screen: Screen[Any]) -> None:
    """Draw `screen` in the current language: its own texts, its widgets' texts, every key's description."""
    redrawn = screen.refresh_language() if isinstance(screen, FollowsLanguage) else screen.recompose()
    if redrawn is not None:
        await redrawn
    for node in screen.walk_children(with_self=True):
        translate_bindings(node)
        if node is not screen and isinstance(node, FollowsLanguage):
            widget_redrawn = node.refresh_language()
            if widget_redrawn is not None:
                await widget_redrawn


async def switch_language(app: Any, language: str) -> None:
    """Put the desk `app` in `language`: the visible stack is redrawn, other sections are rebuilt on their
    next visit, then every screen hears that the data changed and loads its figures again."""
    i18n.set_language(language)
    app.language = i18n.current_language()
    translate_bindings(app)
    await app.reset_sections()
    for screen in app.screen_stack:
        await show_language(screen)
    app.refresh_bindings()
    app.data_changed()
