"""The `aftersales` command line.

Opening the desk takes a short path (cli/launch.py) that loads only what the login screen needs;
every other command goes through the full parser in cli/main.py.
"""

import gc
from typing import Any


def main(argv: list[str] | None = None) -> int:
    """Run `aftersales ARGV`; returns the exit status."""
    # Nothing made before the desk's login screen is garbage: the collector waits until that screen is
    # drawn (the desk's warm-up resumes it, ui/warmup.py) instead of delaying it. Other commands: at once.
    gc.disable()
    try:
        from .launch import open_desk_quickly

        opened = open_desk_quickly(argv)
    finally:
        gc.enable()
    if opened is not None:
        return opened
    from .main import main as run_command

    return run_command(argv)


def __getattr__(name: str) -> Any:
    if name == "build_parser":
        from .main import build_parser

        return build_parser
    raise AttributeError(name)


__all__ = ["build_parser", "main"]
