"""The intake form's fields: their order, which are typed, which are numbered forms, and their words."""

from typing import Any

from ....domain.documents.enums import DocumentKind
from ....domain.phone import normalise_phone
from ....i18n import label, t

# Form order: the first wrong field in this order gets the focus after a refused save.
FIELDS = (
    "phone", "customer_name", "shop_code", "category", "severity", "channel", "remedy", "major_reason",
    "description", "product", "contract_no", "receipt_no", "address",
)
TEXT_FIELDS = ("phone", "customer_name", "address", "product", "contract_no", "receipt_no")
# Numbered forms checked against the ranges issued to shops (unknown numbers are allowed).
DOCUMENT_FIELDS = {"contract_no": DocumentKind.CONTRACT, "receipt_no": DocumentKind.RECEIPT}


def labelled(enum: Any) -> list[tuple[str, Any]]:
    return [(label(member), member) for member in enum]


def caption_words(key: str, classes: str) -> str:
    # A field that belongs to the box above it (the major incident's reason) hangs from that box.
    return (" └ " if "sub-label" in classes.split() else "") + t(key)


def valid_phone(raw: str) -> str | None:
    """The stored form of `raw`, or None while it is not yet a whole phone number."""
    try:
        return normalise_phone(raw)
    except ValueError:
        return None
