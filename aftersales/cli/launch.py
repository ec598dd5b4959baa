"""The short path of `aftersales [--db PATH] [--lang zh|en] [--user CODE]`: check the file, show the login.

Only the standard library, the message catalogs and the file's header check load before the desk's
first screen; the database itself is opened while the PIN is typed. Anything else on the command line
(a sub-command, --demo, --help, a server URL, a mistake) takes the full parser instead.
"""

import importlib
import os
import sys
from pathlib import Path

from .. import i18n
from ..store.errors import DatabaseRefused
from ..store.target import is_url, precheck_file

_VALUED = ("--db", "--lang", "--user")


def desk_options(argv: list[str]) -> dict[str, str] | None:
    """`--db`, `--lang` and `--user` of a command line that only opens the desk, else None."""
    found: dict[str, str] = {}
    args = iter(argv)
    for arg in args:
        name, equals, value = arg.partition("=")
        if name not in _VALUED or name in found:
            return None
        if not equals:
            value = next(args, "")
        if not value or value.startswith("-"):
            return None
        found[name] = value
    if found.get("--lang", "zh") not in ("zh", "en"):
        return None
    return found


def open_desk_quickly(argv: list[str] | None = None) -> int | None:
    """Open the desk on a SQLite file and return its exit status, or None to take the full parser."""
    options = desk_options(sys.argv[1:] if argv is None else list(argv))
    target = None if options is None else options.get("--db") or os.environ.get("AFTERSALES_DB")
    if options is None or not target or is_url(target):
        return None
    language = options.get("--lang")
    i18n.set_language(i18n.detect_language(language))
    try:
        # A file that is no desk database is refused in one line before the screen takes over.
        precheck_file(Path(target))
    except DatabaseRefused as exc:
        print(" ".join(str(exc).split()), file=sys.stderr)
        return 1
    run_desk = importlib.import_module("aftersales.ui.run").run_desk
    return int(run_desk(target, i18n.normalise_language(language) or "", options.get("--user")))
