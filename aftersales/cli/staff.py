"""`aftersales staff`: list, add, edit, deactivate, reactivate staff and reset a PIN (admin)."""

import argparse
from functools import partial

from ..domain.enums import Role
from ..domain.permissions import Action
from ..i18n import label, t
from . import common
from .common import Commands, target_of

ROLES = [role.value for role in Role]


def register(commands: Commands) -> None:
    staff = commands.group("staff", "the desk's staff (admin)")
    listing = staff.add("list", _list, "every staff member: code, name, role, active or not")
    listing.add_argument("--active", action="store_true", help="only those who can log in")
    add = staff.add("add", _add, "add a staff member (asks for their first PIN)")
    add.add_argument("code")
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--pin", help="their first PIN (default: asked twice, or AFTERSALES_NEW_PIN)")
    edit = staff.add("edit", _edit, "change a staff member's name or role")
    edit.add_argument("code")
    edit.add_argument("--name")
    edit.add_argument("--role", choices=ROLES)
    off = staff.add("deactivate", partial(_set_active, active=False), "stop a staff member logging in (their history stays)")
    off.add_argument("code")
    on = staff.add("activate", partial(_set_active, active=True), "let a deactivated staff member log in again")
    on.add_argument("code")
    reset = staff.add("reset-pin", _reset_pin, "give a staff member a new PIN and lift a lockout")
    reset.add_argument("code")
    reset.add_argument("--pin", help="the new PIN (default: asked twice, or AFTERSALES_NEW_PIN)")


def _list(args: argparse.Namespace) -> int:
    from ..services.staff.directory import staff_directory

    common.open_database(target_of(args))
    entries = [entry for entry in staff_directory() if entry.active or not args.active]
    header = [t("cli.staff.col.code"), t("cli.staff.col.name"), t("cli.staff.col.role"), t("cli.staff.col.state")]
    rows = [[e.code, e.name, label(e.role), t("cli.state.active" if e.active else "cli.state.inactive")]
            for e in entries]
    common.print_table(header, rows)
    return 0


def _add(args: argparse.Namespace) -> int:
    from ..services.context import Desk
    from ..services.staff.directory import add_staff

    actor = common.open_as(args, Action.MANAGE_STAFF)
    pin = common.new_pin(args, args.code)
    entry = add_staff(Desk(), actor, {"code": args.code, "name": args.name, "role": args.role, "pin": pin})
    print(t("cli.staff.added", code=entry.code, name=entry.name, role=label(entry.role)))
    return 0


def _edit(args: argparse.Namespace) -> int:
    from ..services.context import Desk
    from ..services.staff.directory import edit_staff, staff_directory

    actor = common.open_as(args, Action.MANAGE_STAFF)
    current = {entry.code: entry for entry in staff_directory()}.get(args.code.strip())
    name = args.name if args.name is not None else (current.name if current else "")
    role = args.role or (current.role.value if current else "")
    entry = edit_staff(Desk(), actor, args.code, {"name": name, "role": role}, None)
    print(t("cli.staff.edited", code=entry.code, name=entry.name, role=label(entry.role)))
    return 0


def _set_active(args: argparse.Namespace, active: bool) -> int:
    from ..services.context import Desk
    from ..services.staff.directory import set_staff_active

    actor = common.open_as(args, Action.MANAGE_STAFF)
    entry = set_staff_active(Desk(), actor, args.code, active, None)
    print(t("cli.staff.activated" if active else "cli.staff.deactivated", code=entry.code, name=entry.name))
    return 0



def _reset_pin(args: argparse.Namespace) -> int:
    from ..services.context import Desk
    from ..services.staff.directory import reset_pin

    actor = common.open_as(args, Action.MANAGE_STAFF)
    entry = reset_pin(Desk(), actor, args.code, {"pin": common.new_pin(args, args.code.strip())})
    print(t("cli.staff.pin_reset", code=entry.code, name=entry.name))
    return 0
