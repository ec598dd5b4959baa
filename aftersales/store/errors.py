"""Reasons a database cannot be opened, each with a one-line message naming the file."""


class DatabaseRefused(Exception):
    """The target is not a usable database of this application; nothing was changed."""
