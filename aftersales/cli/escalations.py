"""`aftersales sweep`: raise the escalations that are due, once (for cron); prints one line per escalation."""

import argparse
import json

from ..i18n import label, t
from . import common
from .common import Commands, settings_desk, target_of


def register(commands: Commands) -> None:
    sweep = commands.add("sweep", _sweep, "run the escalation sweep once (safe to run twice or in parallel)")
    sweep.add_argument("--json", action="store_true", help="print what was raised as a JSON list")


def _sweep(args: argparse.Namespace) -> int:
    from ..services.escalations.sweep import sweep

    desk = settings_desk()
    common.open_database(target_of(args))
    result = sweep(desk)
    if args.json:
        print(json.dumps([
            {"complaint": view.number, "level": view.level, "trigger": view.trigger.value,
             "severity": view.severity.value, "raised_at": view.raised_at.isoformat()}
            for view in result.raised
        ], ensure_ascii=False))
        return 0
    for view in result.raised:
        print(t("escalations.cli.raised", number=view.number, level=view.level, trigger=label(view.trigger)))
    return 0
