"""Where the desk's settings file lives and reading it as plain TOML.

Kept apart from the validated settings (settings.py, pydantic) so the desk can read its language and
theme before its first screen without loading the validation library.
"""

from pathlib import Path
from typing import Any

import platformdirs

# Tables whose mistakes stop the desk rather than being ignored (validated in settings.py).
POLICY_TABLES = ("penalties", "sla")
# The one table among the display settings.
_DISPLAY_TABLES = ("keymap",)


def config_path() -> Path:
    return platformdirs.user_config_path("aftersales") / "config.toml"


def read_settings(path: Path | None = None) -> tuple[dict[str, Any], str | None]:
    """The file's tables as read (empty when there is no file), and a one-line problem when it is unreadable."""
    path = path or config_path()
    if not path.exists():
        return {}, None
    import tomllib  # only when there is a file: most desks have none, and start-up is timed

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle), None
    except tomllib.TOMLDecodeError as exc:
        return {}, f"{path}: {exc}"
    except (OSError, UnicodeDecodeError) as exc:
        return {}, f"{path}: {exc}"


def has_policy(data: dict[str, Any]) -> bool:
    """True when the file holds a table that could stop the desk: a policy table, or an unknown one
    (perhaps a policy table misspelt). Only such a file is validated before the first screen."""
    return any(isinstance(value, dict) and name not in _DISPLAY_TABLES for name, value in data.items())
