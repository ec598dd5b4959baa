"""Helpers for the staff and shop directory screens: read their rows, type into their dialogs."""

from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable

from aftersales.ui.app import DeskApp


def rows(app: DeskApp) -> list[list[str]]:
    """The directory table as the user reads it: each row's cells as plain text."""
    table: DataTable[Any] = app.screen.query_one("#directory-table", DataTable)
    return [[str(getattr(value, "plain", value)) for value in table.get_row_at(i)] for i in range(table.row_count)]


def codes(app: DeskApp) -> list[str]:
    return [row[0] for row in rows(app)]


async def type_into(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()
