"""Checking, backing up and benchmarking a desk database."""

import argparse
import sys
from pathlib import Path

from .. import i18n
from ..i18n import t
from . import common
from .common import Commands, counted, lazy, shown, target_of


def register(commands: Commands) -> None:
    commands.add("check", _check, "integrity of pages, references and the audit chain")
    backup = commands.add("backup", _backup, "consistent copy of a live database")
    backup.add_argument("--out", required=True, type=Path)
    bench = commands.add("bench", _bench, "performance figures on this machine")
    bench.add_argument("--json", action="store_true")


def _check(args: argparse.Namespace) -> int:
    from ..services.maintenance import check_database

    target = target_of(args)
    common.open_database(target)
    report = check_database()
    if not report.pages_checked:
        print(t("cli.check.integrity_na"))
    elif report.integrity:
        detail = "; ".join(" ".join(line.split()) for line in report.integrity[:3])
        print(t("cli.check.integrity_bad", detail=detail), file=sys.stderr)
    else:
        print(t("cli.check.integrity_ok"))
    if report.foreign_key_error:
        print(t("cli.check.fk_unreadable", detail=report.foreign_key_error), file=sys.stderr)
    elif report.foreign_keys:
        print(counted("cli.check.fk_bad", len(report.foreign_keys), first=report.foreign_keys[0]), file=sys.stderr)
    else:
        print(t("cli.check.fk_ok"))
    if report.chain_error:
        print(t("cli.check.chain_unreadable", detail=report.chain_error), file=sys.stderr)
    elif report.broken_event is not None:
        key = f"cli.check.event_{report.broken_reason}"
        known = key in i18n.catalog("en")
        line = t(key, id=report.broken_event) if known else t(
            "cli.check.event_other", id=report.broken_event, reason=report.broken_reason
        )
        print(line, file=sys.stderr)
    else:
        print(counted("cli.check.chain_ok", report.events))
    for copy in report.altered_copies:
        print(t("cli.check.copy_altered", register=copy), file=sys.stderr)
    for stored in report.altered_attachments:
        print(t("cli.check.attachment_altered", file=stored), file=sys.stderr)
    return 0 if report.ok else 1


def _backup(args: argparse.Namespace) -> int:
    from ..services.maintenance import backup_database

    target = target_of(args)
    common.open_database(target)
    size = backup_database(args.out)
    print(t("cli.backup.done", path=shown(target), out=args.out, size=size))
    return 0


def _bench(args: argparse.Namespace) -> int:
    bench = lazy("bench", "main")
    return int(bench(target_of(args), args.json))


