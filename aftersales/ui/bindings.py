"""Key descriptions that follow the desk's language, whichever language they were written in."""

import dataclasses
from functools import cache
from typing import Any, cast

from textual.binding import Binding
from textual.dom import DOMNode

from .. import i18n
from .textual_internals import key_bindings, set_key_bindings

# Binding id → catalog key, remembered the first time a description written as a key is seen,
# so later switches do not have to guess the key back from translated text.
_KEY_OF: dict[str, str] = {}


# Languages the desk has shown: a description can only be text of one of these (or English).
_SHOWN: set[str] = {"en"}


@cache
def _keys_by_text(language: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, text in i18n.catalog(language).items():
        out.setdefault(text, key)
    return out


def translated(description: str) -> str:
    """`description` in the current language when it is a catalog key or text, else as given."""
    if not description:
        return description
    if description in i18n.catalog("en"):
        return i18n.t(description)
    _SHOWN.add(i18n.current_language())
    # English first: most descriptions are written in English. Only the catalogs of languages shown
    # so far are read, so the first screen does not wait for the other language's.
    for language in sorted(_SHOWN, key=lambda name: name != "en"):
        key = _keys_by_text(language).get(description)
        if key:
            return i18n.t(key)
    return description


def describe(binding: Binding) -> str:
    """What `binding` does, in the current language."""
    if binding.action == "command_palette":  # Textual adds this key itself, described in English
        return i18n.t("shell.key.palette")
    key = _KEY_OF.get(binding.id) if binding.id else None
    if key is None and binding.description in i18n.catalog("en"):
        key = binding.description
        if binding.id:
            _KEY_OF[binding.id] = key
    return i18n.t(key) if key else translated(binding.description)


def translate_bindings(node: DOMNode) -> None:
    """Give `node` its own bindings described in the current language.

    New lists are built: Textual's `BindingsMap.copy()` shares each key's list with the class,
    so rewriting one in place would leak this language into every later instance.
    """
    set_key_bindings(node, {
        key: [dataclasses.replace(binding, description=describe(binding)) for binding in bindings]
        for key, bindings in key_bindings(node).items()
    })


class TranslatedKeys:
    """Mixed into a screen or widget (before its Textual class): its keys are described in the desk's
    language from construction on, so no constructor has to ask for it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(cast(DOMNode, self))


def key_for(node: DOMNode, action: str) -> str | None:
    """The key, as the footer shows it, that runs `action` on `node` or else on the app (keymap included)."""
    for owner in (node, node.app):
        for key, bindings in key_bindings(owner).items():
            for binding in bindings:
                if binding.action == action:
                    return owner.app.get_key_display(dataclasses.replace(binding, key=key))
    return None
