"""Pasted text as it may enter a field: no escape sequences, no control characters."""

import re

from textual import events

from ..domain.text import strip_controls

# CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC \\`) and two-character escapes: a colour code copied
# from a terminal along with the text.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def clean_pasted(text: str) -> str:
    """`text` without escape sequences (the whole sequence, not just its ESC) and control characters."""
    return strip_controls(_ESCAPES.sub("", text))


def clean_paste(event: events.Paste) -> None:
    """Clean a Paste event in place, before any field sees it."""
    event.text = clean_pasted(event.text)
