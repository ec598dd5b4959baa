"""The desk's share of escalations: the sweep every minute in a worker, and the top bar's badge.

The badge counts the open escalations the logged-in reviewer handles; it is read again whenever the
database changes (this desk's saves, and other desks' within the watcher's interval, 2 s by default),
after login and after each sweep.
"""

from typing import Any

from textual.message import Message

from .minute import every_minute


class BadgeCounted(Message):
    """The reviewer's open escalations were counted (None: the actor reviews none)."""

    def __init__(self, count: int | None) -> None:
        super().__init__()
        self.count = count


class SweepRaised(Message):
    """The desk's sweep raised `count` escalations."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count


def start_sweeping(app: Any) -> None:
    """Run the sweep as each minute begins (never on a read-only file)."""
    every_minute(app, lambda: sweep_now(app))


def sweep_now(app: Any) -> None:
    if app.session.desk is None or app.session.read_only:
        return
    app.run_worker(lambda: _sweep(app), thread=True, exclusive=True, group="sweep", name="escalation-sweep")


def _sweep(app: Any) -> None:
    from ..services.escalations.sweep import sweep
    from ..store.db import connection

    try:
        with connection():
            raised = len(sweep(app.session.desk).raised)
    except Exception:  # a busy or vanished database now is swept again next minute
        return
    if raised:
        app.post_message(SweepRaised(raised))


def count_badge(app: Any) -> None:
    """Count the actor's open escalations in a worker; the app gets BadgeCounted."""
    if app.session.desk is None or app.session.actor is None:
        return
    app.run_worker(lambda: _count(app), thread=True, exclusive=True, group="badge", name="escalation-badge")


def _count(app: Any) -> None:
    from ..services.escalations.read import open_count, reviewable_levels
    from ..store.db import connection

    actor = app.session.actor
    if actor is None:
        return
    if not reviewable_levels(actor.role):
        app.post_message(BadgeCounted(None))
        return
    try:
        with connection():
            count = open_count(actor)
    except Exception:  # the badge waits for the next change
        return
    app.post_message(BadgeCounted(count))
