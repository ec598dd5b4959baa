"""Escalations by trigger, read from the escalations section's metrics when that section is installed.

The one place the reports touch the escalations section: until its module exists the figure is empty
and the section shows "—" for it.
"""

import importlib
from datetime import datetime

METRICS_MODULE = "aftersales.services.escalations.metrics"


def escalations_by_trigger(start: datetime, end: datetime) -> dict[str, int]:
    """Escalations raised from `start` to `end`, counted per trigger; {} when escalations are not built."""
    try:
        metrics = importlib.import_module(METRICS_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name and METRICS_MODULE.startswith(exc.name):
            return {}
        raise
    counts = metrics.escalations_by_trigger(start, end)
    return {str(trigger): int(count) for trigger, count in dict(counts).items()}
