"""Attachments on the command line: attach files to a complaint, an order, a violation or a visit; list them,
save a copy out, and withdraw one (a lead or the manager)."""

import argparse
from pathlib import Path

from ..domain.attachments import file_size, subject_typed
from ..domain.permissions import Action
from ..i18n import t
from . import common
from .common import Commands, target_of

SUBJECT_HELP = "TS-… (a complaint), DO-… (a delivery order), violation:N or visit:N"


def register(commands: Commands) -> None:
    attach = commands.add("attach", _attach, "attach photos, PDFs or office files (several at once)")
    attach.add_argument("subject", help=SUBJECT_HELP)
    attach.add_argument("files", nargs="+", type=Path)
    attach.add_argument("--note", default="", help="what the files show")
    listing = commands.add("attachments", _list, "the files attached to a complaint, an order, a violation or a visit")
    listing.add_argument("subject", help=SUBJECT_HELP)
    listing.add_argument("--withdrawn", action="store_true", help="include the withdrawn ones")
    one = commands.group("attachment", "one attachment, by the number `attachments` lists")
    save = one.add("save", _save, "save a copy of the file (to a new file, or into a directory)")
    save.add_argument("id", type=int)
    save.add_argument("--out", type=Path, required=True)
    withdraw = one.add("withdraw", _withdraw, "hide an attachment from its subject; its bytes are kept (lead or manager)")
    withdraw.add_argument("id", type=int)
    withdraw.add_argument("--reason", required=True)


def _max_mb() -> int:
    from ..settings import SettingsRefused, load_config

    try:
        config, _ = load_config()
    except SettingsRefused as exc:
        raise common.CliFailure(str(exc)) from exc
    return config.attachment_max_mb


def _attach(args: argparse.Namespace) -> int:
    from ..services.attachments.attach import attach_files

    kind, key = subject_typed(args.subject)
    actor = common.open_as(args, Action.ATTACH)
    made = attach_files(common.settings_desk(), actor, kind, key, list(args.files), args.note, max_mb=_max_mb())
    for view in made:
        print(t("cli.attach.attached", subject=view.subject_label, name=view.file_name, size=file_size(view.size),
                short=view.sha256[:12]))
    return 0


def _list(args: argparse.Namespace) -> int:
    from ..services.attachments.read import attachments_of

    kind, key = subject_typed(args.subject)
    common.open_database(target_of(args))
    views = attachments_of(kind, key, withdrawn=args.withdrawn)
    zone = common.settings_desk().sla.zone
    for view in views:
        gone = f"  [{t('cli.attach.withdrawn_mark')}: {view.withdraw_reason}]" if view.withdrawn_at else ""
        print(f"{view.id:>6}  {view.attached_at.astimezone(zone):%Y-%m-%d %H:%M}  {view.attached_by:<8}"
              f"  {file_size(view.size):>9}  {view.sha256[:12]}  {view.file_name}{gone}")
    label = views[0].subject_label if views else args.subject.strip().upper()
    print(t("cli.attach.listed", count=len(views), subject=label))
    return 0


def _save(args: argparse.Namespace) -> int:
    from ..services.attachments.read import save_copy

    common.open_database(target_of(args))
    if args.out.exists() and not args.out.is_dir():
        raise common.CliFailure(t("cli.export.exists", path=args.out))
    written = save_copy(args.id, args.out)
    print(t("cli.attach.saved", id=args.id, path=written))
    return 0


def _withdraw(args: argparse.Namespace) -> int:
    from ..services.attachments.attach import withdraw_attachment

    actor = common.open_as(args, Action.WITHDRAW_ATTACHMENT)
    view = withdraw_attachment(common.settings_desk(), actor, args.id, args.reason)
    print(t("cli.attach.withdrew", id=view.id, name=view.file_name))
    return 0

