"""`aftersales report monthly` and `aftersales report verify`: the register for finance and its hand-over."""

import argparse
import sys
from pathlib import Path
from typing import Any

from ..domain.permissions import Action
from ..i18n import t, words
from . import common
from .common import CliFailure, report_font, target_of


def register_commands(group: Any) -> None:
    monthly = group.add("monthly", _monthly, "the monthly after-sales register for finance (PDF or XLSX)")
    monthly.add_argument("month", help="YYYY-MM")
    monthly.add_argument("--out", type=Path, required=True, help="new .pdf or .xlsx file")
    monthly.add_argument("--hand-over", action="store_true",
                         help="record the file as handed over to finance (lead or manager, --user)")
    verify = group.add("verify", _verify, "is this file the register handed over?")
    verify.add_argument("file", type=Path)


class _Bar:
    """A progress bar on stderr when it is a terminal; nothing in scripts."""

    def __init__(self) -> None:
        self.shown = sys.stderr.isatty()
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.shown or not total:
            return
        filled = 30 * done // total
        if filled == self.last and done != total:
            return
        self.last = filled
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _monthly(args: argparse.Namespace) -> int:
    from ..services.reports.register import register_format, register_month, write_register

    desk = common.settings_desk()
    register_format(args.out)
    register_month(desk, args.month)
    if args.out.exists():
        raise CliFailure(t("cli.export.exists", path=args.out))
    font = report_font() if args.out.suffix.lower() == ".pdf" else None
    if args.hand_over:
        actor = common.open_as(args, Action.HAND_OVER_REGISTER)
    else:
        common.open_database(target_of(args))
    if args.hand_over:
        from ..services.reports.handover import hand_over_register

        # Every refusal comes before the file is written; a late one takes the file away again.
        written, done = hand_over_register(desk, actor, args.month, args.out, words(), progress=_Bar(), font=font)
        _written_line(written)
        print(t("cli.report.handed_over", month=done.month, by=done.handed_by))
        return 0
    _written_line(write_register(desk, args.month, args.out, words(), progress=_Bar(), font=font))
    return 0


def _written_line(written: Any) -> None:
    totals = written.totals
    if written.reprint_of is not None:
        day = f"{written.reprint_of.astimezone(common.settings_desk().sla.zone):%Y-%m-%d}"
        print(t("cli.report.reprinted", out=written.path, month=totals.month, by=written.handed_by, day=day,
                sha256=written.sha256))
        return
    print(t("cli.report.register_written", out=written.path, month=totals.month, lines=totals.lines,
            sha256=written.sha256))


def _verify(args: argparse.Namespace) -> int:
    from ..services.reports.handover import verify_file

    if args.file.is_dir():
        raise CliFailure(t("cli.report.is_directory", path=args.file))
    if not args.file.is_file():
        raise CliFailure(t("cli.report.no_file", path=args.file))
    desk = common.settings_desk()
    common.open_database(target_of(args))
    found = verify_file(args.file)
    if found is None:
        print(t("cli.report.not_handed_over", path=args.file))
        return 1
    day = f"{found.handed_at.astimezone(desk.sla.zone):%Y-%m-%d %H:%M}"
    print(t("cli.report.verified", path=args.file, month=found.month, by=found.handed_by, at=day,
            lines=found.totals.lines))
    return 0
