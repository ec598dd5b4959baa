"""Cleaning and masking of text that users type or see."""

import re
import unicodedata
from decimal import Decimal

# C0 and C1 control characters except tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What a spreadsheet may read as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_YUAN = re.compile(r"^\d{1,9}(\.\d{1,2})?$")


def strip_controls(value: str) -> str:
    """Remove control characters so escape sequences never reach a terminal."""
    return _CONTROL.sub("", value.replace("\r\n", "\n"))


def mask_phone(phone: str) -> str:
    """Show a phone in lists without exposing it: 138****1234."""
    digits = phone.replace("-", "")
    if len(digits) >= 11:
        return digits[:3] + "****" + digits[-4:]
    if len(digits) > 4:
        return "*" * (len(digits) - 4) + digits[-4:]
    return digits


def neutralise_formula(value: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula."""
    if value.startswith(FORMULA_START):
        return "'" + value
    return value


def unneutralise_formula(value: str) -> str:
    """Undo `neutralise_formula` when a file we exported comes back."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def yuan_to_fen(text: str) -> int | None:
    """`120.5` yuan → 12050 fen (empty → 0); full-width digits, `¥` and thousands commas are accepted.
    None when `text` is not an amount."""
    clean = unicodedata.normalize("NFKC", text).strip().lstrip("¥").replace(",", "").strip()
    if clean == "":
        return 0
    if not _YUAN.match(clean):
        return None
    return int(Decimal(clean) * 100)


def signed_yuan_to_fen(text: str) -> int | None:
    """`-20.5` yuan → -2050 fen, as `yuan_to_fen` with a leading minus allowed (a correction takes money back)."""
    clean = unicodedata.normalize("NFKC", text).strip()
    negative = clean.startswith(("-", "−"))
    fen = yuan_to_fen(clean[1:] if negative else clean)
    return None if fen is None else -fen if negative else fen
