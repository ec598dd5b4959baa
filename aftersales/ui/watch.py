"""Noticing other desks' saves (not this desk's own) in a thread, on a SQLite file or PostgreSQL."""

import time
from typing import Any

from textual.app import App
from textual.message import Message
from textual.worker import get_current_worker

from ..services.changes import ProbeUnavailable, open_probe

_TICK = 0.1  # seconds between checks for cancellation, so the app exits promptly


class DatabaseMoved(Message):
    """Another desk committed to the desk's database."""


def watch_database(app: App[Any], target: str, interval: float) -> None:
    """Start a thread worker that posts DatabaseMoved to `app` whenever another desk commits."""

    def poll() -> None:
        worker = get_current_worker()
        try:
            probe = open_probe(target)
        except ProbeUnavailable:
            return
        try:
            waited = 0.0
            while not worker.is_cancelled:
                time.sleep(_TICK)
                waited += _TICK
                if waited < interval:
                    continue
                waited = 0.0
                try:
                    moved = probe.changed()
                except ProbeUnavailable:
                    continue  # a busy file or a dropped connection now is readable at the next tick
                if moved and not worker.is_cancelled:
                    # post_message never waits, so a closing app cannot leave this thread stuck.
                    app.post_message(DatabaseMoved())
        finally:
            probe.close()

    app.run_worker(poll, thread=True, exclusive=True, group="watch", name="database-watch")
