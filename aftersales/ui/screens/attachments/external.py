"""Opening an attachment with the system's own viewer: a copy in the user's cache, handed to xdg-open (or
`open` on macOS); where there is none, one line says to save a copy instead."""

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.message import Message
from textual.widget import Widget

from .... import i18n
from ...background import run_in_background


@dataclass
class Opened(Message):
    text: str
    error: bool = False


def viewer_command() -> list[str] | None:
    """The command that opens a file with the desktop's viewer, or None on a machine without one."""
    name = "open" if sys.platform == "darwin" else "xdg-open"
    found = shutil.which(name)
    return [found] if found else None


def open_with_system(owner: Widget, view: Any) -> None:
    """Write a copy of `view`'s file to the cache and start the viewer on it, detached from the desk."""
    command = viewer_command()
    if command is None:
        owner.app.notify(i18n.t("attachments.no_viewer"), severity="warning")
        return

    def work() -> Opened:
        import platformdirs

        from ....services.attachments.read import save_copy

        folder = Path(platformdirs.user_cache_path("aftersales")) / "opened" / str(view.id)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / Path(view.file_name).name
        if not target.exists():
            save_copy(view.id, target)
        subprocess.Popen([*command, str(target)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
        return Opened(i18n.t("attachments.opened", name=view.file_name))

    run_in_background(owner, work, group="open-file", failed="attachments.open_failed",
                      failure=lambda text, _exc: Opened(text, error=True))
