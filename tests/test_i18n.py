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



def _desk_errors() -> set[type]:
    """DeskError and every subclass of it in the package (the screens' modules aside)."""
    import importlib
    import pkgutil

    import aftersales
    from aftersales.domain.errors import DeskError

    for info in pkgutil.walk_packages(aftersales.__path__, "aftersales."):
        if not info.name.startswith(("aftersales.ui", "aftersales.bench")):
            importlib.import_module(info.name)
    family, stack = {DeskError}, [DeskError]
    while stack:
        for sub in stack.pop().__subclasses__():
            family.add(sub)
            stack.append(sub)
    return family


def refusal_keys_in_code() -> dict[str, str]:
    """Every message key a refusal names: each DeskError's default key, the key a `raise X("…")` gives,
    a FieldError's or Phrase's key, and an import's `rejected("…")` (cli.import.…)."""
    import ast

    family = _desk_errors()
    keys = {cls.key: cls.__module__ for cls in family}
    # InvalidInput's first argument is its fields (or, from a screen, a note for the log).
    makers = {cls.__name__ for cls in family} - {"InvalidInput"} | {"FieldError", "Phrase"}
    # The screens raise only InvalidInput (their FieldError is a widget).
    for path in sorted(p for p in SOURCE.rglob("*.py") if "ui" not in p.relative_to(SOURCE).parts):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args):
                continue
            first = node.args[0]
            if isinstance(first, ast.JoinedStr) and node.func.id in makers:
                # A key built at run time (`f"cli.import.{key}"`) is key-shaped; a sentence is a message.
                text = "".join(part.value for part in first.values if isinstance(part, ast.Constant))
                if " " in text:
                    keys.setdefault(text, str(path.relative_to(SOURCE)))
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            if node.func.id in makers:
                keys.setdefault(first.value, str(path.relative_to(SOURCE)))
            elif node.func.id in ("rejected", "_rejected"):
                keys.setdefault(f"cli.import.{first.value}", str(path.relative_to(SOURCE)))
    return keys


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_refusal_names_a_message_of_both_catalogs(language: str) -> None:
    keys = refusal_keys_in_code()
    assert len(keys) > 60  # the walk still finds the raises
    missing = {key: where for key, where in keys.items() if key not in i18n.catalog(language)}
    assert missing == {}
