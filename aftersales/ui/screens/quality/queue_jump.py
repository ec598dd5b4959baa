"""Showing the complaints behind a signal or a term in the complaint queue, filtered to them."""

from typing import Any

from textual.app import App


async def open_in_queue(app: App[Any], ids: list[int], about: str) -> None:
    """Go to the queue (section 2) and narrow it to the complaints `ids`; `about` names them on its status line."""
    from ....services.complaints.queue import QueueFilter

    await app.switch_mode("complaints")
    while len(app.screen_stack) > 1:
        await app.pop_screen()
    show_filter = getattr(app.screen, "show_filter", None)
    if callable(show_filter):
        show_filter(QueueFilter(ids=tuple(ids), about=about))
