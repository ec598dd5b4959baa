"""Parsed catalogs kept in the user's cache: the same messages as the TOML files, parsed afresh when a file
changes or the kept copy is damaged, and never a failure when the cache cannot be written."""

import marshal
from pathlib import Path

import pytest

from aftersales import i18n

LANGUAGES = ("en", "zh_CN")


def _fresh(language: str) -> dict[str, str]:
    return i18n._catalogs.__wrapped__(language)[0]  # type: ignore[attr-defined]


def _from_toml(language: str) -> dict[str, str]:
    return i18n._parsed(sorted((Path(i18n.__file__).parent / language).glob("*.toml")))[0]


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "aftersales"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_kept_catalog_holds_the_same_messages_as_the_files(cache_home: Path, language: str) -> None:
    first = _fresh(language)
    [kept] = cache_home.glob(f"catalog-{language}-*.marshal")
    assert first == _from_toml(language) and len(first) > 1000
    stamp, messages, singular = marshal.loads(kept.read_bytes())
    assert messages == first and "login.toml" in stamp
    kept.write_bytes(marshal.dumps((stamp, {**messages, "login.title": "from the cache"}, singular)))
    assert _fresh(language)["login.title"] == "from the cache"  # read back, not parsed again


def test_a_kept_catalog_of_other_files_or_a_damaged_one_is_parsed_afresh(cache_home: Path) -> None:
    _fresh("en")
    [kept] = cache_home.glob("catalog-en-*.marshal")
    stamp, messages, singular = marshal.loads(kept.read_bytes())
    kept.write_bytes(marshal.dumps((stamp + "|login.toml:1:2", {"login.title": "stale"}, singular)))
    assert _fresh("en") == _from_toml("en")
    kept.write_bytes(b"\x00not marshal")
    assert _fresh("en") == _from_toml("en")
    assert marshal.loads(kept.read_bytes()) == (stamp, messages, singular)  # written again, whole


def test_a_cache_that_cannot_be_written_is_passed_by(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert _fresh("zh_CN") == _from_toml("zh_CN")
