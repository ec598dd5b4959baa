"""A page of a word search on PostgreSQL, newest first, in bounded work whatever the word.

The words live in `complaint_text` (store/server_search.py), one narrow row per complaint. A page is
read in steps, each stopping as soon as the page is full:
1. the WINDOW complaints next in order are tested plainly: a word in one complaint out of forty or
   more fills its page there;
2. a word of three characters or more is looked up in the trigram index: when it has fewer than PROBE
   matches beyond the window, those are all there is;
3. otherwise the bucketed keys are read a few buckets at a time, going on in order: only the matches
   of the buckets read are fetched, so a page costs about a page of rows however common the word, and
   a word found nowhere costs a handful of index look-ups.
"""

import operator
from collections.abc import Callable
from functools import reduce
from typing import Any

from peewee import SQL, Expression, fn

from ...store import server_search as store_search
from ...store.models import Complaint, ComplaintText
from ...store.server_search import has_trigram_index, serial
from .search import TRIGRAM

WINDOW = 2_000
PROBE = 300
# Buckets asked for at most at once (a longer word asks once per bucket).
MOST_BUCKETS = {False: 256, True: 24}

Scope = Callable[[Any], Any] | None


def word_ids(scope: Scope, word: str, after: int | None, descending: bool, limit: int) -> list[int]:
    """Ids of the first `limit` complaints matching `word` after the id `after` in the page's direction
    (newest first when `descending`); `scope`, when given, narrows complaints as the queue's filters do."""
    key = ComplaintText.complaint_id
    if after is None:
        edge = ComplaintText.select(fn.MAX(key) if descending else fn.MIN(key)).scalar()
        if edge is None:
            return []
        after = edge + 1 if descending else edge - 1
    step = -1 if descending else 1
    near = after + step * WINDOW  # the window is strictly between `after` and `near`
    with serial():
        found = _ids(scope, _plain(word), (near, after), descending, limit)
        if len(found) < limit and (near >= 1 or not descending):
            found += _beyond(scope, word, near, descending, limit - len(found))
    return found


def word_query(scope: Scope, word: str) -> Any:
    """Ids of every complaint matching `word` (for counting)."""
    if len(word) < TRIGRAM:
        last = ComplaintText.select(fn.MAX(ComplaintText.complaint_id)).scalar() or 0
        return _base(scope).where(_word_keys(word, 0, last >> store_search.BUCKET_BITS))
    return _base(scope).where(_plain(word))


def _beyond(scope: Scope, word: str, near: int, descending: bool, count: int) -> list[int]:
    """The first `count` matches from `near` on (inclusive), through the indexes."""
    step = -1 if descending else 1
    if len(word) >= TRIGRAM and has_trigram_index():
        # Unordered, so the planner takes them from the trigram index as they come.
        few = [row[0] for row in _base(scope).where(_plain(word), _from(near, descending)).limit(PROBE).tuples()]
        if len(few) < PROBE:
            return sorted(few, reverse=descending)[:count]
    last = (ComplaintText.select(fn.MAX(ComplaintText.complaint_id)).scalar() or 0) >> store_search.BUCKET_BITS
    most = MOST_BUCKETS[len(word) >= TRIGRAM]
    found: list[int] = []
    bucket, width, read = near >> store_search.BUCKET_BITS, 1, 0
    while len(found) < count and 0 <= bucket <= last:
        end = max(bucket - width + 1, 0) if descending else min(bucket + width - 1, last)
        low, high = min(bucket, end), max(bucket, end)
        hits = _ids(scope, _in_buckets(word, low, high), None, descending, count - len(found), start=near)
        found += hits
        read += high - low + 1
        bucket = end + step
        # Ask next for as many buckets as the matches so far say the rest of the page needs.
        wanted = (count - len(found)) * read // len(found) + 1 if found else width * 4
        width = max(1, min(wanted, width * 4, most))
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


def _plain(word: str) -> Any:
    return ComplaintText.body.contains(word)


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
    return reduce(operator.or_, each) & _plain(word)
