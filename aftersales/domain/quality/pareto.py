"""Pareto analysis: the few keys (complaint categories, products) that make up most of the complaints."""

from dataclasses import dataclass

CUT = 0.8


@dataclass(frozen=True)
class ParetoRow:
    """One key's complaints, its share of all of them and the running share down to it; `vital` marks the
    rows up to and including the one whose running share reaches the cut."""

    key: str
    count: int
    share: float
    cumulative: float
    vital: bool


def pareto(counts: dict[str, int], cut: float = CUT) -> list[ParetoRow]:
    """The keys with a count, the most first (ties by key, so the order is the same every time), each with
    its share and running share. The vital few are the rows down to the first whose running share reaches
    `cut` (a row landing exactly on it is the last vital one; a key tied with it but ordered after it is
    not). Keys counted zero or less are left out."""
    kept = sorted(((key, count) for key, count in counts.items() if count > 0), key=lambda item: (-item[1], item[0]))
    total = sum(count for _, count in kept)
    rows: list[ParetoRow] = []
    running = 0
    crossed = False
    for key, count in kept:
        running += count
        rows.append(ParetoRow(key=key, count=count, share=count / total, cumulative=running / total,
                              vital=not crossed))
        # A hair of slack, so that a running share of exactly the cut is not lost to rounding.
        crossed = crossed or running >= cut * total * (1 - 1e-12)
    return rows
