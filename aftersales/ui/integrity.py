"""The full integrity scan, run once in the background after start-up (it can take seconds)."""

from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.message import Message

from ..services.maintenance import integrity_problems
from .background import run_in_background


@dataclass
class IntegrityChecked(Message):
    """The background `PRAGMA quick_check` finished; `problems` is empty when the file is sound."""

    problems: list[str]


def check_integrity_in_background(app: App[Any]) -> None:
    """Scan every page in a thread worker and post IntegrityChecked to `app` (a scan that cannot run
    says nothing: `aftersales check` is the place to look)."""
    run_in_background(app, lambda: IntegrityChecked(integrity_problems(limit=5)), group="integrity", failed=None)
