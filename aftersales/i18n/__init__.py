"""One translation function over the zh_CN and en catalogs (one TOML file per area)."""

import marshal
import os
import sys
from collections.abc import Iterable, Mapping
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the refusals are worded only once one happens: not loaded for the desk's first screen
    from ..domain.errors import CellProblem, FieldMessage

LANGUAGES = ("en", "zh_CN")
_HERE = Path(__file__).parent
_current = "en"


# A message that counts something is a table of its forms: `{ one = "1 order", other = "{count} orders" }`,
# chosen by the parameter named in `by` (default `count`); a language without plurals writes a plain string.
PLURAL_FORMS = frozenset({"one", "other", "by"})


def _is_plural(table: Mapping[str, Any]) -> bool:
    return "other" in table and set(table) <= PLURAL_FORMS


def _flatten(prefix: str, table: Mapping[str, Any], out: dict[str, str], singular: dict[str, tuple[str, str]]) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, Mapping) and _is_plural(value):
            out[name] = str(value["other"])
            if "one" in value:
                singular[name] = (str(value["one"]), str(value.get("by", "count")))
        elif isinstance(value, Mapping):
            _flatten(name, value, out, singular)
        else:
            out[name] = str(value)


Catalogs = tuple[dict[str, str], dict[str, tuple[str, str]]]


def _parsed(paths: list[Path]) -> Catalogs:
    import tomllib

    out: dict[str, str] = {}
    singular: dict[str, tuple[str, str]] = {}
    for path in paths:
        with path.open("rb") as handle:
            _flatten("", tomllib.load(handle), out, singular)
    return out, singular


def cache_dir() -> Path:
    """Where parsed catalogs are kept between runs: the user's cache directory."""
    import platformdirs

    return platformdirs.user_cache_path("aftersales")


@cache
def _catalogs(language: str) -> Catalogs:
    """The messages of `language` and the forms for one of its counting messages.

    Parsing the TOML files is a noticeable part of the desk's start-up, so the result is kept in the user's
    cache with the files' names, sizes and times it was parsed from: an edited catalog is parsed afresh.
    A cache that cannot be read or written is passed by.
    """
    import zlib

    paths = sorted((_HERE / language).glob("*.toml"))
    stamp = sys.version + "".join(f"|{path.name}:{(st := path.stat()).st_size}:{st.st_mtime_ns}" for path in paths)
    kept = cache_dir() / f"catalog-{language}-{zlib.crc32(stamp.encode()):08x}.marshal"
    try:
        found_stamp, out, singular = marshal.loads(kept.read_bytes())
        if found_stamp == stamp and isinstance(out, dict) and isinstance(singular, dict):
            return out, singular
    except (OSError, ValueError, EOFError, TypeError):
        pass
    out, singular = _parsed(paths)
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        for old in kept.parent.glob(f"catalog-{language}-*.marshal"):
            old.unlink(missing_ok=True)
        partial = kept.with_name(f"{kept.name}.{os.getpid()}.part")
        partial.write_bytes(marshal.dumps((stamp, out, singular)))
        partial.replace(kept)
    except OSError:
        pass
    return out, singular


def catalog(language: str) -> dict[str, str]:
    """Every message of `language`, keyed by dotted name (a counting message by its plural form)."""
    return _catalogs(language)[0]


def singular_forms(language: str) -> dict[str, tuple[str, str]]:
    """The counting messages of `language` that have a form for one: key → (that form, the counting parameter)."""
    return _catalogs(language)[1]


def normalise_language(value: str | None) -> str | None:
    if not value:
        return None
    low = value.lower().replace("-", "_")
    if low.startswith("zh"):
        return "zh_CN"
    if low.startswith("en"):
        return "en"
    return None


def detect_language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """--lang wins, then LC_ALL / LC_MESSAGES / LANG starting with zh, else English."""
    chosen = normalise_language(explicit)
    if chosen:
        return chosen
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(language: str) -> None:
    global _current
    chosen = normalise_language(language)
    if chosen is None:
        raise ValueError(f"unknown language {language!r} (use zh or en)")
    _current = chosen


def current_language() -> str:
    return _current


def t(key: str, **params: Any) -> str:
    """The message `key` in the current language, with `{name}` fields filled."""
    return _message(_current, key, params)


