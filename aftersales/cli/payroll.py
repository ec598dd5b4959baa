"""`aftersales payroll YYYY-MM`: a month's penalty deductions for finance, and finalising the month."""

import argparse
from pathlib import Path

from ..domain.penalties.months import parse_month
from ..domain.penalties.schemas import PayrollReport
from ..domain.permissions import Action
from ..i18n import t, words
from . import common
from .common import CliFailure, Commands, counted, settings_desk, target_of

FORMATS = ("csv", "xlsx")


def register(commands: Commands) -> None:
    payroll = commands.add("payroll", _payroll, "penalty deductions of a payroll month, for finance")
    payroll.add_argument("month", help="YYYY-MM")
    payroll.add_argument("--out", type=Path, help="write the month to a new CSV or XLSX file")
    payroll.add_argument("--format", choices=FORMATS, default=None, help="default: from --out, else csv")
    payroll.add_argument("--final", action="store_true",
                         help="mark the month's entries deducted and lock the month (lead or manager, --user)")


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = args.out.suffix.lower().lstrip(".") if args.out else ""
    if args.out and suffix not in FORMATS:
        raise CliFailure(t("cli.payroll.unknown_suffix", path=args.out), 2)
    return suffix or "csv"


def _payroll(args: argparse.Namespace) -> int:
    from ..services.penalties.payroll import finalise_month, payroll_report
    from ..services.penalties.payroll_files import PayrollFormat, write_payroll

    desk = settings_desk()
    month = parse_month(args.month)
    fmt = _format(args)
    if args.out is not None and args.out.exists():  # refused before anything is finalised
        raise CliFailure(t("penalties.error.file_exists", path=args.out))
    common.open_database(target_of(args))
    if args.final:
        report = finalise_month(desk, common.authenticate(args, Action.FINALISE_PAYROLL), month)
    else:
        report = payroll_report(desk, None, month)
    if args.out is not None:
        count = write_payroll(report, args.out, PayrollFormat(fmt), desk.penalties, words())
        print(counted("cli.payroll.written", count, out=args.out, month=month))
    else:
        print(_table(report))
    if args.final:
        print(t("cli.payroll.finalised", month=month, total=_yuan(report.total_fen)))
    return 0


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}¥{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


def _pad(text: str, width: int) -> str:
    """`text` padded to `width` terminal cells (a Chinese character takes two)."""
    from rich.cells import cell_len

    return text + " " * max(0, width - cell_len(text))


def _table(report: PayrollReport) -> str:
    """The month on the terminal: a line per person with their entries and total, then the month's total."""
    from ..services.penalties.payroll_files import subject_name

    state = t("cli.payroll.final", by=report.finalised_by or "?") if report.final else t("cli.payroll.open")
    lines = [t("cli.payroll.title", month=report.month, state=state)]
    for person in report.people:
        who = f"{person.subject.code} {subject_name(person.subject, words())}".strip()
        entries = counted("cli.payroll.entries", len(person.lines))
        lines.append(f"  {_pad(who, 24)} {_pad(entries, 10)} {_yuan(person.total_fen):>12}")
    count = sum(len(person.lines) for person in report.people)
    lines.append(counted("cli.payroll.total", count, total=_yuan(report.total_fen)))
    return "\n".join(lines)
