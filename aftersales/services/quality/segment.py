"""Chinese word segmentation with jieba, loaded on first use (never at the desk's start-up), its dictionary
cache kept in the desk's own cache folder rather than the system's temporary one, and each distinct clause
segmented once however often it recurs (complaint descriptions repeat a lot)."""

import logging
import tempfile
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...domain.quality.terms import tokens

CACHE_FILE = "jieba.cache"
# Distinct clauses and Chinese runs whose tokens are kept between calls (a month of a large mall has thousands).
KEPT_TEXTS = 200_000

_ready = threading.Lock()
_cut: Callable[[str], list[str]] | None = None


def cache_folder() -> Path:
    """The user's cache folder of the desk (where the message catalogs are kept too)."""
    import platformdirs

    return platformdirs.user_cache_path("aftersales")


def segmenter_in(folder: Path) -> Callable[[str], list[str]]:
    """A jieba segmenter whose dictionary cache is the file CACHE_FILE in `folder` (made when missing; the
    system's temporary folder, jieba's own default, when it cannot be made)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict..." chatter on the terminal
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = Path(tempfile.gettempdir())
    segmenter: Any = jieba.Tokenizer()
    segmenter.tmp_dir = str(folder)
    segmenter.cache_file = CACHE_FILE
    segmenter.initialize()
    cut: Callable[[str], list[str]] = segmenter.lcut
    return cut


def _segmenter() -> Callable[[str], list[str]]:
    global _cut
    with _ready:
        if _cut is None:
            _cut = segmenter_in(cache_folder())
        return _cut


@lru_cache(maxsize=KEPT_TEXTS)
def _run_words(run: str) -> tuple[str, ...]:
    return tuple(_segmenter()(run))


def chinese_cut(text: str) -> tuple[str, ...]:
    """The words of a run of Chinese characters (the same runs recur across descriptions that differ
    elsewhere, in a number or a product: each is cut once)."""
    return _run_words(text)


@lru_cache(maxsize=KEPT_TEXTS)
def text_tokens(text: str) -> tuple[str, ...]:
    """The tokens of a text (domain.quality.terms.tokens), kept for the next time the same text comes."""
    return tuple(tokens(text, chinese_cut))