def _message(language: str, key: str, params: dict[str, Any]) -> str:
    """The message `key` of `language` (English, or the key itself, when it has none), filled with `params`."""
    source = language if catalog(language).get(key) else "en"
    text = catalog(source).get(key) or key
    one = singular_forms(source).get(key)
    if one is not None and str(params.get(one[1])) == "1":
        text = one[0]
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def joined(items: Iterable[str], language: str | None = None) -> str:
    """`items` as a list reads in `language` (the desk's by default): "a, b" in English, "a、b" in Chinese."""
    return _message(language or _current, "text.list_separator", {}).join(items)


def label(value: Enum) -> str:
    """Label of an enum member: key `enum.<EnumName>.<value>`."""
    return t(f"enum.{type(value).__name__}.{value.value}")


_LABELLED_PARAMS = {
    "role": "Role", "action": "Action", "current": "ComplaintStatus", "target": "ComplaintStatus",
    "state": "DeliveryStatus", "delivery_move": "DeliveryMove", "status": "CallbackStatus",
}


def _phrase(value: Any) -> Any:
    """A value of a refusal as its line shows it: an enum member by its label, a phrase worded, a list of
    phrases worded and joined."""
    from ..domain.errors import Phrase

    if isinstance(value, Enum):
        return label(value)
    if isinstance(value, Phrase):
        return t(value.key, **_worded(value.params))
    if isinstance(value, (list, tuple)) and all(isinstance(item, Phrase) for item in value):
        return "; ".join(_phrase(item) for item in value)
    return value


def _worded(params: Mapping[str, Any]) -> dict[str, Any]:
    """A refusal's values as its line shows them: codes and enum members by their labels."""
    out = {name: _phrase(value) for name, value in params.items()}
    code = out.get("cause_code")
    if code and f"error.cause.{code}" in catalog(_current):
        out["cause"] = t(f"error.cause.{code}")
    # Codes carried by refusals read as their labels (a role, an action, a status).
    for name, enum_name in _LABELLED_PARAMS.items():
        value = params.get(name)
        if isinstance(value, str) and f"enum.{enum_name}.{value}" in catalog("en"):
            out[name] = t(f"enum.{enum_name}.{value}")
    role = params.get("role")
    if isinstance(role, str) and f"error.who.{role}" in catalog("en"):
        out["who"] = t(f"error.who.{role}")  # "An operator", at the head of a sentence
    return out


def error_text(exc: Exception, key: str | None = None) -> str:
    """The line a user reads for `exc` in the desk's language (with `key`, that message instead)."""
    key = key or getattr(exc, "key", None)
    params = getattr(exc, "params", None) or {}
    if key and key in catalog("en"):
        return t(key, **_worded(params))
    return str(exc)


def field_text(error: "FieldMessage") -> str:
    """Why one field was refused, in the desk's language."""
    return str(_phrase(error))


def field_texts(fields: Mapping[str, "FieldMessage"]) -> dict[str, str]:
    """InvalidInput's fields as the text shown under each field, in the desk's language."""
    return {name: field_text(error) for name, error in fields.items()}


def _after_colon(text: str) -> str:
    """A reason as it reads after `column:` — first letter small unless the word is an acronym."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def problem_text(problem: "CellProblem") -> str:
    """One reason a file was refused, as `row N, column: reason`."""
    reason = field_text(problem.error)
    if problem.lower_first:
        reason = _after_colon(reason)
    if problem.column == "__all__":
        return t("cli.import.row_problem", line=problem.line, message=reason)
    return t("cli.import.problem", line=problem.line, column=problem.column, message=reason)


def error_details(exc: Exception) -> list[str]:
    """The lines shown under an error's line: every reason an import refused its file."""
    return [problem_text(problem) for problem in getattr(exc, "problems", None) or []]


class Words:
    """The catalog of one language as a `Wording`: what an edge hands a file writer."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, key: str, /, **params: Any) -> str:
        return _message(self.language, key, params)

    def label(self, value: Enum) -> str:
        key = f"enum.{type(value).__name__}.{value.value}"
        text = self(key)
        return str(value.value) if text == key else text

    def spellings(self, key: str) -> tuple[str, ...]:
        return tuple(text for language in LANGUAGES if (text := catalog(language).get(key)))


def words(language: str | None = None) -> Words:
    """The desk's words in `language` (by default the desk's current one), for a file writer."""
    return Words(normalise_language(language) or _current)
