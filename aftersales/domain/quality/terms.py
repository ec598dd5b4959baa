"""Emerging terms: words, phrases and products whose frequency rose significantly in a period against the
one before it, by Dunning's log-likelihood ratio (G²) on the 2 × 2 table of the term's count and the rest
of each period's tokens."""

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import DeskError

# χ²(1) at p < 0.001: a rise this unlikely under "same rate in both periods" is reported.
THRESHOLD = 10.83
MINIMUM = 5

# A run of Chinese characters (cut by the segmenter), a Latin word or number, or any other visible character
# (punctuation: dropped, and it ends a phrase).
_PIECE = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([a-z0-9]+(?:['’][a-z]+)?)|(\S)")
# Where a phrase always breaks: punctuation and symbols (an apostrophe belongs to its word).
_BREAK = re.compile(r"[^\w\s'’]+")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


class TermsPeriodRefused(DeskError):
    """A period that is not YYYY-MM (grain month) or YYYY-Www (grain week)."""

    key = "quality_terms.error.bad_period"


@dataclass(frozen=True)
class TermRise:
    """A term counted `now` times in the period and `before` times in the one before, with its G²."""

    term: str
    now: int
    before: int
    g2: float


def _cell(observed: float, expected: float) -> float:
    return observed * math.log(observed / expected) if observed > 0 else 0.0


def g2(now: int, before: int, now_total: int, before_total: int) -> float:
    """Dunning's G² = 2 Σ O ln(O / E) over the 2 × 2 table (this term, every other token) × (now, before),
    the expected counts from the margins; 0 when either period has no tokens."""
    if now_total <= 0 or before_total <= 0:
        return 0.0
    grand = now_total + before_total
    term = now + before
    rest = grand - term
    cells = ((now, now_total, term), (before, before_total, term),
             (now_total - now, now_total, rest), (before_total - before, before_total, rest))
    return 2.0 * sum(_cell(observed, row * column / grand) for observed, row, column in cells)


def rising_terms(now: Counter[str], before: Counter[str], threshold: float = THRESHOLD, minimum: int = MINIMUM,
                 now_total: int | None = None, before_total: int | None = None) -> list[TermRise]:
    """The terms counted at least `minimum` times now whose rate (count over the period's total tokens) rose
    against the period before with G² ≥ `threshold`, the strongest first (ties by term). The totals are the
    counters' sums unless given (when a counter holds only some of the tokens, as after stop words)."""
    now_sum = sum(now.values()) if now_total is None else now_total
    before_sum = sum(before.values()) if before_total is None else before_total
    out = []
    for term, count in now.items():
        if count < minimum:
            continue
        earlier = before.get(term, 0)
        if count * before_sum <= earlier * now_sum:  # not a rise (only rises are reported)
            continue
        value = g2(count, earlier, now_sum, before_sum)
        if value >= threshold:
            out.append(TermRise(term=term, now=count, before=earlier, g2=value))
    return sorted(out, key=lambda rise: (-rise.g2, rise.term))


def period_days(period: str, grain: str = "month") -> tuple[date, date, date]:
    """(first day of the period before, first day of the period, first day after it) for "YYYY-MM" (grain
    "month": the calendar month before) or "YYYY-Www" (grain "week": ISO weeks, the week before)."""
    if grain == "month":
        found = _MONTH.match(period)
        if found is None or not 1 <= int(found[2]) <= 12 or int(found[1]) < 1900:
            raise TermsPeriodRefused(period=period)
        year, month = int(found[1]), int(found[2])
        first = date(year, month, 1)
        after = date(year + month // 12, month % 12 + 1, 1)
        previous = date(year - (month == 1), 12 if month == 1 else month - 1, 1)
        return previous, first, after
    if grain == "week":
        found = _WEEK.match(period)
        if found is None:
            raise TermsPeriodRefused(period=period)
        try:
            first = date.fromisocalendar(int(found[1]), int(found[2]), 1)
        except ValueError:
            raise TermsPeriodRefused(period=period) from None
        return first - timedelta(days=7), first, first + timedelta(days=7)
    raise TermsPeriodRefused(period=period)


# Function words, measure words and fillers of complaint Chinese, and the commonest English ones: never a
# term on their own.
BUILTIN_STOP_WORDS = frozenset("""
的 了 是 在 和 与 及 或 也 都 就 又 还 而 但 但是 并 并且 因为 所以 如果 虽然 然后 而且 以及 或者 还是 就是
我 我们 你 你们 他 她 它 他们 她们 它们 您 自己 这 那 这个 那个 这些 那些 这里 那里 这样 那样 什么 怎么 怎么办
有 没 没有 无 不 不是 很 太 非常 比较 特别 已经 一直 一下 一些 一个 一次 一点 个 次 件 套 张 把 台 块 条 只 位
被 让 给 对 向 从 到 把 将 于 为 为了 以 用 由 跟 同 比 等 等等 吗 呢 吧 啊 呀 哦 嗯 么 啦 着 过 得 地 之 其 该
上 下 里 中 内 后 前 时 时候 现在 今天 昨天 明天 当时 之后 之前 以后 以前 还有 可以 可能 需要 要 想 能 会 说 请
the a an and or of to in on at for with from by is are was were be been it its this that these those
i we you he she they my our your his her their me us them not no but so as if then than too very
has have had do does did can could will would should please after before when while
""".split())


def is_kept(token: str, stop_words: frozenset[str]) -> bool:
    """A token that can be a term: neither a stop word nor only punctuation, digits or one Latin letter."""
    if not token or token in stop_words:
        return False
    if token.isalpha():  # the common case, checked first: a word of letters or Chinese characters
        return not (len(token) == 1 and token.isascii())
    if not any(char.isalpha() for char in token):
        return False  # punctuation, spaces, numbers
    return not (len(token) == 1 and token.isascii())


def tokens(text: str, cut: Callable[[str], Iterable[str]]) -> list[str]:
    """The tokens of a text in order: its Chinese runs as `cut` segments them, its Latin words lower-cased
    as they stand, every other visible character on its own (spaces dropped)."""
    out: list[str] = []
    for chinese, latin, other in _PIECE.findall(text.lower()):
        if chinese:
            out.extend(cut(chinese))
        else:
            out.append(latin or other)
    return out


def clauses(text: str) -> list[str]:
    """The text cut at its punctuation: its words and phrases are those of its clauses taken one by one, and
    clauses recur far more often than whole descriptions do."""
    return [part for part in _BREAK.split(text) if part and not part.isspace()]


def _joined(left: str, right: str) -> str:
    return f"{left} {right}" if left[-1].isascii() or right[0].isascii() else left + right


def words_and_phrases(tokens: Iterable[str], stop_words: frozenset[str]) -> tuple[list[str], list[str]]:
    """The kept tokens of one text, and its phrases: each two kept tokens that stood side by side (a
    dropped token between them breaks the phrase); Chinese words joined directly, a Latin word to
    its neighbour by a space."""
    words: list[str] = []
    phrases: list[str] = []
    previous: str | None = None
    for token in tokens:
        if not is_kept(token, stop_words):
            previous = None
            continue
        words.append(token)
        if previous is not None:
            phrases.append(_joined(previous, token))
        previous = token
    return words, phrases


def stop_words_from(text: str) -> frozenset[str]:
    """The stop words of a user's file: one or more per line, separated by spaces; `#` starts a comment."""
    found: set[str] = set()
    for line in text.splitlines():
        found.update(word.lower() for word in line.partition("#")[0].split())
    return frozenset(found)
