"""The full integrity scan, run once in the background after start-up (it can take seconds)."""

from typing import Any

from textual.app import App
from textual.message import Message

from ..services.maintenance import integrity_problems
from ..store.db import connection


class IntegrityChecked(Message):
    """The background `PRAGMA quick_check` finished; `problems` is empty when the file is sound."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__()
        self.problems = problems


def check_integrity_in_background(app: App[Any]) -> None:
    """Scan every page in a thread worker and post IntegrityChecked to `app`."""

    def scan() -> None:
        with connection():
            problems = integrity_problems(limit=5)
        app.post_message(IntegrityChecked(problems))

    app.run_worker(scan, thread=True, exclusive=True, group="integrity", name="integrity-check")
