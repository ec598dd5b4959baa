"""A narrow terminal's footer (see desk_footer.py): the screen's own keys first, then F1 (always) and
escape, then the desk's other keys as far as they fit, over one line or two; what fits on neither is left
to the help, and a "…" before F1 says so. Loaded only when a footer is narrow.
"""

from collections.abc import Iterator

from rich.cells import cell_len
from textual.containers import HorizontalGroup
from textual.widget import Widget
from textual.widgets import Footer, Label

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


def fitted(footer: Footer, widgets: list[Widget]) -> Iterator[Widget]:
    """The keys `widgets` of a narrow `footer` as it shows them (its `-rows` class set when it takes two lines)."""
    everywhere = {active.binding.action for active in footer.screen.active_bindings.values()
                  if active.node is footer.app}
    palette = next((w for w in widgets if "-command-palette" in w.classes), None)
    keys = [widget for widget in widgets if widget is not palette]

    def action(widget: Widget) -> str:
        return str(getattr(widget, "action", ""))

    own = [w for w in keys if action(w) not in everywhere]
    kept = [w for name in NARROW_KEEPS for w in keys if action(w) == name]
    following = [w for name in NARROW_NEXT for w in keys if action(w) == name]
    others = following + [w for w in keys if w not in own and w not in kept and w not in following]
    width = footer.app.size.width
    rows = pack([width - palette_cells(palette)] + [width] * (MOST_ROWS - 1), own, kept, others)
    footer.set_class(len(rows) > 1, "-rows")
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
