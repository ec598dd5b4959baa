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


class ReceivedChart(PlotextPlot):
    """Bars of complaints received per day (or month) of the period."""

    points: list[TrendPoint] = []

    def show(self, points: list[TrendPoint]) -> None:
        self.points = points
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(t("reports.chart.received"))
        if points:
            positions = list(range(1, len(points) + 1))
            counts = [point.received for point in points]
            if self.size.width >= 3 * len(points) + 8:
                plt.bar(positions, counts, width=0.5)
            else:  # too narrow for a bar a day: bars would run together, an area reads the same
                plt.plot(positions, counts, marker="hd", fillx=True)
            plt.ylim(0, max(max(counts), 1))
            plt.xlim(0.5, len(points) + 0.5)
            plt.xticks(*_ticks([point.label for point in points]))
        self.refresh()


class BreachChart(PlotextPlot):
    """The SLA breach rate (%) per day (or month) of the period."""

    points: list[TrendPoint] = []

    def show(self, points: list[TrendPoint]) -> None:
        self.points = points
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(t("reports.chart.breach_rate"))
        shown = [(index + 1, point.breach_rate * 100) for index, point in enumerate(points)
                 if point.breach_rate is not None]
        if shown:
            plt.plot([x for x, _ in shown], [y for _, y in shown], marker="dot")
            plt.ylim(0, 100)
            plt.xlim(0.5, len(points) + 0.5)
            plt.xticks(*_ticks([point.label for point in points]))
        self.refresh()
