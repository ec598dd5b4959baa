"""A form's drop-down whose options are numbered: the option's digit chooses it and moves on."""

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Select

from ..bindings import TranslatedKeys


class ChoiceSelect(TranslatedKeys, Select[Any]):
    """A Select over `choices` (label, value); `1`–`9` pick the option of that number and go to the
    next field, so a choice costs one key instead of opening the list."""

    BINDINGS = [
        Binding(str(number), f"pick({number})", "intake.binding.pick", show=False, id=f"choice.pick{number}")
        for number in range(1, 10)
    ]

    def __init__(self, choices: list[tuple[str, Any]], **kwargs: Any) -> None:
        self.choices = list(choices)
        super().__init__(self._numbered(), **kwargs)

    def _numbered(self) -> list[tuple[Text, Any]]:
        return [(Text(f"{number} {label}" if number < 10 else label), value)
                for number, (label, value) in enumerate(self.choices, 1)]

    def set_choices(self, choices: list[tuple[str, Any]]) -> None:
        """New labels for the options (another language); the value chosen stays."""
        value = self.value
        self.choices = list(choices)
        self.set_options(self._numbered())
        self.value = value
        # Setting the value it already had draws nothing; put the new label on the screen.
        self.mutate_reactive(Select.value)  # type: ignore[misc]

    def action_pick(self, number: int) -> None:
        if 0 < number <= len(self.choices):
            self.value = self.choices[number - 1][1]
            self.screen.focus_next()
