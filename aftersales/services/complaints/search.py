"""What the queue's search box finds: a complaint number, phone digits (the whole number or its last
digits), or words of the product, description or customer name (any length, Chinese or not), each
through an index, newest first, a page at a time.

A word's matches are exactly those of a plain substring scan of the three fields (LIKE on SQLite,
ILIKE on PostgreSQL); the indexes only find them faster:
- SQLite: three characters or more walk the trigram index, one or two the index of characters and
  character pairs (store/fts.py), both newest first, so a page costs the same whatever the term.
- PostgreSQL: see server_search.py.
"""

import re
from dataclasses import dataclass
from typing import Any, Literal

from peewee import SQL, Expression, SqliteDatabase, fn

from ...domain.phone import normalise_phone
from ...store.models import Complaint, ComplaintFts, ComplaintGrams, Customer

_NUMBER = re.compile(r"^TS-\d{8}-\d{4,}$", re.IGNORECASE)
# Phone-like input: digits with the spaces, dashes or +86 people type between them.
_PHONE_LIKE = re.compile(r"^\+?[\d\s-]{4,}$")
# A phone's last digits are looked up through an index of its last four.
TAIL = 4
# From this length on a word is a phrase of trigrams; shorter ones are single tokens of the gram index.
TRIGRAM = 3


@dataclass(frozen=True)
class Term:
    """A search as typed, read: its kind and the value looked for (normalised)."""

    kind: Literal["number", "phone", "tail", "word"]
    value: str


def read_term(text: str) -> Term:
    text = text.strip()
    if _NUMBER.match(text):
        return Term("number", text.upper())
    if _PHONE_LIKE.match(text):
        try:
            return Term("phone", normalise_phone(text))
        except ValueError:
            return Term("tail", re.sub(r"\D", "", text))
    return Term("word", text)


def is_sqlite() -> bool:
    return isinstance(Complaint._meta.database.obj, SqliteDatabase)


def plain_match(word: str) -> Any:
    """The plain substring test of a word against the three fields (needs Customer joined)."""
    return Complaint.product.contains(word) | Complaint.description.contains(word) | Customer.name.contains(word)


def phone_tail(digits: str) -> Any:
    """Customers whose phone ends with `digits`, found through the index of phones' last four digits
    (three or fewer, which nobody types as a phone, are looked for by scanning)."""
    if len(digits) < TAIL:
        return Customer.phone.endswith(digits)
    # The 4 must be literal SQL: a bound parameter would not match the expression index.
    last = fn.substr(Customer.phone, SQL(f"-{TAIL}")) if is_sqlite() else fn.right(Customer.phone, SQL(str(TAIL)))
    found = last == digits[-TAIL:]
    return found & Customer.phone.endswith(digits) if len(digits) > TAIL else found


def grams_searchable(word: str) -> bool:
    """A one- or two-character word the gram index holds as one token (no space or control character,
    which cannot be typed in the search box anyway)."""
    return 0 < len(word) < TRIGRAM and all(" " < ch != "\x7f" for ch in word)


def narrow(query: Any, term: Term) -> tuple[Any, Any]:
    """Narrow `query` (complaints joined to their customer) to `term`; returns the query and the key that
    orders its matches newest first. On PostgreSQL a word gets the plain test only: its pages are read
    by server_search.word_page, which adds the indexes."""
    if term.kind == "number":
        return query.where(Complaint.number == term.value), Complaint.id
    if term.kind == "phone":
        return query.where(Customer.phone == term.value), Complaint.id
    if term.kind == "tail":
        return query.where(phone_tail(term.value)), Complaint.id
    if not is_sqlite():
        return query.where(plain_match(term.value)), Complaint.id
    phrase = '"' + term.value.replace('"', '""') + '"'
    if len(term.value) >= TRIGRAM:
        index: Any = ComplaintFts
    elif grams_searchable(term.value):
        index = ComplaintGrams
    else:
        return query.where(plain_match(term.value)), Complaint.id
    # Walk the index newest first, so a page costs the same however common the term.
    query = query.join(index, on=(index.rowid == Complaint.id)).where(Expression(index.whole_row, "MATCH", phrase))
    return query, index.rowid
