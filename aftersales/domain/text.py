"""Cleaning and masking of text that users type or see."""

import re

# C0 and C1 control characters except tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What a spreadsheet may read as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
