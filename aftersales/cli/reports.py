"""`aftersales report`: a period's figures for scripts, report tables for other departments, and the monthly
register for finance with its hand-over and verification."""

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import t, words
from . import common
from .common import CliFailure, Commands, counted, print_table, settings_desk, target_of
from .quality_terms import register_commands as register_quality_terms

if TYPE_CHECKING:
    from ..domain.reports.figures import ReportView


def register(commands: Commands) -> None:
    group = commands.group("report", "reports for other departments and the monthly register for finance")
    summary = group.add("summary", _summary, "a period's figures (table, or --json for scripts)")
    _period_options(summary)
    summary.add_argument("--json", action="store_true", help="print the figures as JSON")
    export = group.add("export", _export, "write one report table to a CSV (BOM) or XLSX file")
    export.add_argument("table", help="summary, by_category, by_shop_category, by_channel, by_remedy, "
                                      "top_products, top_brands, sla_by_month, sla_by_severity, sla_by_shop, "
                                      "escalations, callbacks")
    _period_options(export)
    export.add_argument("--out", type=Path, required=True, help="new .csv or .xlsx file")
    from .quality import register_commands as register_signals
    from .quality_brief import register_commands as brief_commands
    from .register import register_commands

    register_commands(group)
    register_signals(group)
    brief_commands(group)
    register_quality_terms(group)


def _period_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, help="YYYY-MM, YYYY-Qn, YYYY or YYYY-MM-DD..YYYY-MM-DD")
    parser.add_argument("--shop", help="only this shop (code)")
    parser.add_argument("--shop-category", help="only shops of this category (furniture, tiles, ...)")
    parser.add_argument("--category", help="only complaints of this category (product_quality, ...)")


def _load(args: argparse.Namespace) -> "ReportView":
    from ..domain.reports.period import parse_period
    from ..services.reports.summary import filters_for, load_report

    desk = settings_desk()
    period = parse_period(args.period)
    common.open_database(target_of(args))
    filters = filters_for(args.shop, args.shop_category, args.category)
    return load_report(desk, period, filters)


def _summary(args: argparse.Namespace) -> int:
    from ..services.reports.summary import report_json
    from ..services.reports.tables import shown, summary_table

    view = _load(args)
    if args.json:
        print(json.dumps(report_json(view), ensure_ascii=False, indent=2))
        return 0
    table = summary_table(view, words())
    zone = settings_desk().sla.zone
    measured_at = view.current.measured_at
    moment = "—" if measured_at is None else f"{measured_at.astimezone(zone):%Y-%m-%d %H:%M}"
    print(t("reports.measured_at", title=table.title, moment=moment))
    # The change keeps its sign: a rise and a fall read apart at a glance.
    print_table(table.columns, [[*(shown(cell) for cell in row[:-1]),
                                 shown(row[-1]) if row[-1] is None else f"{row[-1]:+.1f}"] for row in table.rows])
    return 0


def _export(args: argparse.Namespace) -> int:
    from ..services.reports.exports import export_table, file_format
    from ..services.reports.tables import TABLE_NAMES, report_tables

    if args.table not in TABLE_NAMES:
        raise CliFailure(t("cli.report.unknown_table", table=args.table, tables=", ".join(TABLE_NAMES)), 2)
    file_format(args.out)
    if args.out.exists():
        raise CliFailure(t("cli.export.exists", path=args.out))
    view = _load(args)
    table = next(table for table in report_tables(view, words()) if table.name == args.table)
    count = export_table(table, args.out)
    print(counted("cli.report.exported", count, out=args.out, table=table.title))
    return 0
