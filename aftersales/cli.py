"""The `aftersales` command: open the desk, or run one maintenance task and exit."""

import argparse
import getpass
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from peewee import PeeweeException

from . import i18n
from .domain.errors import DeskError, InvalidInput
from .domain.schemas import StaffInput, StaffView
from .domain.sla import SlaPolicy
from .i18n import error_text, t
from .services.context import Desk
from .store.db import close_database, is_url, open_database
from .store.errors import DatabaseRefused

PROG = "aftersales"
NOT_BUILT = ("sweep", "report", "payroll")


class CliFailure(Exception):
    """A one-line refusal; `code` is the exit status."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake in one line instead of the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, t("cli.usage", prog=self.prog, message=message) + "\n")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.bad_date", text=repr(text))) from None


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(t("cli.bad_count", text=repr(text)))
    return int(text)


def _lang_in(argv: Sequence[str]) -> str | None:
    """The --lang value of `argv`, read before parsing so usage mistakes are reported in it."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def _counted(key: str, count: int, **params: Any) -> str:
    """Message `key` about `count` things; `<key>_one` holds the wording for exactly one."""
    return t(f"{key}_one" if count == 1 else key, count=count, **params)


def _shown(target: str) -> str:
    """A database target as messages name it: a server URL without its credentials."""
    return target.split("@")[-1] if is_url(target) else target


