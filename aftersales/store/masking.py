"""Naming a database target in messages: a server URL never shows its credentials."""

from urllib.parse import unquote, urlsplit

MASK = "***"


def _is_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))  # as store.db.is_url


def shown_target(target: str) -> str:
    """A database target as messages name it: a server URL without its user and password."""
    return target.rsplit("@", 1)[-1] if _is_url(target) else target


def redact(text: str, target: str) -> str:
    """`text` with the URL, and the password of `target`, masked wherever they occur.

    Drivers sometimes quote what they were given (the whole URL, or the password alone, raw or
    percent-decoded), so every message that may carry one passes through here.
    """
    if not _is_url(target):
        return text
    where = shown_target(target)
    pieces = text.replace(target, where).split(where)
    try:
        password = urlsplit(target).password
    except ValueError:
        password = None
    if not password:
        raw = target.split("://", 1)[-1].rsplit("@", 1)
        password = raw[0].partition(":")[2] if len(raw) == 2 else ""
    secrets = sorted({password, unquote(password)} - {""}, key=len, reverse=True)
    for index, piece in enumerate(pieces):
        for secret in secrets:
            piece = piece.replace(secret, MASK)
        pieces[index] = piece
    # The host and database name are not secret even when they contain the password's letters.
    return where.join(pieces)
