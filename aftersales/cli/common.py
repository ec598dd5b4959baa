"""What every command shares: one-line refusals, argument types, the --db target, lazy loading."""

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ..i18n import t
from ..services.context import Desk
from ..store.db import is_url, open_database, opened_read_only
from ..store.masking import shown_target

if TYPE_CHECKING:
    from ..domain.permissions import Action
    from ..domain.schemas import StaffView

__all__ = ["open_database"]  # commands open the target through this module (tests replace it here)

PROG = "aftersales"


class Commands:
    """The sub-commands being registered; the options every sub-command accepts come with each."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.common = Parser(add_help=False)
        self.common.add_argument("--db", default=argparse.SUPPRESS, help="database file or postgresql:// URL")
        self.common.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS)
        self.common.add_argument("--user", default=argparse.SUPPRESS)
        self.sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
        self.groups: dict[str, CommandGroup] = {}

    def add(self, name: str, handler: Callable[[argparse.Namespace], int], text: str) -> argparse.ArgumentParser:
        """A sub-command `name` run by `handler`."""
        child: argparse.ArgumentParser = self.sub.add_parser(name, parents=[self.common], help=text, description=text)
        child.set_defaults(handler=handler)
        return child

    def group(self, name: str, text: str) -> "CommandGroup":
        """A sub-command with sub-commands of its own (`export complaints`, `staff add`); several
        subjects may add to one group (`export runsheet` beside `export complaints`)."""
        if name not in self.groups:
            parent = self.sub.add_parser(name, parents=[self.common], help=text, description=text)
            sub = parent.add_subparsers(dest="what", metavar="WHAT", required=True, parser_class=Parser)
            self.groups[name] = CommandGroup(self, sub)
        return self.groups[name]


class CommandGroup:
    """The sub-commands of one group; each accepts the common options too."""

    def __init__(self, commands: Commands, sub: Any) -> None:
        self.commands = commands
        self.sub = sub

    def add(self, name: str, handler: Callable[[argparse.Namespace], int], text: str) -> argparse.ArgumentParser:
        child: argparse.ArgumentParser = self.sub.add_parser(
            name, parents=[self.commands.common], help=text, description=text
        )
        child.set_defaults(handler=handler)
        return child


class CliFailure(Exception):
    """A one-line refusal; `code` is the exit status."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake in one line instead of the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, t("cli.usage", prog=self.prog, message=message) + "\n")


def day_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.bad_date", text=repr(text))) from None


def count_arg(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(t("cli.bad_count", text=repr(text)))
    return int(text)


def lang_in(argv: Sequence[str]) -> str | None:
    """The --lang value of `argv`, read before parsing so usage mistakes are reported in it."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def counted(key: str, count: int, **params: Any) -> str:
    """Message `key` about `count` things; `<key>_one` holds the wording for exactly one."""
    return t(f"{key}_one" if count == 1 else key, count=count, **params)


def shown(target: str) -> str:
    """A database target as messages name it: a server URL without its credentials."""
    return shown_target(target)


def target_of(args: argparse.Namespace) -> str:
    target = args.db or os.environ.get("AFTERSALES_DB")
    if not target:
        raise CliFailure(t("cli.no_db"), 2)
    return str(target)


def settings_desk() -> Desk:
    """The Desk a command works with, built from the settings file (a bad policy stops the command)."""
    from ..settings import SettingsRefused, desk_for, load_config

    try:
        config, _ = load_config()
    except SettingsRefused as exc:
        raise CliFailure(str(exc)) from exc
    return desk_for(config)


def new_file(args: argparse.Namespace) -> Path:
    """The --db of a command that creates a database: never an existing file."""
    target = target_of(args)
    if is_url(target):
        raise CliFailure(t("cli.file_only", command=args.command), 2)
    path = Path(target)
    if path.exists():
        raise CliFailure(t("cli.exists", path=path))
    return path


def lazy(module: str, name: str) -> Callable[..., Any]:
    """A function from a module loaded only when its command runs."""
    try:
        loaded = __import__(f"aftersales.{module}", fromlist=[name])
        found: Callable[..., Any] = getattr(loaded, name)
    except (ImportError, AttributeError) as exc:
        raise CliFailure(t("cli.not_available", command=module, detail=str(exc)), 2) from exc
    return found


def fail(message: str, code: int = 1, details: Sequence[str] = ()) -> int:
    """Print a refusal on stderr: one line (a driver's line breaks folded), then one line per detail."""
    lines = [" ".join(str(line).split()) for line in (message, *details)]
    print("\n".join(lines), file=sys.stderr)
    return code


def authenticate(args: argparse.Namespace, action: "Action") -> "StaffView":
    """The staff member a writing command acts as, after their PIN, on the database already open.

    The code is --user (or AFTERSALES_USER); the PIN comes from AFTERSALES_PIN (scripts) or is
    asked without echo on the terminal. It is checked as the desk's login is: wrong PINs count
    toward the same lockout and every attempt is audited (as coming from the command line). A
    role that may not do `action` is refused (and audited) before the command reads its input.
    """
    from ..services.context import Desk
    from ..services.guard import require
    from ..services.staff.auth import login

    if opened_read_only():
        raise CliFailure(t("cli.read_only", path=shown(target_of(args))))
    code = (args.user or os.environ.get("AFTERSALES_USER") or "").strip()
    if not code:
        raise CliFailure(t("cli.auth.need_user", command=_command_name(args)), 2)
    pin = os.environ.get("AFTERSALES_PIN")
    if pin is None:
        if not sys.stdin.isatty():
            raise CliFailure(t("cli.auth.no_terminal", code=code), 2)
        pin = getpass.getpass(t("cli.auth.ask_pin", code=code))
    desk = Desk()
    actor = login(desk, code, pin)
    require(desk, actor, action)
    return actor


def open_as(args: argparse.Namespace, action: "Action") -> "StaffView":
    """Open the --db target and authenticate the --user for `action`: the start of every writing command."""
    open_database(target_of(args))
    return authenticate(args, action)


def _command_name(args: argparse.Namespace) -> str:
    what = getattr(args, "what", None)
    return f"{args.command} {what}" if what else str(args.command)


def new_pin(args: argparse.Namespace, code: str) -> str:
    """The PIN to give `code`: --pin, else AFTERSALES_NEW_PIN (scripts), else asked twice without echo."""
    pin = getattr(args, "pin", None) or os.environ.get("AFTERSALES_NEW_PIN")
    if pin:
        return str(pin)
    if not sys.stdin.isatty():
        raise CliFailure(t("cli.auth.no_terminal_new", code=code), 2)
    pin = getpass.getpass(t("cli.auth.ask_new_pin", code=code))
    if getpass.getpass(t("cli.init.ask_pin_again")) != pin:
        raise CliFailure(t("cli.auth.pins_differ"))
    return pin


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Columns padded to their widest cell as a terminal shows it (a Chinese character takes two)."""
    from rich.cells import cell_len

    widths = [max(cell_len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [str(cell) + " " * (width - cell_len(str(cell))) for cell, width in zip(row, widths, strict=True)]
        print("  ".join(cells).rstrip())


def report_font() -> str | None:
    """The CJK font file the settings name for PDFs (None: the first one found on this machine)."""
    from ..settings import SettingsRefused, load_config

    try:
        config, _ = load_config()
    except SettingsRefused as exc:
        raise CliFailure(str(exc)) from exc
    return config.report_font
