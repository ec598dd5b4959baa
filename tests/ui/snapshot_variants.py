"""Every snapshot variant from one parametrisation, language × terminal size, and the snapshot's name
for each: the same on every engine, so PostgreSQL is held to SQLite's pictures."""

from collections.abc import Mapping
from dataclasses import dataclass, field

import pytest
from syrupy.location import PyTestLocation

SIZES = {"80x24": (80, 24), "120x36": (120, 36)}  # wide characters at 80 columns are the hard case
LANGUAGES = {"en": "en", "zh": "zh_CN"}
EVERY = tuple(f"{size}-{language}" for size in SIZES for language in LANGUAGES)


@dataclass(frozen=True)
class Variant:
    """One picture's language and terminal size; `picture` names its snapshot when the test id does not."""

    language: str
    size: tuple[int, int]
    picture: str | None = None


def variants(named: Mapping[str, str] | None = None) -> pytest.MarkDecorator:
    """Parametrise `variant` over every size × language (ids such as `80x24-zh`), or over the ids `named`
    only, each kept under the snapshot name it maps to."""
    chosen = EVERY if named is None else tuple(key for key in EVERY if key in named)
    unknown = set(named or ()) - set(EVERY)
    assert not unknown, f"no such variant: {sorted(unknown)}; one of {EVERY}"
    params = []
    for key in chosen:
        size, language = key.split("-")
        picture = named[key] if named is not None else None
        params.append(pytest.param(Variant(LANGUAGES[language], SIZES[size], picture), id=key))
    return pytest.mark.parametrize("variant", params)


def picture_name(item: pytest.Item) -> str:
    """The snapshot's name for test `item`: its variant's own name, else the test's name without the
    engine's id."""
    callspec = getattr(item, "callspec", None)
    if callspec is None:
        return item.name
    variant = callspec.params.get("variant")
    if isinstance(variant, Variant) and variant.picture is not None:
        return variant.picture
    engine = callspec.params.get("engine")
    if not isinstance(engine, str):
        return item.name
    stem, _, ids = item.name.partition("[")
    parts = f"-{ids.removesuffix(']')}-".replace(f"-{engine}-", "-", 1).strip("-")
    return f"{stem}[{parts}]" if parts else stem


@dataclass
class PictureLocation(PyTestLocation):
    """Syrupy's test location, with the snapshot name chosen by `picture_name`."""

    picture: str = field(default="")

    def __post_init__(self) -> None:
        super().__post_init__()
        self.testname = self.picture
