"""The dashboard's daily bars, drawn for the room the widget has: bars, day numbers and counts in line."""

from datetime import date

from rich.text import Text
from textual.widget import Widget

from .bar_chart import bar_chart

MAX_COLUMN = 12  # cells per day on the widest screens
MAX_BARS = 12  # lines of bars on a tall screen
_BLANK = "\u00a0"


def count_label(count: int, room: int) -> str | None:
    """`count` in at most `room` cells: exact, else in thousands (`12k`), else None."""
    exact = f"{count}"
    if len(exact) <= room:
        return exact
    for divisor, suffix in ((1_000, "k"), (1_000_000, "M")):
        if count < divisor:
            break
        short = f"{round(count / divisor)}{suffix}"
        if len(short) <= room:
            return short
    return None


def trend_text(days: list[date], counts: list[int], width: int, height: int, style: str = "") -> Text:
    """Bars for `counts`, each `column` cells wide, with the day of the month and the count under each
    bar, right-aligned on its last bar cell. A row that does not fit the width is left out whole
    (never wrapped or shifted): the day numbers need two cells a day, the counts their digits."""
    if not counts or width < 2 * len(counts) or height < 1:
        return Text("")
    column = min(MAX_COLUMN, width // len(counts))
    room = column - 1  # the last cell of a column is the gap between bars
    rows: list[Text] = []
    if room >= 2 and height >= 2:
        line = Text(no_wrap=True)
        for day in days:
            line.append(_BLANK * (room - 2) + f"{day:%d}" + _BLANK, style="dim")
        rows.append(line)
    labels = [count_label(count, room) for count in counts]
    if all(label is not None for label in labels) and height >= 2 + len(rows):
        line = Text(no_wrap=True)
        for label in labels:
            line.append((label or "").rjust(room, _BLANK) + _BLANK, style="bold")
        rows.append(line)
    bars = min(MAX_BARS, height - len(rows))
    # Blank lines above a short chart, so the bars stand on their numbers at the bottom of the room.
    chart = Text("\n" * (height - bars - len(rows)), no_wrap=True)
    chart.append_text(bar_chart(counts, bars, column, style))
    for row in rows:
        chart.append("\n")
        chart.append_text(row)
    return chart


class TrendChart(Widget):
    """Complaints per day as bars over the whole width and height the layout gives it."""

    DEFAULT_CSS = """
    TrendChart { height: 1fr; min-height: 3; }
    """

    def __init__(self, *, style: str = "dodger_blue2", id: str | None = None) -> None:
        super().__init__(id=id)
        self.bar_style = style
        self.days: list[date] = []
        self.counts: list[int] = []

    def show(self, days: list[date], counts: list[int]) -> None:
        """Draw these days and counts (the oldest first)."""
        self.days, self.counts = days, counts
        self.refresh()

    def render(self) -> Text:
        return trend_text(self.days, self.counts, self.size.width, self.size.height, self.bar_style)
