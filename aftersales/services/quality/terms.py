"""Emerging terms of a period: the words and phrases of the complaints' descriptions, and the products named,
whose frequency rose significantly against the period before (domain/quality/terms.py), each with the
complaints that carry it."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from itertools import chain
from pathlib import Path
from typing import Any

from peewee import SQL, fn

from ...domain.errors import DeskError
from ...domain.quality.terms import (
    BUILTIN_STOP_WORDS,
    MINIMUM,
    THRESHOLD,
    TermRise,
    clauses,
    period_days,
    rising_terms,
    stop_words_from,
    words_and_phrases,
)
from ...domain.reports.buckets import LOCAL_OFFSET_SECONDS
from ...store.models import Complaint, database
from ..reports.scope import within
from ..unit import unit_of_work
from .segment import text_tokens

# A term lists at most this many of its complaints (the newest); `complaints` counts them all.
IDS_SHOWN = 500
KINDS = ("word", "phrase", "product")
_ZONE = timezone(timedelta(seconds=LOCAL_OFFSET_SECONDS))


@dataclass(frozen=True)
class TermView:
    """A term that rose: a word or a phrase (two adjacent words) of the descriptions, or a product; how often
    now and before, its G², and its complaints of the period (`complaint_ids`, newest first, at most
    IDS_SHOWN of `complaints`)."""

    term: str
    kind: str  # "word" | "phrase" | "product"
    now: int
    before: int
    g2: float
    complaint_ids: list[int] = field(default_factory=list)
    complaints: int = 0


def stop_words(path: Path | None = None) -> frozenset[str]:
    """The built-in stop words, and those of the user's file (`quality.stop_words_file` in the settings)."""
    if path is None:
        return BUILTIN_STOP_WORDS
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DeskError("quality_terms.error.stop_words", path=str(path), reason=str(exc)) from exc
    return BUILTIN_STOP_WORDS | stop_words_from(text)


def _start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), _ZONE)


Clauses = dict[str, tuple[list[str], list[str]]]


def _counted(texts: dict[str, int], stopped: frozenset[str]) -> tuple[Counter[str], Counter[str], Clauses]:
    """Words and phrases counted over distinct texts each seen `n` times, and each clause's words and
    phrases (a text's are those of its clauses)."""
    seen: Counter[str] = Counter()
    for text, n in texts.items():
        for part in clauses(text):
            seen[part] += n
    words: Counter[str] = Counter()
    phrases: Counter[str] = Counter()
    found: Clauses = {}
    for part, n in seen.items():
        kept, pairs = found[part] = words_and_phrases(text_tokens(part), stopped)
        for word in kept:
            words[word] += n
        for pair in pairs:
            phrases[pair] += n
    return words, phrases, found


def _rows(query: Any) -> list[tuple[Any, ...]]:
    """The query's rows as the driver gives them: a month of a large mall is hundreds of thousands of rows,
    and converting each through the model would take longer than the analysis."""
    sql, params = query.sql()
    return list(database.execute_sql(sql, params).fetchall())


def _before(first: date, after: date) -> tuple[dict[str, int], Counter[str]]:
    """Distinct descriptions with how often each came, and products counted, of the period before."""
    count = fn.COUNT(SQL("*"))
    condition = within(Complaint.created_at, _start(first), _start(after))
    texts: dict[str, int] = {}
    products: Counter[str] = Counter()
    query = Complaint.select(Complaint.description, Complaint.product, count).where(condition)
    for text, product, n in _rows(query.group_by(Complaint.description, Complaint.product)):
        texts[text or ""] = texts.get(text or "", 0) + int(n)
        if (product or "").strip():
            products[product.strip()] += int(n)
    return texts, products


def _now(first: date, after: date) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """The ids of the period's complaints by description, and by product named."""
    rows = _rows(Complaint.select(Complaint.id, Complaint.description, Complaint.product)
                 .where(within(Complaint.created_at, _start(first), _start(after))))
    texts: dict[str, list[int]] = {}
    products: dict[str, list[int]] = {}
    for complaint_id, text, product in rows:
        texts.setdefault(text or "", []).append(int(complaint_id))
        if (product or "").strip():
            products.setdefault(product.strip(), []).append(int(complaint_id))
    return texts, products


def _carriers(texts: dict[str, list[int]], found: Clauses, words: set[str],
              phrases: set[str]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """The ids of the complaints whose description holds each of `words`, and each of `phrases`."""
    word_ids: dict[str, list[int]] = {}
    phrase_ids: dict[str, list[int]] = {}
    if not words and not phrases:
        return word_ids, phrase_ids
    for text, ids in texts.items():
        parts = [found[part] for part in clauses(text)]
        for term in words.intersection(chain.from_iterable(kept for kept, _ in parts)):
            word_ids.setdefault(term, []).extend(ids)
        for term in phrases.intersection(chain.from_iterable(pairs for _, pairs in parts)):
            phrase_ids.setdefault(term, []).extend(ids)
    return word_ids, phrase_ids


def _views(rises: list[TermRise], kind: str, ids_of: dict[str, list[int]]) -> list[TermView]:
    views = []
    for rise in rises:
        ids = sorted(set(ids_of.get(rise.term, ())), reverse=True)
        views.append(TermView(term=rise.term, kind=kind, now=rise.now, before=rise.before, g2=rise.g2,
                              complaint_ids=ids[:IDS_SHOWN], complaints=len(ids)))
    return views


@unit_of_work
def emerging_terms(period: str, grain: str = "month", *, stop_words_file: Path | None = None,
                   threshold: float = THRESHOLD, minimum: int = MINIMUM) -> list[TermView]:
    """The words, phrases and products of the complaints received in `period` ("YYYY-MM", or "YYYY-Www" with
    grain "week") whose rate rose against the period before with G² ≥ `threshold` and at least `minimum`
    occurrences; the strongest first within each kind (words, phrases, products)."""
    before_first, first, after = period_days(period, grain)
    stopped = stop_words(stop_words_file)
    texts_now, products_now = _now(first, after)
    texts_before, products_before = _before(before_first, first)
    words_now, phrases_now, found = _counted({text: len(ids) for text, ids in texts_now.items()}, stopped)
    words_before, phrases_before, _ = _counted(texts_before, stopped)
    word_rises = rising_terms(words_now, words_before, threshold, minimum)
    phrase_rises = rising_terms(phrases_now, phrases_before, threshold, minimum)
    product_rises = rising_terms(Counter({name: len(ids) for name, ids in products_now.items()}), products_before,
                                 threshold, minimum)
    word_ids, phrase_ids = _carriers(texts_now, found, {rise.term for rise in word_rises},
                                     {rise.term for rise in phrase_rises})
    return (_views(word_rises, "word", word_ids) + _views(phrase_rises, "phrase", phrase_ids)
            + _views(product_rises, "product", products_now))
