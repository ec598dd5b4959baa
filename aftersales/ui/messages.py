"""Messages that cross screens: something in the database changed."""

from textual.message import Message


class DataChanged(Message):
    """The database changed (this desk saved, or another desk's change was noticed)."""


class LoadFailed(Message):
    """A worker could not read what its screen shows; `text` says why, ready to display."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
