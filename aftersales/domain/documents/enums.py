"""Closed vocabularies of the sales documents; their labels live in the i18n catalogs (documents.toml)."""

from enum import StrEnum


class DocumentKind(StrEnum):
    """A numbered form the desk keeps in stock and hands out to shops."""

    CONTRACT = "contract"
    RECEIPT = "receipt"
    PRICE_TAG = "price_tag"


class NumberState(StrEnum):
    """Where one number is; every received number is in exactly one of these."""

    IN_STOCK = "in_stock"
    ISSUED = "issued"
    USED = "used"
    VOIDED = "voided"
    LOST = "lost"
    RETURNED = "returned"


class DocumentMove(StrEnum):
    """What happens to a range of numbers."""

    RECEIVE = "receive"
    ISSUE = "issue"
    RETURN = "return"
    USE = "use"
    VOID = "void"
    LOSE = "lose"
