"""The `aftersales` command: open the desk, or run one task and exit.

Each subject's commands live in a module of this package with a `register(commands)` function;
`build_parser` calls them in COMMAND_MODULES order.
"""

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence

from peewee import PeeweeException

from .. import i18n
from ..domain.errors import DeskError, InvalidInput, StorageError
from ..i18n import error_details, error_text, field_texts, t
from ..services.audit import COMMAND_LINE, events_from
from ..store.db import close_database
from ..store.errors import DatabaseRefused
from ..store.masking import redact
from . import (
    attachments,
    callbacks,
    deliveries,
    desk,
    documents,
    escalations,
    maintenance,
    money,
    payroll,
    reports,
    serve,
    shops,
    staff,
    transfer,
)
from .common import PROG, CliFailure, Commands, Parser, fail, lang_in, shown

COMMAND_MODULES = [desk, maintenance, transfer, staff, shops, documents, payroll, deliveries, callbacks, money, attachments, reports, escalations, serve]


def build_parser() -> argparse.ArgumentParser:
    """Global options, then one sub-command per task."""
    parser = Parser(prog=PROG, description="After-sales service desk of a furniture and building-materials mall.")
    parser.add_argument("--db", help="database file or postgresql:// URL (default: $AFTERSALES_DB)")
    parser.add_argument("--lang", choices=["zh", "en"], help="language of the desk and of messages")
    parser.add_argument("--user", help="staff code (the desk's login; the user a command acts as)")
    parser.add_argument("--demo", action="store_true", help="open the desk on a demo database")
    commands = Commands(parser)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 refused, 2 usage or unavailable)."""
    argv = sys.argv[1:] if argv is None else argv
    i18n.set_language(i18n.detect_language(lang_in(argv)))
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, or a usage mistake already reported in one line
        return exc.code if isinstance(exc.code, int) else 0
    args.language = i18n.detect_language(args.lang)
    i18n.set_language(args.language)
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", desk.open_desk)
    target = args.db or os.environ.get("AFTERSALES_DB") or ""

    def refuse(message: str, code: int = 1, details: Sequence[str] = ()) -> int:
        # Whatever the driver or a message quoted, a server URL's password is never printed.
        return fail(redact(str(message), target), code, [redact(str(line), target) for line in details])

    try:
        with events_from(COMMAND_LINE):
            return handler(args)
    except CliFailure as exc:
        return refuse(str(exc), exc.code)
    except DatabaseRefused as exc:
        return refuse(str(exc))
    except InvalidInput as exc:
        fields = [t("cli.field", name=name, message=message) for name, message in field_texts(exc.fields).items()]
        return refuse("; ".join(fields) or error_text(exc))
    except StorageError as exc:
        # No screen keeps typed text here: say that the command's change was not saved.
        return refuse(error_text(exc, key="cli.storage"))
    except DeskError as exc:
        return refuse(error_text(exc), details=error_details(exc))
    except OSError as exc:
        return refuse(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    except (KeyboardInterrupt, EOFError):
        return refuse(t("cli.interrupted"), 130)
    except (PeeweeException, sqlite3.Error, UnicodeDecodeError) as exc:
        # A damaged page can pass the cheap header check and fail on first read.
        where = shown(target or "database")
        return refuse(t("cli.database_error", path=where, detail=str(exc)))
    except Exception as exc:
        if os.environ.get("AFTERSALES_DEBUG"):
            raise
        return refuse(t("cli.unexpected", kind=type(exc).__name__, detail=exc))
    finally:
        close_database()
