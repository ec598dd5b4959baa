"""Chinese word segmentation with jieba, loaded on first use (never at the desk's start-up), its dictionary
cache kept in the desk's own cache folder rather than the system's temporary one, and each distinct text
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
# Distinct texts whose tokens are kept between calls (a month of a large mall has tens of thousands).
KEPT_TEXTS = 200_000

_ready = threading.Lock()
_cut: Callable[[str], list[str]] | None = None


def cache_folder() -> Path:
    """The user's cache folder of the desk (where the message catalogs are kept too)."""
    import platformdirs

    return platformdirs.user_cache_path("aftersales")


def _segmenter() -> Callable[[str], list[str]]:
    global _cut
    with _ready:
        if _cut is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict..." chatter on the terminal
            folder = cache_folder()
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                folder = Path(tempfile.gettempdir())  # jieba's own default, when the cache folder cannot be made
            segmenter: Any = jieba.Tokenizer()
            segmenter.tmp_dir = str(folder)
            segmenter.cache_file = CACHE_FILE
            segmenter.initialize()
            _cut = segmenter.lcut
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
    """The tokens of a text (domain.quality.terms.tokens), segmented once per distinct text."""
    return tuple(tokens(text, chinese_cut))
