"""The demo is invented in one process and stored in another: rows arrive in order, a failure or a death
over there is reported here, and the same seed still gives the same file."""

import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from aftersales.demo.build import build_demo
from aftersales.demo.pipeline import DayBatches, store_invented
from aftersales.store.db import close_database

TEXT_RANGE = ["INSERT INTO indexed (first, last) VALUES (?, ?)"]


def three_days(out: DayBatches, rows_per_day: int) -> None:
    for day in range(3):
        out.executemany("INSERT INTO item (day, n) VALUES (?, ?)", [(day, n) for n in range(rows_per_day)])
        out.send((day * 10, day * 10 + 9))
    out.execute("INSERT INTO item (day, n) VALUES (?, ?)", (99, 0))
    out.finish("result", 42)


def fails_on_the_second_day(out: DayBatches) -> None:
    out.executemany("INSERT INTO item (day, n) VALUES (?, ?)", [(0, 0)])
    out.send()
    raise ValueError("no shop called S999")


def dies(out: DayBatches) -> None:
    os._exit(3)


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    made = sqlite3.connect(tmp_path / "pipe.db", isolation_level=None, check_same_thread=False)
    made.execute("CREATE TABLE item (day INTEGER, n INTEGER)")
    made.execute("CREATE TABLE indexed (first INTEGER, last INTEGER)")
    return made


def test_days_are_stored_in_the_order_invented_and_each_text_range_is_indexed(conn) -> None:
    assert store_invented(conn, TEXT_RANGE, three_days, (5,)) == ("result", 42)
    assert conn.execute("SELECT day, n FROM item ORDER BY rowid").fetchall() == [
        *[(day, n) for day in range(3) for n in range(5)], (99, 0)]
    assert conn.execute("SELECT first, last FROM indexed ORDER BY rowid").fetchall() == [(0, 9), (10, 19), (20, 29)]


def test_a_failure_while_inventing_is_raised_here_with_its_cause(conn) -> None:
    with pytest.raises(RuntimeError, match="ValueError: no shop called S999"):
        store_invented(conn, TEXT_RANGE, fails_on_the_second_day, ())


def test_an_inventor_that_dies_is_noticed(conn) -> None:
    with pytest.raises(RuntimeError, match=r"stopped coming \(exit code 3\)"):
        store_invented(conn, TEXT_RANGE, dies, ())


def test_the_same_seed_and_day_give_the_same_file_content(tmp_path: Path) -> None:
    digests = []
    for name in ("a.db", "b.db"):
        build_demo(tmp_path / name, 400, seed=11, today=date(2026, 11, 27))
        close_database()
        raw = sqlite3.connect(tmp_path / name)
        try:
            digests.append([
                raw.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
                for table in ("complaint", "customer", "event", "delivery_order", "callback", "violation")
            ])
        finally:
            raw.close()
    assert digests[0] == digests[1]
    assert len(digests[0][2]) > 400  # the events were there to compare
