"""Vertical bars drawn with block characters, one fixed-width column per value, scaled from zero."""

from rich.text import Text

# No-break spaces: a line's leading blanks would otherwise be dropped when the text is laid out.
_BLANK = "\u00a0"
_EIGHTHS = _BLANK + "▁▂▃▄▅▆▇█"


def bar_chart(values: list[int], height: int, column: int, style: str = "") -> Text:
    """`height` lines of bars, each value `column` cells wide (the last cell a gap), tallest = full height."""
    top = max(values, default=0)
    chart = Text(no_wrap=True)
    for row in range(height, 0, -1):
        if row < height:
            chart.append("\n")
        for value in values:
            eighths = round(value / top * height * 8) if top else 0
            filled = min(max(eighths - (row - 1) * 8, 0), 8)
            # Only the blocks carry the style, so blanks stay blanks in exported screenshots too.
            chart.append(_EIGHTHS[filled] * (column - 1), style=style if filled else "")
            chart.append(_BLANK)
    return chart
