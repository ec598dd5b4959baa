"""The desk's footer: Textual's, drawn again only when the keys it shows change."""

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class DeskFooter(Footer):
    """A Footer that skips rebuilding itself when its keys, texts and states are what it shows already.

    Textual's footer rebuilds every key widget whenever the bindings may have changed (each focus
    move, each refresh_bindings): several times while a screen opens, which cost the desk a tenth of
    a second on every section switch.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        keys = tuple(
            (key, active.binding.action, active.binding.description, active.enabled)
            for key, active in screen.active_bindings.items()
            if active.binding.show
        )
        if keys == self._shown and self._bindings_ready:
            return
        self._shown = keys
        super().bindings_changed(screen)
