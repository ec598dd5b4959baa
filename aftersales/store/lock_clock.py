"""How long this process's write transactions waited for the write lock and then held it, kept only
while asked for (the concurrency and import tests read it; a desk never turns it on)."""

import threading
import time

_lock = threading.Lock()
_waits: list[float] | None = None
_holds: list[float] | None = None
_taken = threading.local()  # when this thread's transaction got the lock


def start_recording() -> None:
    global _waits, _holds
    with _lock:
        _waits, _holds = [], []


def lock_taken(waited: float) -> None:
    """The current thread's transaction has the write lock after waiting `waited` seconds."""
    _taken.at = time.monotonic()
    if _waits is not None:
        with _lock:
            _waits.append(waited)


def lock_released() -> None:
    """The current thread's write transaction ended (committed or rolled back)."""
    taken = getattr(_taken, "at", None)
    _taken.at = None
    if taken is not None and _holds is not None:
        with _lock:
            _holds.append(time.monotonic() - taken)


def waits() -> list[float]:
    """Seconds each write transaction waited for the lock since `start_recording`."""
    return list(_waits or [])


def holds() -> list[float]:
    """Seconds each write transaction held the lock since `start_recording`."""
    return list(_holds or [])
