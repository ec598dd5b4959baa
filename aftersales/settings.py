"""The desk's settings file (config.toml): language, theme, keys, locking, and each section's policy tables.

Read by the desk and by the command line alike; nothing here imports the UI. The file is read as
plain TOML by settings_file.py and validated here.
"""

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import i18n
from .settings_file import config_path, read_settings

__all__ = ["DeskConfig", "config_from", "config_path", "load_config"]


class DeskConfig(BaseModel):
    """What a user may set in config.toml; unknown keys are refused so typos are noticed."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    theme: str | None = None
    keymap: dict[str, str] = Field(default_factory=dict)
    language: str | None = None
    # The section the desk opens on after login (an operator may prefer the queue).
    start_section: Literal[
        "dashboard", "complaints", "deliveries", "escalations", "penalties", "shops", "reports"
    ] = "dashboard"
    # A desk left alone this long locks itself (back to the login screen); 0 never locks.
    lock_after_minutes: int = Field(default=10, ge=0, le=24 * 60)

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str | None) -> str | None:
        if value is None:
            return None
        chosen = i18n.normalise_language(value)
        if chosen is None:
            raise ValueError("use zh or en")
        return chosen

    @field_validator("keymap")
    @classmethod
    def _keys_not_empty(cls, value: dict[str, str]) -> dict[str, str]:
        for binding_id, keys in value.items():
            if not keys.strip():
                raise ValueError(f"no key given for {binding_id}")
        return value


def _reason(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "file"
    return f"{where}: {first['msg']}"


def config_from(data: dict[str, Any], path: Path | None = None) -> tuple[DeskConfig, str | None]:
    """The settings in `data` (as read from the file at `path`), or the defaults and a one-line problem."""
    try:
        return DeskConfig.model_validate(data), None
    except ValidationError as exc:
        return DeskConfig(), f"{path or config_path()}: {_reason(exc)}"


def load_config(path: Path | None = None) -> tuple[DeskConfig, str | None]:
    """The settings, and a one-line problem when the file had to be ignored (defaults then)."""
    path = path or config_path()
    data, problem = read_settings(path)
    if problem is not None:
        return DeskConfig(), problem
    return config_from(data, path)
