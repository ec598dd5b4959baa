"""The intake form's error marks on screen: how many there are, how many are out of view, and bringing
the first into view; at 80 × 24 the form is taller than the terminal, so a mark can sit below."""

from collections.abc import Callable

from textual.containers import Vertical
from textual.errors import NoWidget
from textual.screen import Screen

from ...widgets.field_error import FieldError


def shown_marks(screen: Screen[None]) -> list[FieldError]:
    """The marks that carry a message, in the form's order."""
    return [line for line in screen.query(FieldError) if line.message]


def out_of_view(screen: Screen[None], marks: list[FieldError]) -> int:
    """How many of `marks` the operator cannot see without scrolling."""
    hidden = 0
    for line in marks:
        try:
            seen = screen.find_widget(line).visible_region
        except NoWidget:
            seen = None
        hidden += not seen
    return hidden


def bring_into_view(screen: Screen[None], name: str, then: Callable[[], None]) -> None:
    """Scroll the field `name` with its mark into view, once the refresh gave the mark its height; then `then`."""
    line = screen.query_one(f"#error-{name}", FieldError)
    block = line.parent if isinstance(line.parent, Vertical) and line.parent.has_class("field") else line

    def scroll() -> None:
        block.scroll_visible(animate=False, immediate=True)
        screen.call_after_refresh(then)

    screen.call_after_refresh(scroll)
