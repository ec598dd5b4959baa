"""Every snapshot at 80 × 24 and 120 × 36, in English and Chinese (wide characters are the hard case)."""

import asyncio
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

SIZES = {"80x24": (80, 24), "120x36": (120, 36)}
LANGUAGES = {"en": "en", "zh": "zh_CN"}
every_size_and_language = pytest.mark.parametrize(
    ("size", "language"),
    [pytest.param(size, language, id=f"{size_name}-{language_name}")
     for size_name, size in SIZES.items() for language_name, language in LANGUAGES.items()],
)


async def steady(pilot: Pilot[Any]) -> None:
    """Workers done (the database watcher never ends), their results drawn, cursors still."""
    app = pilot.app
    for _ in range(3):
        await pilot.pause()
        busy = [worker for worker in app.workers if worker.group != "watch"]
        if busy:
            await app.workers.wait_for_complete(busy)
        await asyncio.sleep(0.05)
    for widget in app.screen.query("Input, TextArea"):
        assert isinstance(widget, (Input, TextArea))
        widget.cursor_blink = False
    await pilot.pause()


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await steady(pilot)
