"""The English catalog reads as English: no Chinese punctuation, counts that agree with their number, lists
joined the way each language joins them."""

import re
import tomllib
from pathlib import Path

import pytest

from aftersales import i18n

ENGLISH = Path(i18n.__file__).parent / "en"
# Full-width and CJK punctuation a Chinese keyboard types; English quotes (“ ” ‘ ’) and … are English too.
CJK_PUNCTUATION = "，、。：；（）「」『』【】《》〈〉！？～〔〕\u3000"
# `{n} nouns`: a placeholder followed by a word ending in s — a count whose noun must agree with it.
COUNTED = re.compile(r"\{(\w+)\} (?:sales )?([A-Za-z]+s)\b")
# Words ending in s that follow a placeholder without counting it ("{number} is", "{code} appears").
NOT_NOUNS = {"is", "was", "has", "as", "this", "its", "appears", "waits", "throws", "marks", "goes", "does",
             "needs", "shows", "says", "takes", "keeps", "plus", "uses", "gives", "reads", "asks", "makes"}
# Placeholders before a plural noun that are never a count of one: a limit, a size, a rate, a label.
NEVER_ONE = {
    ("cli.backup.done", "size"),  # bytes of a database file
    ("cli.export.too_many", "total"),  # only said above the sheet's limit of rows
    ("documents.validation.too_many", "most"),  # the limit of numbers at a time
    ("scorecard.rank_line", "category"),  # a shop category's label ("Furniture shops")
    ("scorecard.documents_line", "rate"),  # complaints per 1,000: a rate
}


def english_files() -> list[Path]:
    return sorted(ENGLISH.glob("*.toml"))


@pytest.mark.parametrize("path", english_files(), ids=lambda path: path.name)
def test_no_chinese_punctuation_in_the_english_catalog(path: Path) -> None:
    found = [(number, line) for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if not line.lstrip().startswith("#") and any(mark in line for mark in CJK_PUNCTUATION)]
    assert not found, f"{path.name}: Chinese punctuation in English messages: {found}"


def test_every_english_count_agrees_with_its_number() -> None:
    for path in english_files():
        tomllib.loads(path.read_text(encoding="utf-8"))  # every file still parses
    singular = i18n.singular_forms("en")
    unpluralised = []
    for key, text in i18n.catalog("en").items():
        for match in COUNTED.finditer(text):
            name, noun = match.groups()
            if noun.lower() in NOT_NOUNS or (key, name) in NEVER_ONE:
                continue
            if singular.get(key, ("", ""))[1] != name:
                unpluralised.append(f"{key}: {text}")
    assert not unpluralised, "counts without a form for one:\n" + "\n".join(unpluralised)


def test_a_count_of_one_reads_singular_and_others_plural() -> None:
    words = i18n.words("en")
    assert words("deliveries.counts", orders=1, carried=0) == "1 order · 0 carried over"
    assert words("deliveries.counts", orders=3, carried=1) == "3 orders · 1 carried over"
    assert words("error.auth_failed_left", left=1) == "Unknown staff code or wrong PIN (1 try left)"
    assert words("queue.count", count=0) == "0 complaints"
    # Chinese has one form; its catalog keeps a plain message.
    assert i18n.words("zh_CN")("deliveries.counts", orders=1, carried=0).startswith("1")


def test_lists_are_joined_as_each_language_joins_them() -> None:
    items = ["Delivery delay", "Product quality"]
    assert i18n.joined(items, "en") == "Delivery delay, Product quality"
    assert i18n.joined(["配送延误", "产品质量"], "zh_CN") == "配送延误、产品质量"


def test_the_lock_screen_hint_says_who_returns_and_who_takes_over() -> None:
    hint = i18n.catalog("en")["login.locked_hint"]
    assert "goes back to where they were" not in hint
    assert "PIN" in hint and "takes over" in hint
