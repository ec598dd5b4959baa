"""The quality charts drawn in the terminal: a signal's control chart and a Pareto chart.

Drawn by plotext through textual-plotext; the axes carry only digits and the chart has no title of its own
(a line above it says what is shown, in the desk's language): plotext counts a wide Chinese character as one
cell, so a Chinese title inside the chart would be cut and shift the frame.
"""

from typing import Any

from textual_plotext import PlotextPlot


def _ticks(labels: list[str]) -> tuple[list[int], list[str]]:
    """At most eight tick labels: a month shows as its month number, a week as its week number."""
    short = [label[-2:] for label in labels]
    step = max(1, -(-len(short) // 8))
    positions = list(range(1, len(short) + 1, step))
    return positions, [short[index - 1] for index in positions]


class ControlChart(PlotextPlot):
    """A series against its centre line and control limits; the last point is the signal's."""

    def show(self, points: list[Any]) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        if points:
            xs = list(range(1, len(points) + 1))
            plt.plot(xs, [point.upper for point in points], color="red")
            plt.plot(xs, [point.centre for point in points], color="green")
            plt.plot(xs, [max(point.lower, 0.0) for point in points], color="red")
            # A period without a point (no documents issued) leaves a gap in the series.
            shown = [(x, point.value) for x, point in zip(xs, points, strict=True) if point.value is not None]
            if shown:
                plt.plot([x for x, _ in shown], [y for _, y in shown], marker="dot", color="cyan")
                plt.scatter([shown[-1][0]], [shown[-1][1]], marker="●", color="yellow")
            top = max([y for _, y in shown] + [point.upper for point in points])
            plt.ylim(0, top * 1.1 if top > 0 else 1)
            plt.xlim(0.5, len(points) + 0.5)
            plt.xticks(*_ticks([point.period for point in points]))
        self.refresh()


class ParetoChart(PlotextPlot):
    """Bars of each row's share, the cumulative share as a line over them, both in per cent."""

    def show(self, rows: list[Any]) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        if rows:
            xs = list(range(1, len(rows) + 1))
            plt.bar(xs, [row.share * 100 for row in rows], width=0.5)
            plt.plot(xs, [row.cumulative * 100 for row in rows], marker="dot", color="red")
            plt.hline(80, color="gray")
            plt.ylim(0, 100)
            plt.xlim(0.5, len(rows) + 0.5)
            plt.xticks(xs, [str(x) for x in xs])
        self.refresh()
