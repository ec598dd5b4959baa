"""`aftersales report brief`: the monthly market-information brief for the other departments (PDF or XLSX)."""

import argparse
from pathlib import Path
from typing import Any

from ..i18n import t, words
from . import common
from .common import CliFailure, report_font, target_of


def register_commands(group: Any) -> None:
    brief = group.add("brief", _brief, "the monthly market-information brief: signals, Pareto, emerging terms")
    brief.add_argument("--period", required=True, help="YYYY-MM")
    brief.add_argument("--out", type=Path, required=True, help="new .pdf or .xlsx file")
    brief.add_argument("--format", choices=("pdf", "xlsx"), help="default: by the file's ending")


def _brief(args: argparse.Namespace) -> int:
    from ..services.quality.brief import write_brief

    fmt = args.format or args.out.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "xlsx"):
        raise CliFailure(t("quality_brief.error.format", path=args.out))
    if args.out.exists():
        raise CliFailure(t("cli.export.exists", path=args.out))
    font = report_font() if fmt == "pdf" else None
    common.open_database(target_of(args))
    written = write_brief(args.period, args.out, fmt, words(), font=font)
    print(t("quality_view.brief.written", path=written))
    return 0
