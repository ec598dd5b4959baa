"""The `aftersales` command line.

Opening the desk takes a short path (cli/launch.py) that loads only what the login screen needs;
every other command goes through the full parser in cli/main.py.
"""

from typing import Any


def main(argv: list[str] | None = None) -> int:
    """Run `aftersales ARGV`; returns the exit status."""
    from .launch import open_desk_quickly

    opened = open_desk_quickly(argv)
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
