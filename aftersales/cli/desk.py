"""Opening the desk, building a demo database, and making a new database with its first admin."""

import argparse
import getpass
import sys
from datetime import date, datetime, time
from pathlib import Path

from .. import i18n
from ..domain.schemas import StaffInput
from ..domain.sla import SlaPolicy
from ..i18n import t
from ..services.context import Desk
from ..store.db import close_database, is_url
from . import common
from .common import PROG, CliFailure, Commands, count_arg, counted, day_arg, lazy, new_file, shown, target_of


def register(commands: Commands) -> None:
    demo = commands.add("demo", _demo, "build a demo database")
    demo.add_argument("--complaints", type=count_arg, default=2000)
    demo.add_argument("--seed", type=count_arg, default=7)
    demo.add_argument("--today", type=day_arg, default=None, help="YYYY-MM-DD (default: today)")
    init = commands.add("init", _init, "new database with a first admin")
    init.add_argument("--admin-code")
    init.add_argument("--admin-name")
    init.add_argument("--admin-pin")


def _build_demo(path: Path, complaints: int, seed: int, today: date | None) -> None:
    """Build a demo; without --today it is live: up to this minute of today, in the mall's time zone."""
    build_demo = lazy("demo.build", "build_demo")
    until = None
    if today is None:
        today, until = _live_moment()
    try:
        build_demo(path, complaints, seed, today, until)
    except BaseException:
        close_database()
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise


def _demo(args: argparse.Namespace) -> int:
    target = target_of(args)
    if is_url(target):
        # Built into a temporary file first, then copied into the server database.
        build_on_server = lazy("demo.server", "build_demo_on_server")
        today, until = (args.today, None) if args.today else _live_moment()
        build_on_server(target, args.complaints, args.seed, today, until)
        print(counted("cli.demo.done", args.complaints, path=shown(target)))
        return 0
    path = new_file(args)
    _build_demo(path, args.complaints, args.seed, args.today)
    print(counted("cli.demo.done", args.complaints, path=path))
    return 0


def _live_moment() -> tuple[date, time]:
    """Today and this minute in the mall's time zone: a demo without --today is live up to now."""
    local = datetime.now(SlaPolicy().zone)
    return local.date(), local.time().replace(second=0, microsecond=0)


def _init(args: argparse.Namespace) -> int:
    from ..services.staff.first_admin import StaffExists, create_first_admin
    from ..services.validation import validate
    from ..store.models import Staff

    target = target_of(args)
    if is_url(target):
        # A server database is made by its administrator; init adds the schema and the first admin.
        where = shown(target)
        common.open_database(target, create=True)
        if Staff.select().exists():
            raise CliFailure(t("cli.init.has_staff", path=where))
    else:
        where = str(new_file(args))
    code = args.admin_code or input(t("cli.init.ask_code"))
    name = args.admin_name or input(t("cli.init.ask_name"))
    pin = args.admin_pin
    if pin is None:
        pin = getpass.getpass(t("cli.init.ask_pin"))
        if getpass.getpass(t("cli.init.ask_pin_again")) != pin:
            raise CliFailure(t("cli.init.pin_mismatch"))
    valid = validate(StaffInput, {"code": code, "name": name, "role": "admin", "pin": pin})
    if not is_url(target):
        common.open_database(target, create=True)
    try:
        create_first_admin(Desk(), valid)
    except StaffExists:
        raise CliFailure(t("cli.init.has_staff", path=where)) from None
    print(t("cli.init.done_server" if is_url(target) else "cli.init.done", path=where, code=valid.code))
    return 0


def demo_database() -> str:
    """The demo database of `--demo` (in the user's data folder), built the first time it is asked for."""
    from platformdirs import user_data_path

    path = user_data_path(PROG, ensure_exists=True) / "demo.db"
    if not path.exists():
        print(t("cli.demo.building", path=path), file=sys.stderr)
        _build_demo(path, 2000, 7, None)
    return str(path)


def open_desk(args: argparse.Namespace) -> int:
    """No sub-command: open the TUI (on the demo database with --demo)."""
    target = demo_database() if args.demo else target_of(args)
    # One clear refusal here, before the screen takes over the terminal.
    common.open_database(target)
    close_database()
    run_desk = lazy("ui.run", "run_desk")
    # Without --lang the desk chooses: its settings file, else the locale.
    return int(run_desk(target, i18n.normalise_language(args.lang) or "", args.user))
