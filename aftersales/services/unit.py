"""A service function's unit of work: it opens its own connection and closes it when it returns."""

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from ..store.db import connection
from ..store.models import database

P = ParamSpec("P")
R = TypeVar("R")


def unit_of_work(fn: Callable[P, R]) -> Callable[P, R]:
    """Run `fn` inside a connection of the calling thread (reused when a caller already holds one).

    Every service function the edges (screens, commands, the benchmark) call carries it, so no edge
    needs to know how the database is opened; writes inside still take their own transaction.
    """

    @functools.wraps(fn)
    def within_connection(*args: P.args, **kwargs: P.kwargs) -> R:
        if database.obj is None:  # nothing opened yet: a command refusing its input before it opens one
            return fn(*args, **kwargs)
        with connection():
            return fn(*args, **kwargs)

    within_connection.__unit_of_work__ = True  # type: ignore[attr-defined]
    return within_connection
