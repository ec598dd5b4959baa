"""Two processes build a demo: one invents the rows, the other stores them as they come.

Inventing (names, histories, the sealed audit chain) is Python work that holds its interpreter, storing is
SQLite's; on a machine with two cores each runs on its own instead of taking turns. The inventing process
sends each day's statements as one message, in order, so the file holds exactly what one process would
have written.
"""

import multiprocessing
import queue
import sqlite3
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

# Days of rows in flight between the processes: enough to keep both busy, little memory.
DAYS_IN_FLIGHT = 4
# How often the storing process checks that the inventing one is still alive while it waits.
WAIT_S = 1.0

Statement = tuple[str, list[Any]]


class DayBatches:
    """Stands in for a cursor in the inventing process: statements are kept and sent a few days at a time."""

    def __init__(self, out: "multiprocessing.Queue[Any]") -> None:
        self.out = out
        self.pending: list[Statement] = []

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        self.pending.append((sql, [params]))

    def executemany(self, sql: str, rows: list[Any]) -> None:
        if rows:
            self.pending.append((sql, rows))

    def send(self, text_range: tuple[object, object] | None = None) -> None:
        """Send what was kept; `text_range` (first and last complaint id) is indexed for search after."""
        self.out.put(("day", self.pending, text_range))
        self.pending = []

    def finish(self, *result: Any) -> None:
        """Send what is left, then the end with `result` (handed to the storing process)."""
        self.send()
        self.out.put(("done", *result))


def _invent_in_child(invent: Callable[..., None], out: "multiprocessing.Queue[Any]", args: tuple[Any, ...]) -> None:
    try:
        invent(DayBatches(out), *args)
    except BaseException as exc:  # noqa: BLE001 - every failure must reach the storing process
        out.put(("failed", "".join(traceback.format_exception(exc))))


def _next(days: "multiprocessing.Queue[Any]", inventor: multiprocessing.process.BaseProcess) -> tuple[Any, ...]:
    while True:
        try:
            message: tuple[Any, ...] = days.get(timeout=WAIT_S)
            return message
        except queue.Empty:
            if not inventor.is_alive():
                raise RuntimeError(f"the demo's rows stopped coming (exit code {inventor.exitcode})") from None


def _index_range(conn: sqlite3.Connection, statements: Sequence[str], text_range: tuple[object, object]) -> None:
    for sql in statements:
        conn.execute(sql, text_range)


def store_invented(
    conn: sqlite3.Connection, text_range_sql: Sequence[str], invent: Callable[..., None], args: tuple[Any, ...]
) -> tuple[Any, ...]:
    """Run `invent(batches, *args)` in another process and store its statements on `conn` as they arrive.

    After each day's rows, its complaints are indexed for search in a thread (each of `text_range_sql`
    over the day's first and last id) while the next day is received. Returns what `invent` passed to
    `finish`.
    """
    context = multiprocessing.get_context("spawn")
    days: multiprocessing.Queue[Any] = context.Queue(maxsize=DAYS_IN_FLIGHT)
    inventor = context.Process(target=_invent_in_child, args=(invent, days, args), daemon=True)
    inventor.start()
    cursor = conn.cursor()
    indexing: Future[object] | None = None
    try:
        with ThreadPoolExecutor(max_workers=1) as text_indexer:
            while True:
                message = _next(days, inventor)
                if indexing is not None:
                    indexing.result()  # the connection is used by one thread at a time
                    indexing = None
                if message[0] == "failed":
                    raise RuntimeError(f"building the demo failed:\n{message[1]}")
                if message[0] == "done":
                    return message[1:]
                _, statements, text_range = message
                for sql, rows in statements:
                    cursor.executemany(sql, rows)
                if text_range is not None:
                    # One long statement that releases the GIL: the next day is received while it runs.
                    indexing = text_indexer.submit(_index_range, conn, text_range_sql, text_range)
    finally:
        if inventor.is_alive():
            inventor.terminate()
        inventor.join()
