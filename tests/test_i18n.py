"""Both catalogs carry every key, and every key the code asks for exists."""

import re
from enum import Enum
from pathlib import Path

import pytest

from aftersales import i18n
from aftersales.domain import enums

SOURCE = Path(i18n.__file__).parent.parent
# t("key") / i18n.t("key"); keys built at run time (f-strings) are checked through their tables below.
LITERAL = re.compile(r"""\bt\(\s*["']([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+)["']""")


# Other literals that look like a key of a catalog area ("shell.key.help" as a Binding description).
QUOTED = re.compile(r"""["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""")
NOT_KEYS = (".py", ".tcss", ".toml", ".svg", ".db", ".csv", ".json", ".xlsx")


def keys_used_in_code() -> dict[str, str]:
    areas = {key.split(".")[0] for key in i18n.catalog("en")} - {"enum"}
    used: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        # Binding ids, worker groups and CSS names are dotted too, but are not messages.
        text = re.sub(r"""\b(?:id|group|name|classes)=["'][^"']*["']""", "", path.read_text(encoding="utf-8"))
        found = set(LITERAL.findall(text))
        found |= {k for k in QUOTED.findall(text) if k.split(".")[0] in areas and not k.endswith(NOT_KEYS)}
        for key in found:
            used.setdefault(key, str(path.relative_to(SOURCE)))
    return used


def test_both_catalogs_have_the_same_keys() -> None:
    english, chinese = set(i18n.catalog("en")), set(i18n.catalog("zh_CN"))
    assert sorted(english - chinese) == [], "missing in zh_CN"
    assert sorted(chinese - english) == [], "missing in en"


def test_no_message_is_left_empty() -> None:
    for language in i18n.LANGUAGES:
        empty = [key for key, text in i18n.catalog(language).items() if not text.strip()]
        assert empty == [], language


def test_every_key_written_in_the_code_exists() -> None:
    used = keys_used_in_code()
    assert len(used) > 50  # the pattern still finds the calls
    missing = {key: where for key, where in used.items() if key not in i18n.catalog("en")}
    assert missing == {}


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_enum_member_has_a_label(language: str) -> None:
    catalog = i18n.catalog(language)
    members = [
        member
        for value in vars(enums).values()
        if isinstance(value, type) and issubclass(value, Enum) and value.__module__ == enums.__name__
        for member in value
    ]
    missing = [f"enum.{type(m).__name__}.{m.value}" for m in members if f"enum.{type(m).__name__}.{m.value}" not in catalog]
    assert missing == []


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_shell_sections_have_names(language: str) -> None:
    from aftersales.ui.widgets.section_bar import SECTIONS

    catalog = i18n.catalog(language)
    assert all(f"shell.section.{name}" in catalog for name in SECTIONS)
    assert all(f"dashboard.card.{card}" in catalog for card in ("my_open", "overdue", "escalations", "deliveries"))


def test_chinese_catalog_is_chinese() -> None:
    chinese = i18n.catalog("zh_CN")
    english = i18n.catalog("en")
    with_han = [key for key, text in chinese.items() if re.search(r"[\u4e00-\u9fff]", text)]
    assert len(with_han) > 0.8 * len(chinese)
    assert chinese["shell.section.dashboard"] != english["shell.section.dashboard"]
