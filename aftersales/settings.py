"""The desk's settings file (config.toml): language, theme, keys, locking, and each section's policy tables.

Read by the desk and by the command line alike; nothing here imports the UI. The file is read as
plain TOML by settings_file.py and validated here. A policy table decides money or deadlines, so a
mistake in one (or a file that cannot be read at all) stops the desk and every command with one line
naming the key, instead of falling back to defaults nobody chose. A mistake in the display settings
only makes the desk ignore them and say so.

A section adds its policy as a field of DeskConfig validated by its domain model, names the table in
settings_file.POLICY_TABLES and carries it to the services in `desk_for` (a field of services.context.Desk).
"""

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import i18n
from .domain.attachments import DEFAULT_MAX_MB
from .domain.penalties.policy import PenaltyPolicy
from .domain.sla import SlaPolicy
from .services.context import Desk
from .settings_file import POLICY_TABLES, config_path, read_settings

__all__ = ["DeskConfig", "config_from", "config_path", "load_config"]


class QualitySettings(BaseModel):
    """The `[quality]` table: what the quality analyses read besides the database."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # A UTF-8 file of words never reported as emerging terms (besides the built-in ones), a few per line.
    stop_words_file: Path | None = None


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
    penalties: PenaltyPolicy = Field(default_factory=PenaltyPolicy)
    # Business hours, holidays and deadlines: every due time and escalation follows it.
    sla: SlaPolicy = Field(default_factory=SlaPolicy)
    # A desk left alone this long locks itself (back to the login screen); 0 never locks.
    lock_after_minutes: int = Field(default=10, ge=0, le=24 * 60)
    # A TrueType font with Chinese for the monthly register's PDF; found on the machine when not set.
    report_font: str | None = None
    # The largest file that may be attached, in MB.
    attachment_max_mb: int = Field(default=DEFAULT_MAX_MB, ge=1, le=500)
    quality: QualitySettings = Field(default_factory=QualitySettings)

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


class SettingsRefused(Exception):
    """The settings file cannot be used: its message is one line naming the file and the key."""


def _where(error: Any) -> str:
    return ".".join(str(part) for part in error["loc"] if part != "[key]") or "file"


def _reason(error: Any) -> str:
    return f"{_where(error)}: {error['msg']}"


def _stops(error: Any, data: dict[str, Any]) -> bool:
    """A mistake inside a policy table, or an unknown table (perhaps a policy table misspelt)."""
    loc = error["loc"]
    if not loc:
        return False
    return loc[0] in POLICY_TABLES or (error["type"] == "extra_forbidden" and isinstance(data.get(loc[0]), dict))


def config_from(data: dict[str, Any], path: Path | None = None) -> tuple[DeskConfig, str | None]:
    """The settings in `data` (as read from the file at `path`), and a one-line problem when display
    settings had to be ignored (defaults then).

    Raises SettingsRefused when a policy table is wrong.
    """
    path = path or config_path()
    try:
        return DeskConfig.model_validate(data), None
    except ValidationError as exc:
        errors = exc.errors()
        stopping = [error for error in errors if _stops(error, data)]
        if stopping:
            raise SettingsRefused(f"{path}: {_reason(stopping[0])}") from exc
        # The policy tables are sound: keep them, and leave only the display settings at their defaults.
        kept = DeskConfig.model_validate({name: data[name] for name in POLICY_TABLES if name in data})
        return kept, f"{path}: {_reason(errors[0])}"


def load_config(path: Path | None = None) -> tuple[DeskConfig, str | None]:
    """The settings, and a one-line problem when display settings had to be ignored (defaults then).

    Raises SettingsRefused when a policy table is wrong or the file cannot be read.
    """
    path = path or config_path()
    data, problem = read_settings(path)
    if problem is not None:
        raise SettingsRefused(problem)
    return config_from(data, path)


def desk_for(config: DeskConfig) -> Desk:
    """The Desk the services run with: the settings' policies, the system clock."""
    return Desk(penalties=config.penalties, sla=config.sla)
