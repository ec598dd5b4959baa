"""Delivery orders on the command line: the run sheet of a day, and each move a dispatcher makes.

Commands that write act as `--user` (or AFTERSALES_USER) after its PIN (asked without echo, or
AFTERSALES_PIN for scripts); their audit events say they came from the command line.
"""

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain.errors import FieldError, InvalidInput
from ..domain.permissions import Action
from ..domain.schemas import StaffView
from ..domain.text import yuan_to_fen
from ..i18n import label, t, words
from ..services.context import Desk
from . import common
from .common import Commands, counted, day_arg, target_of

# Field of a service input → the option a user typed it in.
OPTION_OF = {
    "promised_date": "--date", "slot": "--slot", "kind": "--kind", "address": "--address",
    "contact_name": "--contact", "contact_phone": "--phone", "items": "--items", "notes": "--notes",
    "collect_fen": "--collect", "crew": "--crew", "reason": "--reason", "note": "--note",
    "satisfaction": "--satisfaction", "outcome": "--outcome",
}


def register(commands: Commands) -> None:
    export = commands.group("export", "export records to files")
    runsheet = export.add("runsheet", _runsheet, "the run sheet of one day as CSV or XLSX")
    runsheet.add_argument("--date", required=True, type=day_arg, help="YYYY-MM-DD")
    runsheet.add_argument("--out", required=True, type=Path)
    runsheet.add_argument("--format", choices=["csv", "xlsx"], default=None, help="default: from --out")
    delivery = commands.group("delivery", "delivery orders: dispatch and the dispatcher's moves")
    create = delivery.add("create", _create, "dispatch a delivery order for a complaint")
    create.add_argument("complaint", help="complaint number TS-…")
    create.add_argument("--kind", required=True, help="redeliver, replace, pickup, repair_visit, install, inspect")
    create.add_argument("--date", required=True, help="promised date YYYY-MM-DD")
    create.add_argument("--slot", required=True, help="morning, afternoon or evening")
    create.add_argument("--items", required=True)
    create.add_argument("--address", help="default: the customer's")
    create.add_argument("--contact", help="default: the customer's name")
    create.add_argument("--phone", help="default: the customer's phone")
    create.add_argument("--notes", default="")
    create.add_argument("--collect", default="", help="yuan collected on delivery")
    accept = delivery.add("accept", _accept, "accept an order: crew, and the date and slot confirmed")
    accept.add_argument("order", help="DO-…")
    accept.add_argument("--crew", required=True)
    accept.add_argument("--date", help="default: the promised date")
    accept.add_argument("--slot", help="default: the promised slot")
    crew = delivery.add("crew", _crew, "give an accepted order another crew")
    crew.add_argument("order")
    crew.add_argument("--crew", required=True)
    out = delivery.add("out", _out, "the crew left with the goods")
    out.add_argument("order")
    done = delivery.add("complete", _complete, "the order was delivered")
    done.add_argument("order")
    done.add_argument("--note", default="")
    fail = delivery.add("fail", _fail, "the run failed")
    fail.add_argument("order")
    fail.add_argument("--reason", required=True,
                      help="customer_absent, wrong_item, damaged_again, address_wrong, other")
    fail.add_argument("--note", default="")
    later = delivery.add("reschedule", _reschedule, "a new date and slot")
    later.add_argument("order")
    later.add_argument("--date", required=True)
    later.add_argument("--slot", required=True)
    later.add_argument("--note", default="")
    cancel = delivery.add("cancel", _cancel, "call the order off")
    cancel.add_argument("order")
    cancel.add_argument("--reason", required=True)


def acting(args: argparse.Namespace, action: Callable[[Desk, StaffView], Any],
           permission: Action = Action.UPDATE_DELIVERY) -> Any:
    """Open the database, check the user's PIN and `permission`, run `action`; field errors name the
    options typed."""
    actor = common.open_as(args, permission)
    try:
        return action(common.settings_desk(), actor)
    except InvalidInput as exc:
        raise InvalidInput({OPTION_OF.get(name, name): error for name, error in exc.fields.items()}) from exc


