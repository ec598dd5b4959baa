"""The columns of the desk's tables, headed by catalog texts in the desk's language."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from ... import i18n


def set_columns(table: DataTable[Any], prefix: str, columns: Iterable[str] | Mapping[str, int | None],
                **header: Any) -> None:
    """Replace `table`'s columns (and rows): one per name of `columns`, keyed by it and headed by the
    catalog's `<prefix><name>` (the prefix ends in a dot), as wide as `columns` maps it to (or as its
    cells, for a plain list). `header` styles the heading (rich Text options, such as no_wrap)."""
    widths = columns if isinstance(columns, Mapping) else dict.fromkeys(columns)
    table.clear(columns=True)
    for name, width in widths.items():
        table.add_column(Text(i18n.t(prefix + name), **header), key=name, width=width)


def fitting(widths: Sequence[int], room: int, optional: Sequence[int], padding: int = 2) -> list[int]:
    """The indexes of the columns to show in `room` cells, each column taking its width and `padding`:
    while they are wider than the room, the `optional` ones go, in the order given."""
    kept = list(range(len(widths)))
    for index in optional:
        if sum(widths[i] + padding for i in kept) <= room:
            break
        kept.remove(index)
    return kept


def window(widths: Sequence[int], room: int, start: int, padding: int = 2) -> list[int]:
    """The indexes of the columns to show in `room` cells: the first always, then from `start` on as many
    as fit (at least one), so a narrow desk pages through a wide table's columns."""
    kept = [0]
    used = widths[0] + padding
    for index in range(max(1, start), len(widths)):
        used += widths[index] + padding
        if used > room and len(kept) > 1:
            break
        kept.append(index)
    return kept
