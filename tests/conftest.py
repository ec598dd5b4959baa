"""Shared fixtures: a fresh database file per test, a fixed clock, the demo staff and shops."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from aftersales import i18n
from aftersales.domain.clock import fixed_clock
from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.store.db import close_database, open_database

from .factories import NOW, seed_shops, seed_staff


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    """A new, migrated, empty desk database."""
    path = tmp_path / "desk.db"
    open_database(path, create=True)
    yield path
    close_database()


@pytest.fixture
def desk() -> Desk:
    return Desk(clock=fixed_clock(NOW))


@pytest.fixture
def staff(db_path: Path) -> dict[str, StaffView]:
    """Demo accounts and three shops in the test database."""
    people = seed_staff()
    seed_shops()
    return people
