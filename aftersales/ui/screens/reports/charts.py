"""The reports' charts: complaints received per day or month, and the share that breached the SLA.

Drawn by plotext through textual-plotext; the axes carry only digits, so wide Chinese characters never
shift a bar (the titles above say what is shown, in the desk's language).
"""

from textual_plotext import PlotextPlot

from ....domain.reports.figures import TrendPoint
from ....i18n import t


def _ticks(labels: list[str]) -> tuple[list[int], list[str]]:
    """At most eight tick labels: a month's days show as their day numbers."""
    short = [label[-2:] for label in labels]
    step = max(1, -(-len(short) // 8))
    positions = list(range(1, len(short) + 1, step))
    return positions, [short[index - 1] for index in positions]


class TrendChart(PlotextPlot):
    """A chart over the days (or months) of the period: the subclass draws its series, this frames it."""

    title_key = ""
    points: list[TrendPoint] = []

    def show(self, points: list[TrendPoint]) -> None:
        self.points = points
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(t(self.title_key))
        if self.draw(points):
            plt.xlim(0.5, len(points) + 0.5)
            plt.xticks(*_ticks([point.label for point in points]))
        self.refresh()

    def draw(self, points: list[TrendPoint]) -> bool:
        """Plot the series and set its y range; False when there is nothing to plot."""
        raise NotImplementedError


class ReceivedChart(TrendChart):
    """Bars of complaints received per day (or month) of the period."""

    title_key = "reports.chart.received"

    def draw(self, points: list[TrendPoint]) -> bool:
        if not points:
            return False
        plt = self.plt
        positions = list(range(1, len(points) + 1))
        counts = [point.received for point in points]
        if self.size.width >= 3 * len(points) + 8:
            plt.bar(positions, counts, width=0.5)
        else:  # too narrow for a bar a day: bars would run together, an area reads the same
            plt.plot(positions, counts, marker="hd", fillx=True)
        plt.ylim(0, max(max(counts), 1))
        return True


class BreachChart(TrendChart):
    """The SLA breach rate (%) per day (or month) of the period."""

    title_key = "reports.chart.breach_rate"

    def draw(self, points: list[TrendPoint]) -> bool:
        shown = [(index + 1, point.breach_rate * 100) for index, point in enumerate(points)
                 if point.breach_rate is not None]
        if not shown:
            return False
        self.plt.plot([x for x, _ in shown], [y for _, y in shown], marker="dot")
        self.plt.ylim(0, 100)
        return True
