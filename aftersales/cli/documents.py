"""`aftersales documents`: look up a number, move a range (a team lead or manager), the stock report."""

import argparse
from pathlib import Path

from ..domain.documents.enums import DocumentKind, DocumentMove
from ..domain.permissions import Action
from ..i18n import label, t, words
from . import common
from .common import Commands, target_of


def register(commands: Commands) -> None:
    documents = commands.group("documents", "sales contract forms, receipt books and price tags")
    look = documents.add("lookup", _lookup, "which shop had a number, and when (HT…, XS…, JQ… or bare digits)")
    look.add_argument("number")
    move = documents.add("move", _move, "receive, issue, return, use, void or lose a range of numbers")
    move.add_argument("kind", choices=[k.value for k in DocumentKind])
    move.add_argument("move", choices=[m.value for m in DocumentMove])
    move.add_argument("first")
    move.add_argument("last", nargs="?", default="")
    move.add_argument("--shop", default="", help="the shop's code (issue, return, use; void or lose by a shop)")
    move.add_argument("--note", default="")
    stock = documents.add("stock", _stock, "numbers per kind and holder, by state")
    stock.add_argument("--kind", choices=[k.value for k in DocumentKind])
    stock.add_argument("--out", type=Path, help="write a new .csv or .xlsx file instead of printing")


def _when(value: object) -> str:
    from ..services.context import Desk

    zone = Desk().sla.zone
    return f"{value.astimezone(zone):%Y-%m-%d %H:%M}" if hasattr(value, "astimezone") else str(value)


def _lookup(args: argparse.Namespace) -> int:
    from ..services.documents.read import lookup_number

    common.open_database(target_of(args))
    found = lookup_number(args.number)
    if not found:
        raise common.CliFailure(t("documents.cli.none", number=args.number.strip()))
    for answer in found:
        holder = f"{answer.shop_code} {answer.shop_name}".strip()
        if holder:
            print(t("documents.lookup.held", written=answer.written, state=label(answer.state), shop=answer.shop_code,
                    name=answer.shop_name, since=_when(answer.since)))
        else:
            print(t("documents.lookup.state", written=answer.written, state=label(answer.state)))
        for step in answer.history:
            print(t("documents.cli.history", at=_when(step.at), move=label(step.move), shop=step.shop_code or "-",
                    numbers=step.written))
    return 0


def _move(args: argparse.Namespace) -> int:
    from ..services.context import Desk
    from ..services.documents.moves import move_documents

    actor = common.open_as(args, Action.MANAGE_DOCUMENTS)
    done = move_documents(Desk(), actor, {"kind": args.kind, "move": args.move, "first": args.first,
                                          "last": args.last, "shop_code": args.shop, "note": args.note})
    print(t("documents.cli.moved", move=label(done.move), numbers=done.written, count=done.count, shop=done.shop_code))
    return 0


def _stock(args: argparse.Namespace) -> int:
    from ..services.documents.read import stock_report
    from ..services.documents.stock_file import StockFormat, stock_rows, write_stock

    common.open_database(target_of(args))
    lines = stock_report(DocumentKind(args.kind) if args.kind else None)
    if args.out is not None:
        fmt = StockFormat.XLSX if args.out.suffix.lower() == ".xlsx" else StockFormat.CSV
        count = write_stock(lines, args.out, fmt, words())
        print(t("documents.cli.exported", count=count, path=args.out))
        return 0
    rows = stock_rows(lines, words())
    common.print_table([str(c) for c in rows[0]], [[str(c) for c in row] for row in rows[1:]])
    return 0
