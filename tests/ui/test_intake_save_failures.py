"""Saves that fail (disk full, a locked file, a shop closed meanwhile) keep every typed character."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from aftersales.domain.errors import StorageError
from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.store.models import Complaint, Shop, database
from aftersales.ui.screens.complaints import intake as intake_module
from aftersales.ui.screens.complaints.intake import IntakeScreen
from tests.ui.intake_harness import (
    SIZE,
    IntakeHarness,
    error_of,
    intake_app,
    type_valid_complaint,
    typed_values,
)

from .harness import press


@pytest.fixture
def app(db_target: str, desk: Desk, staff: dict[str, StaffView]) -> IntakeHarness:
    return intake_app(db_target, desk, staff)


async def test_disk_full_on_save_keeps_every_typed_character(
    app: IntakeHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object) -> None:
        raise StorageError(cause="disk full", cause_code="disk_full", what="saving a new complaint")

    monkeypatch.setattr(intake_module, "create_complaint", disk_full)
    async with app.run_test(size=SIZE) as pilot:
        await type_valid_complaint(pilot)
        before = typed_values(app)
        await press(pilot, "f10")

        assert isinstance(app.screen, IntakeScreen)
        assert typed_values(app) == before
        assert before["description"] == "沙发腿断裂 要求上门维修"
        assert "Not saved: Disk full while saving a new complaint" in str(
            app.screen.query_one("#intake-status").render()
        )
        assert isinstance(app.screen, IntakeScreen) and app.screen.has_unsaved_text()
        assert app.opened == [] and app.changes == 0
    assert Complaint.select().count() == 0


@pytest.fixture
def locked_database(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[sqlite3.Connection]:
    """Another desk holding the write lock on the SQLite file; our busy wait shortened so the test is quick."""
    db = database.obj
    monkeypatch.setattr(db, "_pragmas", [(k, 200 if k == "busy_timeout" else v) for k, v in db._pragmas])
    monkeypatch.setattr(db, "_timeout", 0.2)
    other = sqlite3.connect(db_path, isolation_level=None)
    yield other
    other.close()


async def test_locked_database_keeps_the_form_and_a_retry_saves(
    app: IntakeHarness, locked_database: sqlite3.Connection
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await type_valid_complaint(pilot)
        before = typed_values(app)
        locked_database.execute("BEGIN IMMEDIATE")
        await press(pilot, "f10")

        assert isinstance(app.screen, IntakeScreen)
        assert typed_values(app) == before
        status = str(app.screen.query_one("#intake-status").render())
        assert "Not saved: The database stayed locked by another desk while saving a new complaint" in status
        assert Complaint.select().count() == 0

        locked_database.execute("ROLLBACK")
        await press(pilot, "f10")
        assert not isinstance(app.screen, IntakeScreen)
    assert Complaint.get().description == "沙发腿断裂 要求上门维修"
    assert app.opened == [Complaint.get().id]


async def test_shop_closed_while_typing_marks_the_shop_and_keeps_the_text(app: IntakeHarness) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await type_valid_complaint(pilot)
        before = typed_values(app)
        Shop.update(active=False).where(Shop.code == "S001").execute()
        await press(pilot, "ctrl+s")

        assert error_of(app, "shop_code") == "this shop is no longer active; choose another"
        assert typed_values(app) == before
        assert Complaint.select().count() == 0
