"""Escalations by trigger reach the reports through one adapter, empty until the escalations section exists."""

import sys
import types
from datetime import UTC, datetime

from aftersales.services.reports import escalations
from aftersales.services.reports.escalations import escalations_by_trigger

START, END = datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC)


def test_without_the_escalations_section_the_figure_is_empty(monkeypatch):
    monkeypatch.setattr(escalations, "METRICS_MODULE", "aftersales.services.not_there.metrics")
    assert escalations_by_trigger(START, END) == {}


def test_the_escalations_metrics_are_read_when_installed(monkeypatch):
    seen = []

    def by_trigger(start, end):
        seen.append((start, end))
        return {"sla_breach": 3, "manual": 1}

    fake = types.ModuleType("fake_escalation_metrics")
    fake.escalations_by_trigger = by_trigger  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_escalation_metrics", fake)
    monkeypatch.setattr(escalations, "METRICS_MODULE", "fake_escalation_metrics")
    assert escalations_by_trigger(START, END) == {"sla_breach": 3, "manual": 1}
    assert seen == [(START, END)]
