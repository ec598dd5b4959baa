"""The audit events this process wrote, so its change watcher tells its own saves from other desks'.

A screen refreshes itself after its own save; the watcher must not refresh it a second time when it
sees that commit. Every write transaction appends events, so an event id names the commit it came
in. Ids are noted when written, before COMMIT (a watcher looking right after the commit already
knows them), and forgotten again if the transaction rolls back.
"""

import threading
from collections.abc import Iterable

_lock = threading.Lock()
_ranges: list[tuple[int, int]] = []  # (first id, last id) of each own write
_in_flight = threading.local()  # this thread's ranges of the transaction not yet ended


def note(first: int, last: int) -> None:
    """Events `first`..`last` were just written by this process, in the current thread's transaction."""
    with _lock:
        _ranges.append((first, last))
    pending: list[tuple[int, int]] = getattr(_in_flight, "ranges", [])
    pending.append((first, last))
    _in_flight.ranges = pending


def transaction_ended(committed: bool) -> None:
    """The current thread's write transaction ended; a rollback takes its events back."""
    pending: list[tuple[int, int]] = getattr(_in_flight, "ranges", [])
    _in_flight.ranges = []
    if committed or not pending:
        return
    with _lock:
        for span in pending:
            if span in _ranges:
                _ranges.remove(span)


def foreign(ids: Iterable[int]) -> list[int]:
    """Those of `ids` this process did not write."""
    with _lock:
        spans = list(_ranges)
    return [event_id for event_id in ids if not any(first <= event_id <= last for first, last in spans)]


def forget_through(event_id: int) -> None:
    """The watcher has seen every event up to `event_id`: older own ranges are no longer needed."""
    with _lock:
        _ranges[:] = [span for span in _ranges if span[1] > event_id]


def forget_all() -> None:
    """A database was opened: ids written to another one say nothing about it."""
    with _lock:
        _ranges.clear()
