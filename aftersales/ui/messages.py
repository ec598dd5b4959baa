"""Messages that cross screens: something in the database changed, a worker's call failed."""

from dataclasses import dataclass

from textual.message import Message


class DataChanged(Message):
    """The database changed (this desk saved, or another desk's change was noticed)."""


@dataclass
class LoadFailed(Message):
    """A worker could not read what its screen shows; `text` says why, ready to display."""

    text: str
    error: Exception


@dataclass
class SaveFailed(Message):
    """A worker's change was refused or could not be stored; `text` says why, ready to display."""

    text: str
    error: Exception
