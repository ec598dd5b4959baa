"""Every use the desk makes of Textual's private attributes, each behind a named function.

Textual is pinned (8.2.8); tests/ui/test_textual_internals.py fails when an upgrade renames or changes any of
what is read or written here, so an upgrade is checked in one place instead of across the screens.
"""

from typing import Any

from textual._context import active_app
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey
from textual.widgets._select import SelectCurrent, SelectOverlay

# A Select's two parts: the closed field and the open list (a subclass of the list replaces it in `compose`).
__all__ = ["SelectCurrent", "SelectOverlay"]


def running_app() -> App[Any] | None:
    """The app running in this context (a widget being built has no parent to ask yet), or None outside one."""
    try:
        return active_app.get()
    except LookupError:
        return None


def mode_stacks(app: App[Any]) -> dict[str, list[Screen[Any]]]:
    """Each mode that has screens open → its screen stack, bottom first (copies: changing them changes nothing)."""
    return {mode: list(stack) for mode, stack in app._screen_stacks.items()}


def has_mode(app: App[Any], mode: str) -> bool:
    """True while `mode` is installed (added and not removed)."""
    return mode in app._modes


def start_in_mode(app: App[Any], mode: str) -> None:
    """Make `app` start in `mode` (called before `App.__init__`, which reads it): its first screen is
    `get_default_screen()`'s, and `mode` is added with `add_mode` only after that."""
    app.DEFAULT_MODE = mode  # type: ignore[misc]


def key_bindings(node: DOMNode) -> dict[str, list[Binding]]:
    """`node`'s own bindings by key, as its class (and any keymap) gave them."""
    return node._bindings.key_to_bindings


def set_key_bindings(node: DOMNode, bindings: dict[str, list[Binding]]) -> None:
    """Give `node` these bindings by key, in place of its own (other instances keep theirs)."""
    node._bindings.key_to_bindings = bindings


def mark_styles_current(screen: Screen[Any], app: App[Any]) -> None:
    """Tell Textual `screen` was styled with the app's CSS as it is now, so it is not restyled on first show."""
    screen._css_update_count = app._css_update_count


def footer_has_bindings(footer: Footer) -> bool:
    """True once Textual told `footer` which keys to show (before that it shows none)."""
    return bool(footer._bindings_ready)


def set_key_compact(widget: Widget, compact: bool) -> None:
    """Start a footer's key (Textual's FooterKey) compact or not, as its footer is, before it is mounted.

    A key starts compact and then takes its footer's value: two restyles of every key of a footer that
    is not compact, each time the footer is built. The palette's key is left as it is: it keeps its
    compact look whatever the footer's."""
    if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
        widget.set_reactive(FooterKey.compact, compact)


def set_bindings_ready(footer: Footer) -> None:
    """Let `footer` show its screen's keys now, before Textual tells it which they are."""
    footer.set_reactive(Footer._bindings_ready, True)
