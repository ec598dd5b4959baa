"""`aftersales shops scorecard`: every shop's figures for a month, worst first, as a table or JSON."""

import argparse
import json

from ..domain.scorecard import Figure
from ..i18n import label, t, words
from . import common
from .common import CommandGroup, target_of


def register_scorecard(shops: CommandGroup) -> None:
    card = shops.add("scorecard", _scorecard, "the shops ranked for a month, worst first (default: this month)")
    card.add_argument("--period", help="the month, YYYY-MM")
    card.add_argument("--sort", choices=[f.value for f in Figure], default=Figure.COMPLAINTS.value,
                      help="the figure to rank by, worst first (default: complaints)")
    card.add_argument("--json", action="store_true", help="every figure of every shop as JSON")


def _scorecard(args: argparse.Namespace) -> int:
    from ..domain.scorecard import worst_first
    from ..services.scorecards.figures import month_of, shop_scores
    from ..services.scorecards.wording import LIST_FIGURES, figure_text, figure_title

    common.open_database(target_of(args))
    desk = common.settings_desk()
    now = desk.clock()
    period = (args.period or month_of(now, desk.sla.zone)).strip()
    scores = worst_first(shop_scores(period, now, desk.sla.zone), Figure(args.sort))
    if args.json:
        out = {"period": period, "sort": args.sort, "shops": [score.model_dump(mode="json") for score in scores]}
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    header = [t("scorecard.column.code"), t("scorecard.column.name"), t("scorecard.column.category"),
              *[figure_title(figure, words()) for figure in LIST_FIGURES]]
    rows = [[s.shop_code, s.shop_name, label(s.category), *[figure_text(s, figure) for figure in LIST_FIGURES]]
            for s in scores]
    print(t("scorecard.list_title", period=period, figure=figure_title(Figure(args.sort), words())))
    common.print_table(header, rows)
    return 0
