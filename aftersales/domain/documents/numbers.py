"""How document numbers are written: a kind's prefix and its digits (HT20261100001, XS0001234, JQ00012345)."""

import re

from .enums import DocumentKind

PREFIX: dict[DocumentKind, str] = {
    DocumentKind.CONTRACT: "HT",
    DocumentKind.RECEIPT: "XS",
    DocumentKind.PRICE_TAG: "JQ",
}
# Digits printed on each kind of form (contract numbers start with the month: HT + YYYYMM + 5 digits).
WIDTH: dict[DocumentKind, int] = {
    DocumentKind.CONTRACT: 11,
    DocumentKind.RECEIPT: 7,
    DocumentKind.PRICE_TAG: 8,
}
_NUMBER = re.compile(r"^([A-Za-z]{0,4})-?(\d{1,15})$")
LARGEST = 10**15 - 1


def parse_number(text: str) -> tuple[DocumentKind | None, int] | None:
    """(kind, value) of a written number: the prefix names the kind, bare digits leave it open; None if not a number."""
    match = _NUMBER.match(text.strip().replace(" ", ""))
    if match is None:
        return None
    prefix, digits = match.group(1).upper(), match.group(2)
    if not prefix:
        return None, int(digits)
    kind = next((k for k, p in PREFIX.items() if p == prefix), None)
    if kind is None:
        return None
    return kind, int(digits)


def written(kind: DocumentKind, value: int) -> str:
    """The number as it is printed on the form."""
    return f"{PREFIX[kind]}{value:0{WIDTH[kind]}d}"


def written_range(kind: DocumentKind, first: int, last: int) -> str:
    """A range as people write it: one number, or first–last."""
    if first == last:
        return written(kind, first)
    return f"{written(kind, first)}–{written(kind, last)}"
