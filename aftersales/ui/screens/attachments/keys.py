"""The keys line inside a box that covers the screen's own footer."""

from textual.binding import Binding
from textual.screen import Screen

from .... import i18n


def keys_line(screen: Screen[object]) -> str:
    """The keys `screen` answers now, each with its words, as a footer would show them."""
    shown = [f"{binding.key.replace('escape', 'esc')} {i18n.t(binding.description)}" for binding in screen.BINDINGS
             if isinstance(binding, Binding) and screen.check_action(binding.action, ()) is True]
    return "  ".join(shown)
