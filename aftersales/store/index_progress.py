"""A line on stderr while a migration builds an index over many complaints, so a desk that opens a big
database after an upgrade says what it is waiting for instead of hanging silently."""

import sys
from collections.abc import Callable

from ..i18n import t

# Below this many complaints an index builds in a few seconds at most: nothing is printed.
PROGRESS_FROM = 100_000

Step = Callable[[int], None]


def index_progress(what: str, total: int, complaints: int) -> Step:
    """A function to call with the steps done so far, out of `total`; it rewrites one line on a terminal
    and prints only the first and the last elsewhere. Silent when the database holds fewer than
    PROGRESS_FROM `complaints`."""
    if complaints < PROGRESS_FROM:
        return lambda done: None
    terminal = sys.stderr.isatty()
    shown = {"first": True}

    def step(done: int) -> None:
        line = t("search.index.progress", what=t(f"search.index.{what}"), done=f"{done:,}", total=f"{total:,}")
        last = done >= total
        if terminal:
            sys.stderr.write("\r" + line + ("\n" if last else ""))
        elif shown["first"] or last:
            sys.stderr.write(line + "\n")
        shown["first"] = False
        sys.stderr.flush()

    return step
