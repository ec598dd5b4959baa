"""Naming a database target in messages: a server URL never shows its credentials."""

from urllib.parse import unquote

MASK = "***"


def _is_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))  # as store.db.is_url


def shown_target(target: str) -> str:
    """A database target as messages name it: a server URL without its user and password."""
    return target.rsplit("@", 1)[-1] if _is_url(target) else target


def redact(text: str, target: str) -> str:
    """`text` with every URL-shaped trace of `target`'s credentials masked.

    Messages quote a URL whole (peewee's "no database name in …"), or a driver quotes the
    `user:password@host` part, raw or percent-decoded: the URL becomes its shown form, and any
    `:password@` left becomes `:***@`. The password alone is not searched for: drivers never print
    it bare, and a short one ("desk") would mangle ordinary words.
    """
    if not _is_url(target) or "@" not in target:
        return text
    for spelling in (target, unquote(target)):
        text = text.replace(spelling, shown_target(target))
    user_info = target.split("://", 1)[1].rsplit("@", 1)[0]
    user, _, password = user_info.partition(":")
    if not password:
        return text
    for secret in sorted({password, unquote(password)}, key=len, reverse=True):
        text = text.replace(f":{secret}@", f":{MASK}@")
    return text
