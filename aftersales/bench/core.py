"""What every benchmark part shares: timing, percentiles, the account it runs as, table rows."""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ..domain.enums import Role
from ..domain.errors import NotFound
from ..domain.schemas import StaffView
from ..store.converters import staff_view
from ..store.models import Staff


@dataclass(frozen=True)
class BenchContext:
    """The database measured, the staff member the figures are read as, and the moment they read."""

    db: str
    actor: StaffView
    now: datetime


@dataclass(frozen=True)
class Row:
    """One line of the printed table: a label (catalog key), one or two figures (p50 / p95), a target.

    `target` names a key of the part's TARGETS; `prefix` is printed before it (`p95 ≤`).
    """

    label: str
    keys: tuple[str, ...]
    unit: str
    target: str = ""
    prefix: str = "≤"
    label_params: tuple[tuple[str, str], ...] = ()


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile (`share` 0.95 → p95)."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def timed(action: Callable[[], object], repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def bench_actor() -> StaffView:
    """op01 on a demo database, else the first active desk member."""
    desk_roles = [Role.OPERATOR.value, Role.LEAD.value, Role.MANAGER.value]
    row = Staff.get_or_none((Staff.code == "op01") & (Staff.active == True))  # noqa: E712
    if row is None:
        row = (
            Staff.select()
            .where((Staff.active == True) & Staff.role.in_(desk_roles))  # noqa: E712
            .order_by(Staff.id)
            .first()
        )
    if row is None:
        raise NotFound(what="staff")
    return staff_view(row)


