"""How long this process's write transactions waited for the write lock, kept only while asked for
(the concurrency test and `bench` read it; a desk never turns it on)."""

_samples: list[float] | None = None


def start_recording() -> None:
    global _samples
    _samples = []


def record(seconds: float) -> None:
    if _samples is not None:
        _samples.append(seconds)


def recorded() -> list[float]:
    """Seconds waited by each write transaction since `start_recording`."""
    return list(_samples or [])
