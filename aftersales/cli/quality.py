"""`aftersales report signals`: the quality signals of a month or an ISO week, stored by the sweep, or
computed now with --compute; a table, or --json for scripts."""

import argparse
import json
import time
from typing import Any

from ..i18n import label, t
from . import common
from .common import CliFailure, print_table, settings_desk, target_of


def register_commands(group: Any) -> None:
    signals = group.add("signals", _signals, "the shops, brands and shop categories whose complaints broke a "
                                             "control-chart rule in a month (or an ISO week)")
    signals.add_argument("--period", help="YYYY-MM")
    signals.add_argument("--week", help="YYYY-Www, an ISO week instead of a month")
    signals.add_argument("--compute", action="store_true", help="compute the period now (keeps what leads did)")
    signals.add_argument("--json", action="store_true", help="print the signals as JSON")


def _key_text(scope: str, key: str, label_text: str) -> str:
    from ..domain.enums import ShopCategory

    if scope == "category" and key in {member.value for member in ShopCategory}:
        return label(ShopCategory(key))
    return f"{key} {label_text}" if scope == "shop" and label_text != key else key


def _figure(value: float, chart: str) -> str:
    return f"{value:.2f}" if chart == "u" else f"{value:.1f}"


def _signals(args: argparse.Namespace) -> int:
    from ..domain.quality.periods import MONTH, WEEK
    from ..services.quality.read import list_signals
    from ..services.quality.signals import checked_period, compute_signals

    if (args.period is None) == (args.week is None):
        raise CliFailure(t("signals.error.one_period"), 2)
    period, grain = (args.period, MONTH) if args.week is None else (args.week, WEEK)
    checked_period(period, grain)
    desk = settings_desk()
    common.open_database(target_of(args))
    computed = None
    elapsed = 0
    if args.compute:
        started = time.perf_counter()
        computed = compute_signals(desk, period, grain)
        elapsed = round((time.perf_counter() - started) * 1000)
    views = list_signals(period)
    if args.json:
        out: dict[str, Any] = {"period": period, "grain": grain, "signals": [
            {**view.model_dump(mode="json"), "why_text": t(view.why, sigma_z=f"{view.sigma_z:.2f}",
                                                             periods=view.periods)} for view in views]}
        if computed is not None:
            out["computed"] = {**computed.model_dump(mode="json"), "elapsed_ms": elapsed}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if computed is not None:
        print(t("signals.cli.computed", period=period, series=computed.series, found=computed.found,
                new=computed.new, ms=elapsed))
    if not views:
        print(t("signals.cli.empty", period=period))
        return 0
    new = sum(view.state == "new" for view in views)
    print(t("signals.cli.title", period=period, count=len(views), new=new))
    header = [t(f"signals.cli.{name}") for name in ("scope", "where", "rule", "value", "limits", "centre", "since",
                                                     "state")]
    print_table(header, [[t(f"signals.scope.{view.scope}"), _key_text(view.scope, view.key, view.label),
                          t(f"signals.rule.{view.rule}"), _figure(view.value, view.chart),
                          f"{_figure(view.lower, view.chart)}–{_figure(view.upper, view.chart)}",
                          _figure(view.centre, view.chart), view.since, t(f"signals.state.{view.state}")]
                         for view in views])
    return 0
