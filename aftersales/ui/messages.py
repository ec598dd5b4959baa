"""Messages that cross screens: something in the database changed."""

from textual.message import Message


class DataChanged(Message):
    """The database changed (this desk saved, or another desk's change was noticed)."""
