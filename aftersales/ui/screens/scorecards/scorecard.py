"""One shop's scorecard for a month: its figures against the SLA, call-backs, deliveries, penalties,
its rank within its category, and its complaints over 12 months as a chart."""

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Static
from textual_plotext import PlotextPlot

from .... import i18n
from ....domain.scorecard import Scorecard
from ....services.scorecards.figures import shop_scorecard
from ....services.scorecards.wording import NONE, hours_text, yuan_text
from ...background import run_in_background
from ...messages import DataChanged, LoadFailed
from ...widgets.desk_footer import DeskFooter
from ...widgets.section_bar import SectionBar
from ..desk_screen import DeskScreen
from .period import PeriodDialog, shifted


@dataclass
class ScorecardLoaded(Message):
    """One shop's scorecard for a month."""

    card: Scorecard


def percent(value: float | None) -> str:
    return NONE if value is None else f"{value * 100:.0f}%"


def figure_lines(card: Scorecard) -> Text:
    """The scorecard's figures, one line each."""
    s = card.score
    t = i18n.t
    lines = [t("scorecard.rank_line", rank=s.rank, of=s.rank_of, category=i18n.label(s.category))]
    if s.documents_issued:
        lines.append(t("scorecard.documents_line", issued=f"{s.documents_issued:,}", rate=f"{s.per_thousand:.1f}"))
    else:
        lines.append(t("scorecard.documents_none"))
    lines.append(t("scorecard.ack_line", count=s.acknowledged, late=percent(s.ack_late), hours=hours_text(s.ack_hours, i18n.words())))
    lines.append(t("scorecard.resolve_line", count=s.resolved, late=percent(s.resolve_late),
                   hours=hours_text(s.resolve_hours, i18n.words()), overdue=s.open_overdue))
    mean = NONE if s.satisfaction is None else f"{s.satisfaction:.1f}"
    lines.append(t("scorecard.callback_line", rated=s.rated, mean=mean, unsatisfied=percent(s.unsatisfied)))
    lines.append(t("scorecard.delivery_line", count=s.deliveries, on_time=percent(s.delivery_on_time),
                   failed=percent(s.delivery_failed)))
    lines.append(t("scorecard.penalties_line", count=s.penalties, amount=yuan_text(s.penalty_fen)))
    text = Text("\n".join(lines))
    if s.rectifications:
        text.append("\n" + t("scorecard.rectification_line", count=s.rectifications), style="bold red")
    if s.repeat:
        categories = i18n.joined(i18n.label(c) for c in s.repeat)
        text.append("\n" + t("scorecard.repeat_line", categories=categories), style="bold red")
    return text


def category_table(card: Scorecard) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 1, 0, 0))
    table.add_column(no_wrap=True)
    table.add_column(justify="right")
    for category, count in sorted(card.score.by_category.items(), key=lambda item: -item[1]):
        table.add_row(Text(i18n.label(category)), Text(f"{count:,}"))
    return table


class ScorecardScreen(DeskScreen):
    """`[` `]` move a month, `p` types one, `escape` goes back to the list."""

    DEFAULT_CSS = """
    ScorecardScreen #card-body { height: 1fr; }
    ScorecardScreen #card-left { width: 58; height: 1fr; padding: 0 1; }
    ScorecardScreen.-narrow #card-body { layout: vertical; }
    ScorecardScreen.-narrow #card-left { width: 1fr; height: auto; }
    ScorecardScreen #card-figures { height: auto; }
    ScorecardScreen .card-caption { height: 1; margin-top: 1; color: $text-muted; }
    ScorecardScreen.-short .card-caption { margin-top: 0; }
    ScorecardScreen.-narrow #card-categories, ScorecardScreen.-narrow #categories-caption { display: none; }
    ScorecardScreen #card-trend { height: 1fr; min-height: 8; }
    """

    BINDINGS = [
        Binding("p", "period", "shops.key.period", id="card.period"),
        Binding("left_square_bracket", "month(-1)", "shops.key.period", id="card.earlier", show=False),
        Binding("right_square_bracket", "month(1)", "shops.key.period", id="card.later", show=False),
        Binding("escape", "back", "visits.key.back", id="card.back"),
    ]

    def __init__(self, code: str, period: str) -> None:
        super().__init__()
        self.code = code
        self.period = period
        self.card: Scorecard | None = None

    def compose(self) -> ComposeResult:
        yield SectionBar("shops")
        yield Static(Text(self.code), id="card-title", classes="table-title")
        with Horizontal(id="card-body"):
            with Vertical(id="card-left"):
                yield Static(Text(i18n.t("scorecard.loading")), id="card-figures")
                yield Static(Text(i18n.t("scorecard.by_category")), id="categories-caption", classes="card-caption")
                yield Static("", id="card-categories")
            yield PlotextPlot(id="card-trend")
        yield DeskFooter()

    def on_mount(self) -> None:
        self._load()

    def _load(self) -> None:
        desk, code, period = self.session.desk, self.code, self.period
        run_in_background(self, lambda: ScorecardLoaded(shop_scorecard(code, period, desk.clock(), desk.sla.zone)),
                          group="scorecard", failed="directory.load_failed")

    def on_load_failed(self, message: LoadFailed) -> None:
        self.query_one("#card-figures", Static).update(Text(message.text))

    def on_scorecard_loaded(self, message: ScorecardLoaded) -> None:
        if message.card.period == self.period:
            self.card = message.card
            self._show()

    def _show(self) -> None:
        card = self.card
        if card is None:
            return
        s = card.score
        self.query_one("#card-title", Static).update(Text(i18n.t(
            "scorecard.title", code=s.shop_code, name=s.shop_name, category=i18n.label(s.category), period=card.period)))
        self.query_one("#card-figures", Static).update(figure_lines(card))
        self.query_one("#categories-caption", Static).update(Text(i18n.t("scorecard.by_category")))
        self.query_one("#card-categories", Static).update(category_table(card))
        chart = self.query_one(PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        labels = [m.month[2:] for m in card.trend]
        counts = [m.complaints for m in card.trend]
        positions = list(range(1, len(counts) + 1))
        plt.plot(positions, counts, marker="hd")
        plt.scatter(positions, counts, marker="●")
        # Every other month labelled, whatever the chart's width: the first card is often drawn before the
        # chart has a width, so a choice made from it differed with how fast the database answered.
        plt.xticks(positions[::2], labels[::2])
        # Whole complaints on the axis, from zero, so an empty month reads as nothing.
        top = max(max(counts), 1)
        plt.ylim(0, top)
        plt.yticks(sorted({round(top * step / 4) for step in range(5)}))
        plt.title(i18n.t("scorecard.trend_title", period=card.period))
        chart.refresh()

    def on_data_changed(self, _message: DataChanged) -> None:
        self._load()

    def refresh_language(self) -> None:
        self._show()

    def action_month(self, step: int) -> None:
        self.period = shifted(self.period, step)
        self._load()

    def action_period(self) -> None:
        self.app.push_screen(PeriodDialog(self.period), self._chosen)

    def _chosen(self, period: object) -> None:
        if period:
            self.period = str(period)
            self._load()

    def action_back(self) -> None:
        self.dismiss()
