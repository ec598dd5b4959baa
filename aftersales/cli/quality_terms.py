"""`aftersales report pareto` and `report terms`: the vital few complaint categories or products of a period
and scope, and the words, phrases and products whose frequency rose against the period before."""

import argparse
import json
import time
from pathlib import Path
from typing import Any

from ..i18n import label, t
from . import common
from .common import CliFailure, count_arg, day_arg, print_table, target_of


def register_commands(group: Any) -> None:
    pareto = group.add("pareto", _pareto, "the complaint categories or products that make up 80 per cent of a period's "
                                          "complaints (mall, shop, brand or shop category)")
    pareto.add_argument("--from", dest="start", type=day_arg, required=True, metavar="YYYY-MM-DD",
                        help="first day")
    pareto.add_argument("--to", dest="end", type=day_arg, required=True, metavar="YYYY-MM-DD",
                        help="last day (included)")
    pareto.add_argument("--shop", help="only this shop (code)")
    pareto.add_argument("--brand", help="only the shops of this brand")
    pareto.add_argument("--category", help="only shops of this category (furniture, tiles, ...)")
    pareto.add_argument("--of", choices=["category", "product"], default="category",
                        help="complaint categories (default) or products")
    pareto.add_argument("--json", action="store_true", help="print the rows as JSON")
    terms = group.add("terms", _terms, "words, phrases and products complained of significantly more than in "
                                       "the period before")
    terms.add_argument("--period", required=True, help="YYYY-MM (or YYYY-Www with --week)")
    terms.add_argument("--week", action="store_true", help="an ISO week against the week before")
    terms.add_argument("--threshold", type=_threshold_arg, default=None,
                       help="the least G² reported (default 10.83: chi-squared, 1 degree of freedom, p < 0.001)")
    terms.add_argument("--minimum", type=count_arg, default=None, help="the fewest times a term came (default 5)")
    terms.add_argument("--json", action="store_true", help="print the terms as JSON")


def _threshold_arg(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 <= value < float("inf"):  # NaN fails too
        raise argparse.ArgumentTypeError(t("quality_terms.error.bad_threshold", text=repr(text)))
    return value


def _scope(args: argparse.Namespace) -> tuple[str, str | None]:
    given = [(scope, value) for scope, value in (("shop", args.shop), ("brand", args.brand),
                                                 ("category", args.category)) if value is not None]
    if len(given) > 1:
        raise CliFailure(t("quality_terms.error.one_scope"), 2)
    return given[0] if given else ("mall", None)


def _key_label(of: str, key: str) -> str:
    from ..domain.enums import Category

    if of == "category" and key in {member.value for member in Category}:
        return label(Category(key))
    return key


def _scope_text(scope: str, key: str | None) -> str:
    from ..domain.enums import ShopCategory

    if scope == "category" and key in {member.value for member in ShopCategory}:
        key = label(ShopCategory(key))
    return t(f"quality_terms.pareto.{scope}", name=key or "")


def _pareto(args: argparse.Namespace) -> int:
    from ..services.quality.pareto import pareto_for

    scope, key = _scope(args)
    common.open_database(target_of(args))
    started = time.perf_counter()
    view = pareto_for(args.start, args.end, scope, key, args.of)
    elapsed = round((time.perf_counter() - started) * 1000)
    if args.json:
        out = {"from": view.period_from.isoformat(), "to": view.period_to.isoformat(), "scope": view.scope,
               "key": view.key, "of": view.of, "total": view.total, "unnamed": view.unnamed, "cut": view.cut,
               "elapsed_ms": elapsed,
               "rows": [{"key": row.key, "label": _key_label(view.of, row.key), "count": row.count,
                         "share": round(row.share, 6), "cumulative": round(row.cumulative, 6), "vital": row.vital}
                        for row in view.rows]}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(t("quality_terms.pareto.title", of=t(f"quality_terms.pareto.of_{view.of}"), start=view.period_from,
            end=view.period_to, scope=_scope_text(view.scope, view.key), total=view.total))
    if not view.rows:
        print(t("quality_terms.pareto.empty"))
    else:
        header = [t("quality_terms.pareto.label"), t("quality_terms.pareto.count"), t("quality_terms.pareto.share"),
                  t("quality_terms.pareto.cumulative"), t("quality_terms.pareto.vital")]
        print_table(header, [[_key_label(view.of, row.key), str(row.count), f"{row.share:.1%}",
                              f"{row.cumulative:.1%}", "*" if row.vital else ""] for row in view.rows])
    if view.unnamed:
        print(t("quality_terms.pareto.unnamed", count=view.unnamed))
    print(t("quality_terms.pareto.timing", seconds=f"{elapsed / 1000:.3f}"))
    return 0


def _stop_words_file() -> Path | None:
    from ..settings import SettingsRefused, load_config

    try:
        config, _ = load_config()
    except SettingsRefused as exc:
        raise CliFailure(str(exc)) from exc
    return config.quality.stop_words_file


def _terms(args: argparse.Namespace) -> int:
    from ..domain.quality.terms import MINIMUM, THRESHOLD, period_days
    from ..services.quality.terms import emerging_terms

    grain = "week" if args.week else "month"
    threshold = THRESHOLD if args.threshold is None else args.threshold
    minimum = MINIMUM if args.minimum is None else max(args.minimum, 1)
    previous, _, _ = period_days(args.period, grain)
    stop_words_file = _stop_words_file()
    common.open_database(target_of(args))
    started = time.perf_counter()
    found = emerging_terms(args.period, grain, stop_words_file=stop_words_file, threshold=threshold,
                           minimum=minimum)
    elapsed = round((time.perf_counter() - started) * 1000)
    before = f"{previous.isocalendar().year}-W{previous.isocalendar().week:02d}" if args.week else f"{previous:%Y-%m}"
    if args.json:
        out = {"period": args.period, "grain": grain, "previous": before, "threshold": threshold,
               "minimum": minimum, "elapsed_ms": elapsed,
               "terms": [{"term": view.term, "kind": view.kind, "now": view.now, "before": view.before,
                          "g2": round(view.g2, 3), "complaints": view.complaints,
                          "complaint_ids": view.complaint_ids} for view in found]}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(t("quality_terms.terms.title", period=args.period, previous=before, threshold=threshold, minimum=minimum))
    if not found:
        print(t("quality_terms.terms.empty"))
    else:
        header = [t(f"quality_terms.terms.{name}") for name in ("term", "kind", "now", "before", "g2", "complaints")]
        print_table(header, [[view.term, t(f"quality_terms.kind.{view.kind}"), str(view.now), str(view.before),
                              f"{view.g2:.1f}", str(view.complaints)] for view in found])
    print(t("quality_terms.terms.timing", seconds=f"{elapsed / 1000:.3f}"))
    return 0
