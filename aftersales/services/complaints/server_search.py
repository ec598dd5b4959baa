"""A page of a word search on PostgreSQL, newest first, in bounded work whatever the word.

The words live in `complaint_text` (store/server_search.py), one narrow row per complaint. A page is
read in steps, each stopping as soon as the page is full:
1. the WINDOW complaints next in order are tested plainly: a word in one complaint out of ten or more
   fills its page there;
2. then the bucketed keys are read a few buckets at a time, going on in order: only the matches of the
   buckets read are fetched, so a page costs about a page of rows however common the word, and a word
   found nowhere costs a handful of index look-ups;
3. a word of three characters or more that looks rare after a bucket's worth of ids also asks the
   trigram index once: when fewer than PROBE matches are left, those are all there is (a rare longer
   word needs no more look-ups).
"""

import operator
from collections.abc import Callable
from functools import reduce
from typing import Any

from peewee import OP, SQL, Expression, NodeList, Value, fn

from ...store import server_search as store_search
from ...store.models import Complaint, ComplaintText
from ...store.server_search import has_trigram_index, small_reads
from .search import TRIGRAM

WINDOW = 500
PROBE = 300
GROWTH = 8
# Buckets asked for at most at once (a longer word asks once per bucket).
MOST_BUCKETS = {False: 256, True: 24}

Scope = Callable[[Any], Any] | None


def word_ids(scope: Scope, word: str, after: int | None, descending: bool, limit: int) -> list[int]:
    """Ids of the first `limit` complaints matching `word` after the id `after` in the page's direction
    (newest first when `descending`); `scope`, when given, narrows complaints as the queue's filters do."""
    with small_reads("SELECT max(complaint_id) FROM complaint_text") as newest:
        last = newest[0] if newest else None
        if last is None:
            return []
        if after is None:
            after = last + 1 if descending else 0
        step = -1 if descending else 1
        near = after + step * WINDOW  # the window is strictly between `after` and `near`
        found = _ids(scope, _holds(word), (near, after), descending, limit)
        if len(found) < limit and (near >= 1 if descending else near <= last):
            found += _beyond(scope, word, near, descending, limit - len(found), last)
    return found


def word_query(scope: Scope, word: str) -> Any:
    """Ids of every complaint matching `word` (for counting)."""
    if len(word) < TRIGRAM:
        last = ComplaintText.select(fn.MAX(ComplaintText.complaint_id)).scalar() or 0
        return _base(scope).where(_word_keys(word, 0, last >> store_search.BUCKET_BITS))
    return _base(scope).where(_plain(word))


def _beyond(scope: Scope, word: str, near: int, descending: bool, count: int, last: int) -> list[int]:
    """The first `count` matches from `near` on (inclusive) through the indexes: the bucketed keys a few
    buckets at a time; a longer word that looks rare also asks the trigram index once."""
    bits = store_search.BUCKET_BITS
    longer = len(word) >= TRIGRAM
    probe = longer and has_trigram_index()
    found: list[int] = []
    # The first bucket is most often the newest, not yet full: two to begin with.
    bucket, width = near >> bits, 2
    while len(found) < count and (bucket >= 0 if descending else bucket <= last >> bits):
        end = max(bucket - width + 1, 0) if descending else min(bucket + width - 1, last >> bits)
        low, high = min(bucket, end), max(bucket, end)
        found += _ids(scope, _in_buckets(word, low, high), None, descending, count - len(found), start=near)
        bucket = end - 1 if descending else end + 1
        # Ids read so far, from `near` to the edge of the buckets read.
        read = near - (end << bits) + 1 if descending else ((end + 1) << bits) - near
        left = near - read + 1 if descending else last - (near + read) + 1  # ids not read yet
        if probe and len(found) < count and read >= 1 << bits and len(found) * left < PROBE * read:
            # The matches so far say few are left: all of them, unordered, so they come from the index as
            # they are (when there are many after all, the walk goes on).
            probe = False
            rest = _base(scope).where(_plain(word), _from(near - read if descending else near + read, descending))
            few = [row[0] for row in rest.limit(PROBE).tuples()]
            if len(few) < PROBE:
                return found + sorted(few, reverse=descending)[:count - len(found)]
        # Ask next for twice as many buckets as the matches so far say the rest of the page needs (a
        # round trip costs more than a few dozen rows more), or eight times as many while none is found.
        wanted = 2 * (count - len(found)) * read // (len(found) << bits) + 1 if found else width * GROWTH
        width = max(1, min(wanted, width * GROWTH, MOST_BUCKETS[longer]))
    return found


def _base(scope: Scope) -> Any:
    query = ComplaintText.select(ComplaintText.complaint_id)
    if scope is None:
        return query
    return scope(query.join(Complaint, on=(Complaint.id == ComplaintText.complaint_id)))


def _ids(scope: Scope, condition: Any, window: tuple[int, int] | None, descending: bool, count: int,
         start: int | None = None) -> list[int]:
    """Matching ids in order. In the window, bounds and order are on the id itself (a short walk of its
    index); beyond it, on `id + 0`, which no index holds, so the matches come from the word's index
    and never from a walk down the primary key, which a planner short of statistics may prefer."""
    key = ComplaintText.complaint_id
    query = _base(scope).where(condition)
    if window is not None:
        near, after = window
        query = query.where(key.between(min(near, after) + 1, max(near, after) - 1))
        order = key
    else:
        order = key + 0
        query = query.where(_from(start, descending, order))
    query = query.order_by(order.desc() if descending else order.asc()).limit(count)
    return [row[0] for row in query.tuples()]


def _from(near: Any, descending: bool, key: Any = None) -> Any:
    key = ComplaintText.complaint_id + 0 if key is None else key
    return key <= near if descending else key >= near


def _holds(word: str) -> Any:
    """The plain substring test, for rows already found: is the lower-cased word in the lower-cased text
    (what ILIKE does on the fields themselves). A position, not LIKE, so that the planner never builds a
    trigram bitmap of the whole table to test a few hundred rows."""
    return fn.strpos(ComplaintText.body, fn.lower(word)) > 0


def _plain(word: str) -> Any:
    """The plain substring test as LIKE, which the trigram index serves (for the probe and counting)."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = NodeList((fn.lower(Value(f"%{escaped}%", converter=False)), SQL("ESCAPE"), Value("\\", converter=False)))
    return Expression(ComplaintText.body, OP.LIKE, pattern)


def _keys() -> Any:
    return fn.desk_keys(ComplaintText.complaint_id, ComplaintText.body)


def _word_keys(word: str, low: int, high: int) -> Any:
    return Expression(_keys(), "&&", fn.desk_word_keys(word, SQL(str(low)), SQL(str(high))))


def _in_buckets(word: str, low: int, high: int) -> Any:
    """Complaints of buckets low..high holding the word (one or two characters: exact), or every pair of
    it in one bucket (longer: then tested plainly)."""
    if len(word) < TRIGRAM:
        return _word_keys(word, low, high)
    each = [Expression(_keys(), "@>", fn.desk_pair_keys(word, SQL(str(b)))) for b in range(low, high + 1)]
    return reduce(operator.or_, each) & _holds(word)
