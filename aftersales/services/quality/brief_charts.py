"""The brief's charts as PNG images, drawn by matplotlib (Agg, no display) in the CJK font of the PDF.

matplotlib is imported here alone, when a brief is written: never at the desk's start.
"""

import io
from collections.abc import Sequence
from typing import Any

WIDTH_IN = 7.2
HEIGHT_IN = 2.6
DPI = 150


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _font(font_file: str | None) -> Any:
    """The font of every text of a chart: the PDF's CJK font file, else matplotlib's own."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=font_file) if font_file else FontProperties()


def _png(figure: Any) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    _pyplot().close(figure)
    return out.getvalue()


def control_chart(points: Sequence[Any], title: str, font_file: str | None) -> bytes:
    """A series with its centre line and limits; the last point (the signal's) marked."""
    plt = _pyplot()
    font = _font(font_file)
    figure, axes = plt.subplots(figsize=(WIDTH_IN, HEIGHT_IN))
    xs = list(range(len(points)))
    # A period without a point (no documents issued) is a gap in the line.
    values = [float("nan") if point.value is None else point.value for point in points]
    axes.plot(xs, values, marker="o", color="#1f4e79", linewidth=1.4)
    axes.step(xs, [point.upper for point in points], where="mid", color="#c00000", linewidth=1, linestyle="--")
    axes.step(xs, [max(point.lower, 0.0) for point in points], where="mid", color="#c00000", linewidth=1,
              linestyle="--")
    axes.plot(xs, [point.centre for point in points], color="#548235", linewidth=1)
    if points and points[-1].value is not None:
        axes.plot([xs[-1]], [points[-1].value], marker="o", markersize=9, color="#c00000")
    axes.set_xticks(xs, [point.period[2:] for point in points], fontsize=7)
    axes.set_ylim(bottom=0)
    axes.set_title(title, fontproperties=font, fontsize=10)
    axes.grid(axis="y", alpha=0.3)
    return _png(figure)


def pareto_chart(labels: Sequence[str], counts: Sequence[int], cumulative: Sequence[float], title: str,
                 font_file: str | None) -> bytes:
    """Bars of the counts, largest first, and the cumulative share (%) on a second axis with the 80 % line."""
    plt = _pyplot()
    font = _font(font_file)
    figure, axes = plt.subplots(figsize=(WIDTH_IN, HEIGHT_IN + 0.6))
    xs = list(range(len(labels)))
    axes.bar(xs, counts, color="#1f4e79")
    axes.set_xticks(xs, [label if len(label) <= 16 else label[:15] + "…" for label in labels], rotation=30,
                    ha="right")
    for tick in axes.get_xticklabels():
        tick.set_fontproperties(font)
        tick.set_fontsize(7)
    share = axes.twinx()
    share.plot(xs, [value * 100 for value in cumulative], marker="o", color="#c00000", linewidth=1.2)
    share.axhline(80, color="#7f7f7f", linestyle=":", linewidth=1)
    share.set_ylim(0, 105)
    share.set_ylabel("%")
    axes.set_title(title, fontproperties=font, fontsize=10)
    return _png(figure)
