"""Call-backs on the command line: what is due today, recording a call, closing after three unreachable days."""

import argparse
from typing import Any

from ..domain.callbacks import CallbackStatus
from ..domain.permissions import Action
from ..domain.schemas import StaffView
from ..i18n import label, t
from ..services.context import Desk
from . import common
from .common import CliFailure, Commands
from .deliveries import acting


def register(commands: Commands) -> None:
    callback = commands.group("callback", "call-backs to customers")
    due = callback.add("due", _due, "call-backs due today, overdue first (yours, or everyone's with --all)")
    due.add_argument("--all", action="store_true", help="every operator's, not only --user's")
    record = callback.add("record", _record, "record one call to the customer of a complaint")
    record.add_argument("complaint", help="complaint number TS-…")
    record.add_argument("--outcome", required=True, help="satisfied, partly_satisfied, unsatisfied, unreachable")
    record.add_argument("--satisfaction", default=None, help="1 to 5 when the customer was reached")
    record.add_argument("--note", default="", help="what the customer said (the reason when unsatisfied)")
    record.add_argument("--solved", action="store_true",
                        help="on a delivery's call-back: the delivery solved the problem, so resolve and close now")
    close = callback.add("close", _close, "close a complaint whose customer was unreachable on three days")
    close.add_argument("complaint", help="complaint number TS-…")


def _due(args: argparse.Namespace) -> int:
    from ..services.callbacks.read import due_callbacks

    actor = common.open_as(args, Action.CALLBACK)
    desk = common.settings_desk()
    rows = due_callbacks(actor, desk.clock(), desk.sla.zone, everyone=args.all)
    now = desk.clock()
    for row in rows:
        due = row.due_at.astimezone(desk.sla.zone).strftime("%m-%d %H:%M")
        late = " " + t("cli.callbacks.overdue") if row.due_at < now else ""
        print(f"{due}{late}  {row.complaint_number}  {row.customer_name} {row.phone}  {label(row.purpose)}"
              f"  {row.assignee_code or '—'}")
    print(t("cli.callbacks.due_count", count=len(rows)))
    return 0


def _pending_of(number: str, desk: Desk) -> Any:
    from ..services.callbacks.read import pending_callback
    from ..services.complaints.read import find_complaint

    complaint = find_complaint(number)
    callback = pending_callback(complaint.id, desk.sla.zone)
    if callback is None:
        raise CliFailure(t("cli.callbacks.none_pending", number=complaint.number))
    return callback


def _record(args: argparse.Namespace) -> int:
    from ..services.callbacks.attempts import record_attempt

    def act(desk: Desk, actor: StaffView) -> Any:
        callback = _pending_of(args.complaint, desk)
        data: dict[str, object] = {"outcome": args.outcome, "note": args.note}
        if args.satisfaction is not None:
            data["satisfaction"] = args.satisfaction
        if args.solved:
            data["solved"] = True
        return record_attempt(desk, actor, callback.id, data, callback.version)

    view = acting(args, act, Action.CALLBACK)
    status = t("cli.callbacks.still_pending") if view.status is CallbackStatus.PENDING else label(view.outcome)
    print(t("cli.callbacks.recorded", number=view.complaint_number, status=status,
            complaint=label_of_status(view.complaint_status)))
    return 0


def label_of_status(value: str) -> str:
    from ..domain.enums import ComplaintStatus

    return label(ComplaintStatus(value))


def _close(args: argparse.Namespace) -> int:
    from ..services.callbacks.attempts import close_unreachable
    from ..services.complaints.read import find_complaint

    def act(desk: Desk, actor: StaffView) -> Any:
        complaint = find_complaint(args.complaint)
        return close_unreachable(desk, actor, complaint.id, complaint.version)

    view = acting(args, act, Action.CALLBACK)
    print(t("cli.callbacks.closed", number=view.number))
    return 0
