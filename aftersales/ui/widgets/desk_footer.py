"""The desk's footer: Textual's, drawn again only when the keys it shows change.

On a narrow terminal, or where its keys at full spacing would not fit one line, it shows the screen's own
keys first, then F1 (always) and escape, then the desk's other keys as far as they fit. When the screen's
own keys do not fit on one line the footer takes a second line; what fits on neither is left to the help,
and a "…" before F1 says so (footer_rows.py, loaded only then).
"""

from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from ..textual_internals import footer_has_bindings, running_app, set_bindings_ready, set_key_compact

COMPACT_BELOW = 100  # columns


def full_cells(widget: Widget) -> int:
    """Columns a key takes at full spacing: its key and description, a cell either side of the key and
    one after the description."""
    return cell_len(f"{getattr(widget, 'key_display', '')} {getattr(widget, 'description', '')}") + 2


class DeskFooter(Footer):
    """A Footer that skips rebuilding itself when its keys, texts and states are what it shows already.

    Textual's footer rebuilds every key widget whenever the bindings may have changed (each focus
    move, each refresh_bindings): several times while a screen opens, which cost the desk a tenth of
    a second on every section switch.
    """

    DEFAULT_CSS = """
    DeskFooter.-rows { layout: vertical; height: auto; max-height: 2; }
    """

    def __init__(self, *, keys_at_once: bool = False, **kwargs: Any) -> None:
        """`keys_at_once`: show the screen's keys in its first frame (Textual's footer waits for the
        frame after it). Only for a screen whose shown keys do not depend on where the focus is."""
        app = running_app()
        width = app.size.width if app is not None else 0
        # Compact from the start on a narrow terminal: switching it later restyles every key.
        super().__init__(compact=0 < width < COMPACT_BELOW, **kwargs)
        self._shown: tuple[object, ...] | None = None
        self._narrow: bool | None = None
        self._width = width
        self._keys_at_once = keys_at_once
        # The keys of the last compose did not fit one line at full spacing: packed as on a narrow terminal.
        self._crowded = False

    @property
    def narrow(self) -> bool:
        return 0 < self.app.size.width < COMPACT_BELOW or self._crowded

    def shown_keys(self, widgets: list[Widget]) -> list[Widget]:
        """The keys this footer offers, before they are fitted to the width (a screen's footer may filter)."""
        return widgets

    def compose(self) -> ComposeResult:
        if self._keys_at_once and not footer_has_bindings(self):
            set_bindings_ready(self)
            self._shown = self._keys_of(self.screen)
        widgets = self.shown_keys(list(super().compose()))
        self._crowded = sum(full_cells(widget) for widget in widgets) > self.app.size.width > 0
        if self.compact != self.narrow:
            self.compact = self.narrow
        for widget in widgets:
            set_key_compact(widget, self.compact)
        if not widgets or not self.narrow:
            self.set_class(False, "-rows")
            yield from widgets
            return
        from .footer_rows import fitted

        yield from fitted(self, widgets)

    def on_resize(self) -> None:
        # Less space between keys on a narrow terminal, and only the keys that matter here.
        narrow = self.narrow
        if self.compact != narrow:
            self.compact = narrow
        width = self.app.size.width
        # Fitted again when it turns narrow or wide, and at each new width while narrow.
        moved = narrow != self._narrow or (narrow and width != self._width)
        if self._narrow is not None and moved and footer_has_bindings(self):
            self.call_after_refresh(self.recompose)
        self._narrow, self._width = narrow, width

    @staticmethod
    def _keys_of(screen: Screen[Any]) -> tuple[object, ...]:
        return tuple(
            (key, active.binding.action, active.binding.description, active.enabled)
            for key, active in screen.active_bindings.items()
            if active.binding.show
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        keys = self._keys_of(screen)
        if keys == self._shown and footer_has_bindings(self):
            return
        self._shown = keys
        super().bindings_changed(screen)

