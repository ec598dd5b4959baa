"""One translation function over the zh_CN and en catalogs (one TOML file per area)."""

import os
import tomllib
from collections.abc import Mapping
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "zh_CN")
_HERE = Path(__file__).parent
_current = "en"


def _flatten(prefix: str, table: Mapping[str, Any], out: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, Mapping):
            _flatten(name, value, out)
        else:
            out[name] = str(value)


@cache
def catalog(language: str) -> dict[str, str]:
    """Every message of `language`, keyed by dotted name."""
    out: dict[str, str] = {}
    for path in sorted((_HERE / language).glob("*.toml")):
        with path.open("rb") as handle:
            _flatten("", tomllib.load(handle), out)
    return out


def normalise_language(value: str | None) -> str | None:
    if not value:
        return None
    low = value.lower().replace("-", "_")
    if low.startswith("zh"):
        return "zh_CN"
    if low.startswith("en"):
        return "en"
    return None


def detect_language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """--lang wins, then LC_ALL / LC_MESSAGES / LANG starting with zh, else English."""
    chosen = normalise_language(explicit)
    if chosen:
        return chosen
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(language: str) -> None:
    global _current
    chosen = normalise_language(language)
    if chosen is None:
        raise ValueError(f"unknown language {language!r} (use zh or en)")
    _current = chosen


def current_language() -> str:
    return _current


def t(key: str, **params: Any) -> str:
    """The message `key` in the current language, with `{name}` fields filled."""
    text = catalog(_current).get(key) or catalog("en").get(key) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def label(value: Enum) -> str:
    """Label of an enum member: key `enum.<EnumName>.<value>`."""
    return t(f"enum.{type(value).__name__}.{value.value}")


_LABELLED_PARAMS = {
    "role": "Role", "action": "Action", "current": "ComplaintStatus", "target": "ComplaintStatus",
    "state": "DeliveryStatus", "delivery_move": "DeliveryMove", "status": "CallbackStatus",
}


def error_text(exc: Exception, key: str | None = None) -> str:
    """A user-facing line for a desk error, translated when its key (or the `key` given) is known."""
    key = key or getattr(exc, "key", None)
    params = dict(getattr(exc, "params", {}) or {})
    code = params.get("cause_code")
    if code and f"error.cause.{code}" in catalog(_current):
        params["cause"] = t(f"error.cause.{code}")
    # Codes carried by refusals read as their labels (a role, an action, a status).
    for name, enum_name in _LABELLED_PARAMS.items():
        value = params.get(name)
        if isinstance(value, str) and f"enum.{enum_name}.{value}" in catalog("en"):
            params[name] = t(f"enum.{enum_name}.{value}")
    if key and key in catalog(_current) and key != "error.generic":
        return t(key, **params)
    return str(exc)
