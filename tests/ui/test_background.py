"""The one way screens reach the database: a typed message back, or a failure line in the desk's language."""

import asyncio
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Static

from aftersales import i18n
from aftersales.domain.errors import NotFound
from aftersales.domain.penalties.enums import SubjectKind
from aftersales.domain.penalties.schemas import SubjectRef
from aftersales.ui.background import run_in_background
from aftersales.ui.messages import LoadFailed
from aftersales.ui.navigation import prepared
from aftersales.ui.screens.penalties.ledger import LedgerScreen

from .conftest import make_app, settle

SIZE = (100, 30)
LATIN = re.compile("[A-Za-z]")


@dataclass
class Counted(Message):
    """What the probe's calls return when they succeed."""

    count: int


class Probe(Static):
    """Keeps every message its background calls deliver, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.delivered: list[Message] = []

    def on_counted(self, message: Counted) -> None:
        self.delivered.append(message)

    def on_load_failed(self, message: LoadFailed) -> None:
        message.stop()
        self.delivered.append(message)


class ProbeApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Probe()


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


async def delivered(call: Callable[[], Message | None], failed: str | None = "queue.load_failed") -> list[Message]:
    """What a probe receives from one background call."""
    app = ProbeApp()
    async with app.run_test() as pilot:
        probe = app.query_one(Probe)
        await run_in_background(probe, call, group="probe", failed=failed).wait()
        await pilot.pause()
        return probe.delivered


async def test_a_success_delivers_the_typed_message() -> None:
    assert await delivered(lambda: Counted(3)) == [Counted(3)]


async def test_a_refusal_comes_back_as_its_own_line_in_chinese(chinese: None) -> None:
    def refused() -> Message:
        raise NotFound(what="TS-20261127-0042")

    [failure] = await delivered(refused)
    assert isinstance(failure, LoadFailed) and isinstance(failure.error, NotFound)
    assert failure.text == "未找到：TS-20261127-0042"
    assert "no complaint" not in failure.text


async def test_a_disk_failure_reads_as_the_screens_line_with_its_cause_in_chinese(chinese: None) -> None:
    def broken() -> Message:
        raise sqlite3.OperationalError("disk I/O error")

    [failure] = await delivered(broken)
    assert isinstance(failure, LoadFailed)
    assert failure.text == "无法读取投诉队列：磁盘读写错误"


async def test_a_failure_nobody_translates_keeps_its_own_words_in_the_screens_line() -> None:
    def odd() -> Message:
        raise ValueError("unexpected   row\nshape")

    [failure] = await delivered(odd)
    assert isinstance(failure, LoadFailed)
    assert failure.text == "Could not read the queue: unexpected row shape"


async def test_a_quiet_call_delivers_nothing_when_it_fails() -> None:
    def broken() -> Message:
        raise sqlite3.OperationalError("database is locked")

    assert await delivered(broken, failed=None) == []
    assert await delivered(lambda: None) == []


async def test_a_call_replaced_by_a_newer_one_of_its_group_delivers_nothing() -> None:
    started, release, finished = threading.Event(), threading.Event(), threading.Event()

    def slow() -> Message:
        started.set()
        release.wait(5)
        finished.set()
        return Counted(1)

    def slow_failure() -> Message:
        started.set()
        release.wait(5)
        finished.set()
        raise sqlite3.OperationalError("disk I/O error")

    app = ProbeApp()
    async with app.run_test() as pilot:
        probe = app.query_one(Probe)
        for older in (slow, slow_failure):
            started.clear(), release.clear(), finished.clear()
            run_in_background(probe, older, group="probe", failed="queue.load_failed")
            assert await asyncio.to_thread(started.wait, 5)  # the older call is under way
            newer = run_in_background(probe, lambda: Counted(2), group="probe", failed="queue.load_failed")
            await newer.wait()
            release.set()
            assert await asyncio.to_thread(finished.wait, 5)
            await asyncio.sleep(0.2)  # the older thread would post right after its call returns
            await pilot.pause()
        assert probe.delivered == [Counted(2), Counted(2)]


async def test_a_refused_read_on_a_screen_is_told_in_chinese(desk_db: Path) -> None:
    app = make_app(desk_db, language="zh_CN", actor_code="op01")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # An operator may read only their own ledger: the service refuses op02's.
        app.push_screen(prepared(LedgerScreen(SubjectRef(kind=SubjectKind.STAFF, code="op02", name="op02"))))
        await settle(pilot)
        await pilot.pause()
        notes = [str(note.message) for note in app._notifications]
    assert notes and notes[-1] == "客服专员无权查看他人的罚款台账。"
    assert not LATIN.search(notes[-1]), notes[-1]
