"""The base of the desk's dialogs: a box in the middle of the terminal over the screen that opened it."""

from typing import TypeVar

from textual.screen import ModalScreen

from ..language import ScreenFollowsLanguage

Result = TypeVar("Result")


class DeskModal(ScreenFollowsLanguage, ModalScreen[Result]):
    """A dialog whose keys and texts follow the desk's language; its first `Vertical` is the box, as wide
    as each dialog says, never wider or taller than the terminal."""

    DEFAULT_CSS = """
    DeskModal { align: center middle; }
    DeskModal > Vertical { max-width: 100%; height: auto; max-height: 100%; background: $surface; }
    DeskModal .title { text-style: bold; margin: 1 0; }
    """
