"""The desk's footer: Textual's, drawn again only when the keys it shows change.

On a narrow terminal it shows the screen's own keys first, then F1, then the desk's other keys as far
as they fit (the help lists every key), so what matters on that screen is not pushed off the edge.
"""

from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from ..textual_internals import footer_has_bindings, running_app

COMPACT_BELOW = 100  # columns
# Keys of the whole desk a narrow footer still shows.
NARROW_KEEPS = {"help"}
PALETTE_CELLS = 14  # the palette key, at the right end


class DeskFooter(Footer):
    """A Footer that skips rebuilding itself when its keys, texts and states are what it shows already.

    Textual's footer rebuilds every key widget whenever the bindings may have changed (each focus
    move, each refresh_bindings): several times while a screen opens, which cost the desk a tenth of
    a second on every section switch.
    """

    def __init__(self, **kwargs: Any) -> None:
        app = running_app()
        width = app.size.width if app is not None else 0
        # Compact from the start on a narrow terminal: switching it later restyles every key.
        super().__init__(compact=0 < width < COMPACT_BELOW, **kwargs)
        self._shown: tuple[object, ...] | None = None
        self._narrow: bool | None = None

    @property
    def narrow(self) -> bool:
        return 0 < self.app.size.width < COMPACT_BELOW

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        if not widgets or not self.narrow:
            yield from widgets
            return
        everywhere = {active.binding.action for active in self.screen.active_bindings.values()
                      if active.node is self.app}
        room = self.app.size.width - PALETTE_CELLS
        kept = []
        # The screen's own keys first, then F1, then the desk's other keys while they fit.
        for wanted in (lambda a: a not in everywhere, lambda a: a in NARROW_KEEPS, lambda a: True):
            for widget in widgets:
                action = getattr(widget, "action", None)
                if widget in kept or not wanted(action) or "-command-palette" in widget.classes:
                    continue
                cells = cell_len(f"{getattr(widget, 'key_display', '')} {getattr(widget, 'description', '')}") + 2
                if cells <= room:
                    kept.append(widget)
                    room -= cells
        yield from (widget for widget in widgets if widget in kept or "-command-palette" in widget.classes)

    def on_resize(self) -> None:
        # Less space between keys on a narrow terminal, and only the keys that matter here.
        narrow = self.narrow
        if self.compact != narrow:
            self.compact = narrow
        if self._narrow is not None and narrow != self._narrow and footer_has_bindings(self):
            self.call_after_refresh(self.recompose)
        self._narrow = narrow

    def bindings_changed(self, screen: Screen[Any]) -> None:
        keys = tuple(
            (key, active.binding.action, active.binding.description, active.enabled)
            for key, active in screen.active_bindings.items()
            if active.binding.show
        )
        if keys == self._shown and footer_has_bindings(self):
            return
        self._shown = keys
        super().bindings_changed(screen)
