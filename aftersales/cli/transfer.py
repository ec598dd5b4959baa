"""Exporting complaints to CSV, JSON or XLSX, and importing them all or nothing."""

import argparse
from pathlib import Path

from ..domain.permissions import Action
from ..i18n import t, words
from . import common
from .common import CliFailure, Commands, counted, settings_desk, target_of


def register(commands: Commands) -> None:
    export = commands.group("export", "export records to files")
    complaints = export.add("complaints", _export, "export complaints to CSV, JSON or XLSX")
    complaints.add_argument("--format", choices=["csv", "json", "xlsx"], default=None, help="default: from --out")
    complaints.add_argument("--out", required=True, type=Path)
    complaints.add_argument("--month", help="YYYY-MM, by local creation time")
    imp = commands.group("import", "validated all-or-nothing imports")
    complaints = imp.add("complaints", _import, "validated all-or-nothing import of complaints")
    complaints.add_argument("file", type=Path)


def _export(args: argparse.Namespace) -> int:
    from ..services.transfer.exports import ExportFormat, export_complaints

    target = target_of(args)
    suffix = args.out.suffix.lower().lstrip(".")
    fmt = ExportFormat(args.format or (suffix if suffix in ("csv", "json", "xlsx") else "csv"))
    common.open_database(target)
    count = export_complaints(settings_desk(), args.out, fmt, args.month)
    print(counted("cli.export.done", count, out=args.out))
    return 0


def _import(args: argparse.Namespace) -> int:
    from ..services.transfer.imports import import_complaints

    target_of(args)  # no --db is a usage mistake, reported before the file is looked at
    if not args.file.is_file():
        raise CliFailure(t("cli.import.no_file", path=args.file))
    actor = common.open_as(args, Action.IMPORT)
    result = import_complaints(settings_desk(), actor, args.file, words())
    print(counted("cli.import.done", result.created, first=result.first_number, last=result.last_number))
    return 0
