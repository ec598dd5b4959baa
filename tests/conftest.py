"""Shared fixtures: a fresh database per test on each engine, a fixed clock, the demo staff and shops.

Tests that ask for `staff` or `db_target` run twice: on a SQLite file and on PostgreSQL (when
AFTERSALES_TEST_PG names a scratch database; skipped otherwise). Tests that ask for `db_path`
need a file and run on SQLite only. Outside tests/ui the wall clock itself stands at NOW, so
what the command line stamps (complaint numbers, times) never depends on the day the suite runs.
"""

import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine

from aftersales import i18n
from aftersales.domain.clock import fixed_clock
from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.store.db import close_database, open_database

from .engines import PG_URL, fresh_postgres
from .factories import NOW, seed_shops, seed_staff

ENGINES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" not in metafunc.fixturenames:
        return
    file_only = "db_path" in metafunc.fixturenames or metafunc.definition.get_closest_marker("sqlite_only")
    if not file_only:  # a file-only test keeps its plain name (its snapshots are named after it)
        metafunc.parametrize("engine", ENGINES, indirect=True)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: the test needs a SQLite file (runs on one engine)")
    config.addinivalue_line("markers", "real_clock: the test times other processes, so the wall clock stays real")
    config.addinivalue_line("markers", "timing: the test measures the machine, so no other test of the run goes beside it")
    config.addinivalue_line("markers", "alone: no other test of the run goes beside it (a picture a loaded machine can draw early)")


def _run_lock_path() -> Path | None:
    """A file the workers of this pytest-xdist run share (None when the run has one process)."""
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    return Path(tempfile.gettempdir()) / f"aftersales-tests-{run_id}.lock" if run_id else None


@pytest.fixture(autouse=True)
def _machine_to_itself(request: pytest.FixtureRequest) -> Iterator[None]:
    """A `timing` test runs with no other test of the run beside it; the others run side by side.

    A readers-writer lock over two flock()ed files: every test holds the main lock shared; a timing
    test holds the gate while it waits for (and holds) the main lock alone, so no test starts
    beside it and it is not starved by a stream of shared holders.
    """
    path = _run_lock_path()
    if path is None:
        yield
        return
    alone = any(request.node.get_closest_marker(name) is not None for name in ("timing", "alone"))
    with open(path.with_suffix(".gate"), "a+b") as gate, open(path, "a+b") as main:
        fcntl.flock(gate, fcntl.LOCK_EX)
        fcntl.flock(main, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
        if not alone:
            fcntl.flock(gate, fcntl.LOCK_UN)
        try:
            yield
        finally:
            fcntl.flock(main, fcntl.LOCK_UN)
            if alone:
                fcntl.flock(gate, fcntl.LOCK_UN)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def _wall_clock_at_now(request: pytest.FixtureRequest) -> Iterator[None]:
    """The machine's clock reads NOW (and runs on) for every test outside the screen tests."""
    if "tests/ui/" in str(request.path).replace("\\", "/") or request.node.get_closest_marker("real_clock"):
        yield
        return
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    name: str = getattr(request, "param", "sqlite")
    if name == "postgresql" and not PG_URL:
        pytest.skip("AFTERSALES_TEST_PG is not set")
    return name


@pytest.fixture
def db_target(engine: str, tmp_path: Path) -> Iterator[str]:
    """A new, migrated, empty desk database on `engine`: a file path or a postgresql:// URL."""
    if engine == "sqlite":
        target = str(tmp_path / "desk.db")
        open_database(target, create=True)
    else:
        target = fresh_postgres()
    yield target
    close_database()


@pytest.fixture
def db_path(db_target: str) -> Path:
    """The SQLite file of `db_target` (tests that need a file run on SQLite only)."""
    return Path(db_target)


@pytest.fixture
def desk() -> Desk:
    return Desk(clock=fixed_clock(NOW))


@pytest.fixture
def staff(db_target: str) -> dict[str, StaffView]:
    """Demo accounts and three shops in the test database."""
    people = seed_staff()
    seed_shops()
    return people