def _order_id(number: str) -> int:
    from ..services.deliveries.read import find_order

    return find_order(number).id


def _runsheet(args: argparse.Namespace) -> int:
    from ..services.deliveries.runsheet import export_runsheet
    from ..services.transfer.exports import ExportFormat

    suffix = args.out.suffix.lower().lstrip(".")
    fmt = ExportFormat(args.format or ("xlsx" if suffix == "xlsx" else "csv"))
    common.open_database(target_of(args))
    count = export_runsheet(args.date, args.out, fmt, words())
    print(counted("cli.deliveries.runsheet_done", count, day=args.date.isoformat(), out=args.out))
    return 0


def _fen(text: str) -> int:
    fen = yuan_to_fen(text)
    if fen is None:
        raise InvalidInput({"collect_fen": FieldError("detail.money_invalid")})
    return fen


def _done(order: Any) -> int:
    print(t("cli.deliveries.done", number=order.number, status=label(order.status), crew=order.crew or "—",
            date=order.promised_date.isoformat(), slot=label(order.slot)))
    return 0


def _create(args: argparse.Namespace) -> int:
    from ..services.complaints.read import find_complaint
    from ..services.deliveries.orders import create_order

    def act(desk: Desk, actor: StaffView) -> Any:
        complaint = find_complaint(args.complaint)
        data = {
            "kind": args.kind, "promised_date": args.date, "slot": args.slot, "items": args.items,
            "address": complaint.customer.address if args.address is None else args.address,
            "contact_name": complaint.customer.name if args.contact is None else args.contact,
            "contact_phone": complaint.customer.phone if args.phone is None else args.phone,
            "notes": args.notes, "collect_fen": _fen(args.collect),
        }
        return create_order(desk, actor, complaint.id, data, complaint.version)

    return _done(acting(args, act, Action.CREATE_DELIVERY))


def _accept(args: argparse.Namespace) -> int:
    from ..services.deliveries.orders import accept_order
    from ..services.deliveries.read import find_order

    def act(desk: Desk, actor: StaffView) -> Any:
        order = find_order(args.order)
        data = {"crew": args.crew, "promised_date": args.date or order.promised_date.isoformat(),
                "slot": args.slot or order.slot.value}
        return accept_order(desk, actor, order.id, data, order.version)

    return _done(acting(args, act))


def _simple(args: argparse.Namespace, service: Callable[..., Any], data: dict[str, object] | None) -> int:
    from ..services.deliveries.read import find_order

    def act(desk: Desk, actor: StaffView) -> Any:
        order = find_order(args.order)
        if data is None:
            return service(desk, actor, order.id, order.version)
        return service(desk, actor, order.id, data, order.version)

    return _done(acting(args, act))


def _crew(args: argparse.Namespace) -> int:
    from ..services.deliveries.orders import assign_crew

    return _simple(args, assign_crew, {"crew": args.crew})


def _out(args: argparse.Namespace) -> int:
    from ..services.deliveries.orders import dispatch_order

    return _simple(args, dispatch_order, None)


def _complete(args: argparse.Namespace) -> int:
    from ..services.deliveries.orders import complete_order

    return _simple(args, complete_order, {"note": args.note})


def _fail(args: argparse.Namespace) -> int:
    from ..services.deliveries.orders import fail_order

    return _simple(args, fail_order, {"reason": args.reason, "note": args.note})


def _reschedule(args: argparse.Namespace) -> int:
    from ..services.deliveries.orders import reschedule_order

    return _simple(args, reschedule_order, {"promised_date": args.date, "slot": args.slot, "note": args.note})


def _cancel(args: argparse.Namespace) -> int:
    from ..services.deliveries.orders import cancel_order

    return _simple(args, cancel_order, {"reason": args.reason})
