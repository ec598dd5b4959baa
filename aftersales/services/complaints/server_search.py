"""A page of a word search on PostgreSQL, newest first, in bounded work whatever the word.

PostgreSQL's GIN indexes hand back every match at once, unordered: cheap for a rare word, dear for a
common one (hundreds of thousands of rows fetched to keep fifty). Walking the complaints newest first is
the opposite. So a page is read in two steps:
1. the WINDOW complaints next in order are tested plainly; a word in one complaint out of a hundred or
   more fills its page there;
2. only when that window holds too few, the indexes (store/server_search.py) are asked for the matches
   beyond it: a word that got so far is rare, and its matches are few.
Product and description are looked up on the complaints, the customer's name on the customers, and the
two lists merged, so neither needs the other's table.
"""

from collections.abc import Callable
from typing import Any

from peewee import SQL, Expression, fn

from ...store.models import Complaint, Customer
from ...store.server_search import has_trigram_indexes
from .search import TRIGRAM, plain_match

# Complaints tested plainly before the indexes are asked. Step 1 costs about this many rows; step 2
# about 50 × total / WINDOW (the matches of a word rarer than one in WINDOW / 50). At a million
# complaints both stay near five thousand rows.
WINDOW = 5_000

Scope = Callable[[Any], Any]


def word_ids(scope: Scope, word: str, after: int | None, descending: bool, limit: int) -> list[int]:
    """Ids of the first `limit` complaints (of those `scope` keeps) matching `word`, after the id `after`
    in the page's direction (newest first when `descending`)."""
    if after is None:
        edge = Complaint.select(fn.MAX(Complaint.id) if descending else fn.MIN(Complaint.id)).scalar()
        if edge is None:
            return []
        after = edge + 1 if descending else edge - 1
    # Ids (after - WINDOW, after) newest first, or (after, after + WINDOW) oldest first.
    near = after - WINDOW if descending else after + WINDOW

    def ordered(query: Any, beyond: bool, count: int) -> list[int]:
        if descending:
            query = query.where(Complaint.id <= near) if beyond else query.where(Complaint.id > near)
            query = query.where(Complaint.id < after).order_by(Complaint.id.desc())
        else:
            query = query.where(Complaint.id >= near) if beyond else query.where(Complaint.id < near)
            query = query.where(Complaint.id > after).order_by(Complaint.id.asc())
        return [row[0] for row in query.limit(count).tuples()]

    with_customer = Complaint.select(Complaint.id).join(Customer, on=(Complaint.customer == Customer.id))
    found = ordered(scope(with_customer).where(plain_match(word)), False, limit)
    rest = limit - len(found)
    if rest <= 0:
        return found
    by_text = ordered(scope(Complaint.select(Complaint.id)).where(_text_match(word)), True, rest)
    by_name = ordered(scope(with_customer.clone()).where(_name_match(word)), True, rest)
    beyond = sorted(set(by_text) | set(by_name), reverse=descending)[:rest]
    return found + beyond


def word_condition(word: str) -> Any:
    """The indexed test of `word` over complaints (for counting)."""
    named = Customer.select(Customer.id).where(_name_match(word))
    # `= ANY(ARRAY(…))`, not `IN (…)`: the customers are read first, so their complaints come from the
    # customer index and join the text index's in one bitmap instead of a walk over every complaint.
    return _text_match(word) | Expression(Complaint.customer, "=", fn.ANY(fn.ARRAY(named)))


def _trigram_served(word: str) -> bool:
    """Whether pg_trgm finds `word` through its index: it needs a run of three letters or digits (it cuts
    text into words at anything else) and the trigram indexes to be there."""
    run = longest = 0
    for ch in word:
        run = run + 1 if ch.isalnum() else 0
        longest = max(longest, run)
    return longest >= TRIGRAM and has_trigram_indexes()


def _grams_hold(grams: Any, word: str) -> Any:
    """`grams` (a desk_grams array) holds the word itself (one or two characters: exact), or every pair
    of it (longer: a first cut the plain test then checks)."""
    if len(word) < TRIGRAM:
        return Expression(grams, "@>", SQL("ARRAY[lower(%s)]", [word]))
    return Expression(grams, "@>", fn.desk_pairs(word))


def _text_match(word: str) -> Any:
    plain = Complaint.product.contains(word) | Complaint.description.contains(word)
    if len(word) >= TRIGRAM and _trigram_served(word):
        return plain
    held = _grams_hold(fn.desk_grams(Complaint.product, Complaint.description), word)
    return held if len(word) < TRIGRAM else held & plain


def _name_match(word: str) -> Any:
    # Names are a few characters long: their pairs find them as well as trigrams would.
    plain = Customer.name.contains(word)
    held = _grams_hold(fn.desk_grams(Customer.name), word)
    return held if len(word) < TRIGRAM else held & plain
