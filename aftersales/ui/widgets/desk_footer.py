"""The desk's footer: Textual's, drawn again only when the keys it shows change.

On a narrow terminal it shows the screen's own keys first, then F1 (always) and escape, then the desk's
other keys as far as they fit. When the screen's own keys do not fit on one line the footer takes a
second line; what fits on neither is left to the help, and a "…" before F1 says so.
"""

from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Label

from ..textual_internals import footer_has_bindings, running_app, set_bindings_ready, set_key_compact

COMPACT_BELOW = 100  # columns
# Keys of the whole desk a narrow footer always shows (F1 lists the rest), and those it shows next.
NARROW_KEEPS = ("help",)
NARROW_NEXT = ("back",)
MORE = "…"  # stands before F1 when some of the screen's own keys did not fit
MOST_ROWS = 2


def key_cells(widget: Widget) -> int:
    """Columns a key takes in the compact footer: `key description` and the space after it."""
    if isinstance(widget, Label):
        return cell_len(str(widget.render())) + 1
    text = f"{getattr(widget, 'key_display', '')} {getattr(widget, 'description', '')}".rstrip()
    return cell_len(text) + 1


def palette_cells(widget: Widget | None) -> int:
    """Columns of the palette key at the right end (its bar, key, description and one space)."""
    return 0 if widget is None else key_cells(widget) + 2


def pack(rooms: list[int], own: list[Widget], kept: list[Widget], others: list[Widget]) -> list[list[Widget]]:
    """The keys on each line: `own` in order over as few lines as hold them, `kept` (F1) on the last,
    then `others` while they fit; own keys that fit nowhere give way to a "…" before the kept ones."""
    must = sum(key_cells(widget) for widget in kept)
    for count in range(1, len(rooms) + 1):
        rows = _fill(rooms[:count], own, must)
        if rows is not None:
            break
    else:
        marker = Label(MORE, classes="footer-more")
        rows = _fill(rooms, own, must + key_cells(marker), partial=True) or [[]]
        kept = [marker, *kept]
    last = len(rows) - 1
    rows[last].extend(kept)
    room = rooms[last] - sum(key_cells(widget) for widget in rows[last])
    for widget in others:
        if key_cells(widget) <= room:
            rows[last].append(widget)
            room -= key_cells(widget)
    return rows


def _fill(rooms: list[int], keys: list[Widget], last_reserve: int, partial: bool = False) -> list[list[Widget]] | None:
    """`keys` in order over lines of `rooms` columns, `last_reserve` left free on the last; None when they do
    not all fit (unless `partial`: then as many as fit)."""
    rows: list[list[Widget]] = [[] for _ in rooms]
    line = 0
    room = rooms[0] - (last_reserve if len(rooms) == 1 else 0)
    for widget in keys:
        while key_cells(widget) > room:
            line += 1
            if line == len(rooms):
                return rows if partial else None
            room = rooms[line] - (last_reserve if line == len(rooms) - 1 else 0)
        rows[line].append(widget)
        room -= key_cells(widget)
    return rows[: line + 1] if not partial else rows


class FooterRow(HorizontalGroup):
    """One line of a footer that takes two."""

    DEFAULT_CSS = """
    FooterRow { height: 1; width: 1fr; }
    FooterRow Label.footer-more { margin-right: 1; color: $footer-description-foreground; }
    """


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

    @property
    def narrow(self) -> bool:
        return 0 < self.app.size.width < COMPACT_BELOW

    def shown_keys(self, widgets: list[Widget]) -> list[Widget]:
        """The keys this footer offers, before they are fitted to the width (a screen's footer may filter)."""
        return widgets

    def compose(self) -> ComposeResult:
        if self._keys_at_once and not footer_has_bindings(self):
            set_bindings_ready(self)
            self._shown = self._keys_of(self.screen)
        widgets = self.shown_keys(list(super().compose()))
        for widget in widgets:
            set_key_compact(widget, self.compact)
        if not widgets or not self.narrow:
            self.set_class(False, "-rows")
            yield from widgets
            return
        everywhere = {active.binding.action for active in self.screen.active_bindings.values()
                      if active.node is self.app}
        palette = next((w for w in widgets if "-command-palette" in w.classes), None)
        keys = [widget for widget in widgets if widget is not palette]

        def action(widget: Widget) -> str:
            return str(getattr(widget, "action", ""))

        own = [w for w in keys if action(w) not in everywhere]
        kept = [w for name in NARROW_KEEPS for w in keys if action(w) == name]
        following = [w for name in NARROW_NEXT for w in keys if action(w) == name]
        others = following + [w for w in keys if w not in own and w not in kept and w not in following]
        width = self.app.size.width
        rows = pack([width - palette_cells(palette)] + [width] * (MOST_ROWS - 1), own, kept, others)
        self.set_class(len(rows) > 1, "-rows")
        if len(rows) == 1 and all(w in widgets for w in rows[0]):
            # One line and nothing left out of the screen's own: the keys in their usual order.
            yield from (w for w in widgets if w in rows[0] or w is palette)
            return
        if len(rows) == 1:
            yield from rows[0]
            if palette is not None:
                yield palette
            return
        yield FooterRow(*rows[0], *([palette] if palette is not None else []))
        yield FooterRow(*rows[1])

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

