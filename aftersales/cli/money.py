"""Money on the command line: a complaint's entries, and a correction written as a new entry today (an
amendment when it corrects a month already handed over)."""

import argparse

from ..domain.errors import FieldError, InvalidInput
from ..domain.money import MoneyKind
from ..domain.permissions import Action
from ..domain.schemas import StaffView
from ..domain.text import signed_yuan_to_fen
from ..i18n import label, t
from ..services.context import Desk
from . import common
from .common import Commands, target_of
from .deliveries import acting


def register(commands: Commands) -> None:
    money = commands.group("money", "money entries of a complaint: payments, refunds, collections, corrections")
    entries = money.add("entries", _entries, "a complaint's money entries, oldest first")
    entries.add_argument("complaint", help="complaint number TS-…")
    correct = money.add("correct", _correct, "correct a complaint's money by a new entry dated today")
    correct.add_argument("complaint", help="complaint number TS-…")
    correct.add_argument("--kind", required=True, choices=[kind.value for kind in MoneyKind])
    correct.add_argument("--amount", required=True, help="signed yuan to add, e.g. -20.00 to take 20 yuan back")
    correct.add_argument("--amends", default=None,
                         help="YYYY-MM: the month handed over to finance that this corrects (an amendment)")
    correct.add_argument("--note", required=True, help="why the money is corrected")


def _entries(args: argparse.Namespace) -> int:
    from ..services.complaints.read import find_complaint
    from ..services.money.entries import entries_of
    from ..services.reports.tables import yuan

    common.open_database(target_of(args))
    complaint = find_complaint(args.complaint)
    rows = entries_of(complaint.id)
    for row in rows:
        amends = " " + t("cli.money.amends", month=row.amends) if row.amends else ""
        print(f"{row.day:%Y-%m-%d}  {label(row.kind):<8}  {yuan(row.amount_fen):>12}{amends}  {row.note}")
    print(t("cli.money.count", count=len(rows), number=complaint.number))
    return 0


def _correct(args: argparse.Namespace) -> int:
    from ..services.complaints.read import find_complaint
    from ..services.money.entries import record_correction
    from ..services.reports.tables import yuan

    fen = signed_yuan_to_fen(args.amount)
    if fen is None:
        raise InvalidInput({"amount": FieldError("detail.money_invalid")})

    def act(desk: Desk, actor: StaffView) -> object:
        complaint = find_complaint(args.complaint)
        return record_correction(desk, actor, complaint.id, {"kind": args.kind, "amount_fen": fen,
                                                             "amends": args.amends, "note": args.note})

    entry = acting(args, act, Action.CORRECT_MONEY)
    key = "cli.money.amendment" if entry.amends else "cli.money.corrected"
    print(t(key, number=args.complaint, kind=label(entry.kind), amount=yuan(entry.amount_fen),
            day=f"{entry.day:%Y-%m-%d}", month=entry.amends or ""))
    return 0
