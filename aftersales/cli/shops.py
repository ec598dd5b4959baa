"""`aftersales shops`: list, add, edit, deactivate, reactivate and import shops (a team lead or the admin)."""

import argparse
from functools import partial
from pathlib import Path

from ..domain.enums import ShopCategory
from ..domain.errors import InvalidInput
from ..domain.permissions import Action
from ..i18n import label, t, words
from . import common
from .common import CliFailure, Commands, counted, target_of

DETAILS = ("name", "brand", "unit", "category", "contact", "phone")


def register(commands: Commands) -> None:
    shops = commands.group("shops", "the mall's shops (a team lead or the admin)")
    listing = shops.add("list", _list, "every shop: code, name, brand, unit, category, contact, phone, active or not")
    listing.add_argument("--active", action="store_true", help="only shops that take complaints")
    add = shops.add("add", _add, "add a shop")
    add.add_argument("code")
    add.add_argument("--name", required=True)
    add.add_argument("--category", required=True, help="code or label, e.g. furniture or 家具")
    _detail_options(add)
    edit = shops.add("edit", _edit, "change a shop's details (options not given stay as they are)")
    edit.add_argument("code")
    edit.add_argument("--name")
    edit.add_argument("--category")
    _detail_options(edit)
    off = shops.add("deactivate", partial(_set_active, active=False), "stop a shop taking new complaints (its history stays)")
    off.add_argument("code")
    on = shops.add("activate", partial(_set_active, active=True), "let a deactivated shop take complaints again")
    on.add_argument("code")
    imp = shops.add("import", _import, "add every shop of a CSV or XLSX file, or none")
    imp.add_argument("file", type=Path)
    from .scorecard import register_scorecard

    register_scorecard(shops)


def _detail_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--brand", help="the brand the shop sells (empty: its name)")
    parser.add_argument("--unit", help="floor and unit, e.g. A-101")
    parser.add_argument("--contact")
    parser.add_argument("--phone")


def _category(text: str) -> str:
    from ..services.transfer.columns import CellRefused, parse_enum

    try:
        return parse_enum(ShopCategory, text, words()).value
    except CellRefused as exc:
        raise InvalidInput({"category": exc.error}) from exc


def _list(args: argparse.Namespace) -> int:
    from ..services.shops.directory import shop_directory

    common.open_database(target_of(args))
    entries = shop_directory(include_inactive=not args.active)
    header = [t(f"cli.shops.col.{name}") for name in ("code", *DETAILS, "state")]
    rows = [[e.code, e.name, e.brand, e.unit, label(e.category), e.contact, e.phone,
             t("cli.state.active" if e.active else "cli.state.inactive")] for e in entries]
    common.print_table(header, rows)
    return 0


def _add(args: argparse.Namespace) -> int:
    from ..services.context import Desk
    from ..services.shops.directory import add_shop

    actor = common.open_as(args, Action.MANAGE_SHOPS)
    data = {name: getattr(args, name) for name in DETAILS if getattr(args, name) is not None}
    data["category"] = _category(args.category)
    entry = add_shop(Desk(), actor, {"code": args.code, **data})
    print(t("cli.shops.added", code=entry.code, name=entry.name))
    return 0


def _edit(args: argparse.Namespace) -> int:
    from ..services.context import Desk
    from ..services.shops.directory import edit_shop, shop_directory

    actor = common.open_as(args, Action.MANAGE_SHOPS)
    current = {entry.code: entry for entry in shop_directory()}.get(args.code.strip())
    data: dict[str, object] = {name: getattr(current, name) for name in DETAILS} if current else {}
    data.update({name: getattr(args, name) for name in DETAILS if getattr(args, name) is not None})
    if args.category is not None:
        data["category"] = _category(args.category)
    entry = edit_shop(Desk(), actor, args.code, data, None)
    print(t("cli.shops.edited", code=entry.code, name=entry.name))
    return 0


def _set_active(args: argparse.Namespace, active: bool) -> int:
    from ..services.context import Desk
    from ..services.shops.directory import set_shop_active

    actor = common.open_as(args, Action.MANAGE_SHOPS)
    entry = set_shop_active(Desk(), actor, args.code, active, None)
    print(t("cli.shops.activated" if active else "cli.shops.deactivated", code=entry.code, name=entry.name))
    return 0



def _import(args: argparse.Namespace) -> int:
    from ..services.context import Desk
    from ..services.shops.imports import import_shops

    if not args.file.is_file():
        raise CliFailure(t("cli.import.no_file", path=args.file))
    actor = common.open_as(args, Action.MANAGE_SHOPS)
    result = import_shops(Desk(), actor, args.file, words())
    print(counted("cli.shops.imported", result.created, first=result.first_number, last=result.last_number))
    return 0
