"""A drop-down whose options are numbered: the option's digit chooses it and moves on, open or closed."""

from dataclasses import dataclass
from time import monotonic
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Select

from ..bindings import TranslatedKeys
from ..textual_internals import SelectCurrent, SelectOverlay

DIGITS = "123456789"


class NumberedOverlay(SelectOverlay):
    """The open list of a `ChoiceSelect`: a digit picks the option of that number (typing letters still
    searches the labels)."""

    @dataclass
    class Picked(Message):
        """The digit `number` was typed in the open list."""

        number: int

    # A digit typed this soon after a letter goes on with the search ("S012"), as the list's own search
    # forgets what was typed after this long.
    SEARCH_PAUSE_S = 0.7

    searched_at = -SEARCH_PAUSE_S

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if character is None or not event.is_printable:
            return
        now = monotonic()
        searching = now - self.searched_at < self.SEARCH_PAUSE_S
        if character in DIGITS and not searching:
            # Before the list's own search, which would only move the highlight to a label holding the digit.
            event.stop()
            event.prevent_default()
            self.post_message(self.Picked(int(character)))
            return
        self.searched_at = now


class ChoiceSelect(TranslatedKeys, Select[Any]):
    """A Select over `choices` (label, value), shown as "2 Normal" closed and open; `1`–`9` pick the option
    of that number and go to the next field, so a choice costs one key instead of opening the list.

    The open list goes above the field when there is more room there than below, and is never taller
    than the room on its side: it never covers the field it belongs to."""

    BINDINGS = [
        Binding(str(number), f"pick({number})", "intake.binding.pick", show=False, id=f"choice.pick{number}")
        for number in range(1, 10)
    ]

    # The tallest an open list grows (Textual's own limit), borders included.
    MOST_ROWS = 12

    def __init__(self, choices: list[tuple[str, Any]], *, allow_blank: bool = True, type_to_search: bool = True,
                 **kwargs: Any) -> None:
        self.choices = list(choices)
        self.blank_allowed = allow_blank
        self.searching = type_to_search
        super().__init__(self._numbered(), allow_blank=allow_blank, type_to_search=type_to_search, **kwargs)

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield NumberedOverlay(type_to_search=self.searching).data_bind(compact=Select.compact)

    def _numbered(self) -> list[tuple[Text, Any]]:
        return [(Text(f"{number} {label}" if number < 10 else label), value)
                for number, (label, value) in enumerate(self.choices, 1)]

    def set_choices(self, choices: list[tuple[str, Any]]) -> None:
        """New options (or their labels in another language); the value chosen stays while it is offered."""
        value = self.value
        self.choices = list(choices)
        self.set_options(self._numbered())
        if any(offered == value for _label, offered in self.choices):
            self.value = value
        # Setting the value it already had draws nothing; put the new label on the screen.
        self.mutate_reactive(Select.value)  # type: ignore[misc]

    def action_pick(self, number: int) -> None:
        if 0 < number <= len(self.choices):
            self.value = self.choices[number - 1][1]
            self.screen.focus_next()

    @on(NumberedOverlay.Picked)
    def _picked_in_list(self, event: NumberedOverlay.Picked) -> None:
        event.stop()
        if 0 < event.number <= len(self.choices):
            self.expanded = False
            self.screen.set_focus(self, scroll_visible=False)
            # Once the closed list has left the focus chain, the next field is the one after this.
            self.call_after_refresh(self.action_pick, event.number)

    def watch_expanded(self, expanded: bool) -> None:
        if expanded:
            self._place_list()

    def _place_list(self) -> None:
        """Open the list below the field, or above it when there is more room there."""
        overlay = self.query_one(NumberedOverlay)
        field = self.query_one(SelectCurrent).region
        below = self.screen.size.height - field.bottom
        above = field.y
        frame = 0 if self.compact else 2
        wanted = min(len(self.choices) + int(self.blank_allowed) + frame, self.MOST_ROWS)
        downwards = below >= wanted or below >= above
        rows = max(1, min(wanted, below if downwards else above))
        overlay.styles.max_height = rows
        # An offset counts from the list's place under the field: up by the list and the field itself.
        overlay.styles.offset = (0, 0) if downwards else (0, -(rows + field.height))
