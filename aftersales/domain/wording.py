"""The words a file writer needs, handed over by the edge that asked for the file (screen or command)."""

from enum import Enum
from typing import Any, Protocol


class Wording(Protocol):
    """The desk's messages in one language: the file writers word their headings and labels with it."""

    @property
    def language(self) -> str:
        """The language's code (`en`, `zh_CN`)."""
        ...

    def __call__(self, key: str, /, **params: Any) -> str:
        """The message `key` with its `{name}` fields filled; the key itself when there is none."""
        ...

    def label(self, value: Enum) -> str:
        """The label of an enum member; its code when the catalog has none."""
        ...

    def spellings(self, key: str) -> tuple[str, ...]:
        """The message `key` in every language the desk speaks, to recognise what a file says in any."""
        ...
