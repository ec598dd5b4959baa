"""Redrawing what depends on the clock (time left, overdue) as each minute of the wall clock begins."""

import time
from collections.abc import Callable

from textual.dom import DOMNode


def every_minute(node: DOMNode, callback: Callable[[], object]) -> None:
    """Call `callback` at the start of every minute (first at the next one) while `node` lives."""

    def tick() -> None:
        callback()
        node.set_timer(60.05 - time.time() % 60, tick)

    node.set_timer(60.05 - time.time() % 60, tick)
