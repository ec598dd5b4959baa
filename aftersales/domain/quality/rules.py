"""The rules that turn a charted series into findings, judged at its latest point.

Only rises are reported: a fall in complaints is good news, and a run below the centre line is no problem
for the shop. So: the latest point above the upper 3σ limit; 2 of the last 3 points above +2σ, the latest
being one of them; the last 8 points all strictly above the centre line (a point on it breaks the run); the
last 6 points strictly rising (5 increases in a row). A finding's `since` is the first period of its
pattern: the point itself, the first of the points above +2σ, or the start of the whole run.
"""

from dataclasses import dataclass
from enum import StrEnum

from .control import Limits, Point, band

TWO_OF_THREE_SIGMA = 2.0
SIDE_RUN = 8
RISING_RUN = 6


class Rule(StrEnum):
    BEYOND_3S = "beyond_3s"
    TWO_OF_THREE = "two_of_three"
    EIGHT_SIDE = "eight_side"
    SIX_RISING = "six_rising"


@dataclass(frozen=True)
class Finding:
    rule: Rule
    since: str


def _above(limits: Limits, point: Point, sigmas: float) -> bool:
    return point.value > limits.centre + sigmas * band(limits, point)[2]


def _run_start(points: list[Point], holds: "list[bool]") -> int | None:
    """Where the run of `holds` ending at the last point starts, or None when the last point breaks it."""
    start = len(points)
    while start > 0 and holds[start - 1]:
        start -= 1
    return start if start < len(points) else None


def findings(points: list[Point], limits: Limits) -> list[Finding]:
    """The rules the latest of `points` (oldest first) breaks upward under `limits`."""
    if not points:
        return []
    last = points[-1]
    found: list[Finding] = []
    if last.value > band(limits, last)[1]:
        found.append(Finding(Rule.BEYOND_3S, last.period))
    recent = points[-3:]
    beyond = [point for point in recent if _above(limits, point, TWO_OF_THREE_SIGMA)]
    if len(recent) == 3 and len(beyond) >= 2 and beyond[-1] is last:
        found.append(Finding(Rule.TWO_OF_THREE, beyond[0].period))
    start = _run_start(points, [point.value > limits.centre for point in points])
    if start is not None and len(points) - start >= SIDE_RUN:
        found.append(Finding(Rule.EIGHT_SIDE, points[start].period))
    rising = [False] + [later.value > earlier.value for earlier, later in zip(points, points[1:], strict=False)]
    start = _run_start(points, rising)
    # The run of increases starts one point earlier than the first point that rose.
    if start is not None and len(points) - start + 1 >= RISING_RUN:
        found.append(Finding(Rule.SIX_RISING, points[start - 1].period))
    return found
