"""The desk's share of escalations: the sweep every minute in a worker, and the top bar's badge.

The badge counts the open escalations the logged-in reviewer handles; it is read again whenever the
database changes (this desk's saves, and other desks' within the watcher's interval, 2 s by default),
after login and after each sweep.
"""

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from .background import run_in_background
from .minute import every_minute


@dataclass
class BadgeCounted(Message):
    """The reviewer's open escalations were counted (None: the actor reviews none)."""

    count: int | None


@dataclass
class SweepRaised(Message):
    """The desk's sweep raised `count` escalations."""

    count: int


def start_sweeping(app: Any) -> None:
    """Run the sweep as each minute begins (never on a read-only file)."""
    every_minute(app, lambda: sweep_now(app))


def sweep_now(app: Any) -> None:
    if app.session.desk is None or app.session.read_only:
        return
    # A busy or vanished database now is swept again next minute.
    run_in_background(app, lambda: _sweep(app), group="sweep", failed=None)


def _sweep(app: Any) -> SweepRaised | None:
    from ..services.escalations.sweep import sweep

    raised = len(sweep(app.session.desk).raised)
    return SweepRaised(raised) if raised else None


def count_badge(app: Any) -> None:
    """Count the actor's open escalations in a worker; the app gets BadgeCounted."""
    if app.session.desk is None or app.session.actor is None:
        return
    # A count that fails leaves the badge as it is until the next change.
    run_in_background(app, lambda: _count(app), group="badge", failed=None)


def _count(app: Any) -> BadgeCounted | None:
    from ..services.escalations.read import open_count, reviewable_levels

    actor = app.session.actor
    if actor is None:
        return None
    if not reviewable_levels(actor.role):
        return BadgeCounted(None)
    return BadgeCounted(open_count(actor))
