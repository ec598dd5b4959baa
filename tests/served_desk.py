"""A served desk for tests: the `serve` command's server on a free port of this machine, and what a
browser tab's terminal has received, as text."""

import re
import socket
from collections.abc import Iterable

from aftersales.cli.serve import page_wording
from aftersales.web.server import DeskServer, desk_command, desk_environment

_CONTROL = re.compile(r"\x1b\[[0-9;?<>=!]*[ -/]*[@-~]|\x1b[PX^_].*?\x1b\\|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def desk_server(target: str, *, max_sessions: int = 20, language: str = "en") -> DeskServer:
    """The server `aftersales serve --db TARGET --lang LANGUAGE` runs (not yet listening)."""
    return DeskServer(desk_command(language), desk_environment(target), page_wording(language),
                      host="127.0.0.1", port=free_port(), max_sessions=max_sessions)


def terminal_text(chunks: Iterable[bytes]) -> str:
    """What a terminal fed `chunks` was told to print, its control sequences left out (runs of text
    stay whole, so a label on the screen can be found in it)."""
    return _CONTROL.sub("", b"".join(chunks).decode("utf-8", "replace"))