def build_parser() -> argparse.ArgumentParser:
    """Global options, then one sub-command per task."""
    parser = _Parser(prog=PROG, description="After-sales service desk of a furniture and building-materials mall.")
    parser.add_argument("--db", help="database file or postgresql:// URL (default: $AFTERSALES_DB)")
    parser.add_argument("--lang", choices=["zh", "en"], help="language of the desk and of messages")
    parser.add_argument("--user", help="staff code (the desk's login; the importing user)")
    parser.add_argument("--demo", action="store_true", help="open the desk on a demo database")
    common = _Parser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help="database file or postgresql:// URL")
    common.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS)
    common.add_argument("--user", default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler: Callable[[argparse.Namespace], int], text: str) -> argparse.ArgumentParser:
        child = sub.add_parser(name, parents=[common], help=text, description=text)
        child.set_defaults(handler=handler)
        return child

    demo = command("demo", _demo, "build a demo database")
    demo.add_argument("--complaints", type=_count, default=2000)
    demo.add_argument("--seed", type=_count, default=7)
    demo.add_argument("--today", type=_day, default=None, help="YYYY-MM-DD (default: today)")
    init = command("init", _init, "new database with a first admin")
    init.add_argument("--admin-code")
    init.add_argument("--admin-name")
    init.add_argument("--admin-pin")
    command("check", _check, "integrity of pages, references and the audit chain")
    backup = command("backup", _backup, "consistent copy of a live database")
    backup.add_argument("--out", required=True, type=Path)
    export = command("export", _export, "export complaints to CSV, JSON or XLSX")
    export.add_argument("what", choices=["complaints"])
    export.add_argument("--format", choices=["csv", "json", "xlsx"], default=None, help="default: from --out")
    export.add_argument("--out", required=True, type=Path)
    export.add_argument("--month", help="YYYY-MM, by local creation time")
    imp = command("import", _import, "validated all-or-nothing import of complaints")
    imp.add_argument("what", choices=["complaints"])
    imp.add_argument("file", type=Path)
    bench = command("bench", _bench, "performance figures on this machine")
    bench.add_argument("--json", action="store_true")
    for name in NOT_BUILT:
        later = command(name, _not_built, f"{name} (not yet available)")
        later.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 refused, 2 usage or unavailable)."""
    argv = sys.argv[1:] if argv is None else argv
    i18n.set_language(i18n.detect_language(_lang_in(argv)))
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, or a usage mistake already reported in one line
        return exc.code if isinstance(exc.code, int) else 0
    args.language = i18n.detect_language(args.lang)
    i18n.set_language(args.language)
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", _desk)
    try:
        return handler(args)
    except CliFailure as exc:
        return _fail(str(exc), exc.code)
    except DatabaseRefused as exc:
        return _fail(str(exc))
    except InvalidInput as exc:
        fields = [t("cli.field", name=name, message=message) for name, message in exc.fields.items()]
        return _fail("; ".join(fields) or str(exc))
    except DeskError as exc:
        return _fail(error_text(exc), details=getattr(exc, "problems", []))
    except OSError as exc:
        return _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    except (KeyboardInterrupt, EOFError):
        return _fail(t("cli.interrupted"), 130)
    except (PeeweeException, sqlite3.Error, UnicodeDecodeError) as exc:
        # A damaged page can pass the cheap header check and fail on first read.
        where = _shown(args.db or os.environ.get("AFTERSALES_DB") or "database")
        return _fail(t("cli.database_error", path=where, detail=str(exc)))
    except Exception as exc:
        if os.environ.get("AFTERSALES_DEBUG"):
            raise
        return _fail(t("cli.unexpected", kind=type(exc).__name__, detail=exc))
    finally:
        close_database()


def _fail(message: str, code: int = 1, details: Sequence[str] = ()) -> int:
    """Print a refusal on stderr: one line (a driver's line breaks folded), then one line per detail."""
    lines = [" ".join(str(line).split()) for line in (message, *details)]
    print("\n".join(lines), file=sys.stderr)
    return code


def _target(args: argparse.Namespace) -> str:
    target = args.db or os.environ.get("AFTERSALES_DB")
    if not target:
        raise CliFailure(t("cli.no_db"), 2)
    return str(target)


def _new_file(args: argparse.Namespace) -> Path:
    """The --db of a command that creates a database: never an existing file."""
    target = _target(args)
    if is_url(target):
        raise CliFailure(t("cli.file_only", command=args.command), 2)
    path = Path(target)
    if path.exists():
        raise CliFailure(t("cli.exists", path=path))
    return path


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """A function from a module loaded only when its command runs."""
    try:
        loaded = __import__(f"aftersales.{module}", fromlist=[name])
        found: Callable[..., Any] = getattr(loaded, name)
    except (ImportError, AttributeError) as exc:
        raise CliFailure(t("cli.not_available", command=module, detail=str(exc)), 2) from exc
    return found


def _not_built(args: argparse.Namespace) -> int:
    raise CliFailure(t("cli.not_yet", command=args.command), 2)


def _build_demo(path: Path, complaints: int, seed: int, today: date | None) -> None:
    """Build a demo; without --today it is live: up to this minute of today, in the mall's time zone."""
    build_demo = _lazy("services.demo.build", "build_demo")
    until = None
    if today is None:
        local = datetime.now(SlaPolicy().zone)
        today, until = local.date(), local.time().replace(second=0, microsecond=0)
    try:
        build_demo(path, complaints, seed, today, until)
    except BaseException:
        close_database()
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise


def _demo(args: argparse.Namespace) -> int:
    path = _new_file(args)
    _build_demo(path, args.complaints, args.seed, args.today)
    print(_counted("cli.demo.done", args.complaints, path=path))
    return 0


def _init(args: argparse.Namespace) -> int:
    from .services.staff.auth import create_staff
    from .services.validation import validate
    from .store.models import Staff

    target = _target(args)
    if is_url(target):
        # A server database is made by its administrator; init adds the schema and the first admin.
        where = _shown(target)
        open_database(target, create=True)
        if Staff.select().exists():
            raise CliFailure(t("cli.init.has_staff", path=where))
    else:
        where = str(_new_file(args))
    code = args.admin_code or input(t("cli.init.ask_code"))
    name = args.admin_name or input(t("cli.init.ask_name"))
    pin = args.admin_pin
    if pin is None:
        pin = getpass.getpass(t("cli.init.ask_pin"))
        if getpass.getpass(t("cli.init.ask_pin_again")) != pin:
            raise CliFailure(t("cli.init.pin_mismatch"))
    valid = validate(StaffInput, {"code": code, "name": name, "role": "admin", "pin": pin})
    if not is_url(target):
        open_database(target, create=True)
    create_staff(Desk(), None, valid)
    print(t("cli.init.done_server" if is_url(target) else "cli.init.done", path=where, code=valid.code))
    return 0


def _check(args: argparse.Namespace) -> int:
    from .services.maintenance import check_database

    target = _target(args)
    open_database(target)
    report = check_database()
    if report.integrity:
        detail = "; ".join(" ".join(line.split()) for line in report.integrity[:3])
        print(t("cli.check.integrity_bad", detail=detail), file=sys.stderr)
    else:
        print(t("cli.check.integrity_ok"))
    if report.foreign_keys:
        print(_counted("cli.check.fk_bad", len(report.foreign_keys), first=report.foreign_keys[0]), file=sys.stderr)
    else:
        print(t("cli.check.fk_ok"))
    if report.broken_event is not None:
        key = f"cli.check.event_{report.broken_reason}"
        known = key in i18n.catalog("en")
        line = t(key, id=report.broken_event) if known else t(
            "cli.check.event_other", id=report.broken_event, reason=report.broken_reason
        )
        print(line, file=sys.stderr)
    else:
        print(_counted("cli.check.chain_ok", report.events))
    return 0 if report.ok else 1


def _backup(args: argparse.Namespace) -> int:
    from .services.maintenance import backup_database

    target = _target(args)
    open_database(target)
    size = backup_database(args.out)
    print(t("cli.backup.done", path=_shown(target), out=args.out, size=size))
    return 0


def _export(args: argparse.Namespace) -> int:
    from .services.transfer.exports import ExportFormat, export_complaints

    target = _target(args)
    suffix = args.out.suffix.lower().lstrip(".")
    fmt = ExportFormat(args.format or (suffix if suffix in ("csv", "json", "xlsx") else "csv"))
    open_database(target)
    count = export_complaints(Desk(), args.out, fmt, args.month)
    print(_counted("cli.export.done", count, out=args.out))
    return 0


def _import(args: argparse.Namespace) -> int:
    from .services.transfer.imports import import_complaints

    target = _target(args)
    code = args.user or os.environ.get("AFTERSALES_USER")
    if not code:
        raise CliFailure(t("cli.import.need_user"), 2)
    if not args.file.is_file():
        raise CliFailure(t("cli.import.no_file", path=args.file))
    open_database(target)
    result = import_complaints(Desk(), _staff(code), args.file)
    print(_counted("cli.import.done", result.created, first=result.first_number, last=result.last_number))
    return 0


def _staff(code: str) -> StaffView:
    from .store.converters import staff_view
    from .store.models import Staff

    row = Staff.get_or_none((Staff.code == code.strip()) & (Staff.active == True))  # noqa: E712
    if row is None:
        raise CliFailure(t("cli.unknown_user", code=code))
    return staff_view(row)


def _bench(args: argparse.Namespace) -> int:
    bench = _lazy("bench", "main")
    return int(bench(_target(args), args.json))


def _desk(args: argparse.Namespace) -> int:
    """No sub-command: open the TUI (on the demo database with --demo)."""
    if args.demo:
        from platformdirs import user_data_path

        path = user_data_path(PROG, ensure_exists=True) / "demo.db"
        if not path.exists():
            print(t("cli.demo.building", path=path), file=sys.stderr)
            _build_demo(path, 2000, 7, None)
        target = str(path)
    else:
        target = _target(args)
    # One clear refusal here, before the screen takes over the terminal.
    open_database(target)
    close_database()
    run_desk = _lazy("ui.run", "run_desk")
    # Without --lang the desk chooses: its settings file, else the locale.
    return int(run_desk(target, i18n.normalise_language(args.lang) or "", args.user))
