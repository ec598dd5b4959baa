"""How a quality signal reads on the desk's screens: its cells, its figures, and why a key is refused."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from rich.cells import cell_len

from .... import i18n
from ....domain.permissions import Action, allowed


def last_month(desk: Any) -> str:
    """The last complete month at the desk's clock, as YYYY-MM (the sweep's signals are computed for it)."""
    today = desk.clock().astimezone(desk.sla.zone).date()
    index = today.year * 12 + today.month - 2
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def may_act(actor: Any) -> bool:
    """True when `actor` may acknowledge a signal or send it to its shop."""
    return actor is not None and allowed(actor.role, Action.ACT_ON_SIGNALS)


def refusal(actor: Any, signal: Any) -> str | None:
    """Why `actor` cannot act on `signal` now, or None when they can."""
    if not may_act(actor):
        return i18n.t("quality_view.read_only")
    if signal is None:
        return ""
    if signal.state != "new":
        return i18n.t("quality_view.not_new", state=state_text(signal.state))
    return None


def figure(value: float | None, chart: str) -> str:
    """A value of a series: a rate with two decimals, a count whole."""
    if value is None:
        return "–"
    return f"{value:.2f}" if chart == "u" else f"{value:.1f}" if value % 1 else f"{value:.0f}"


def scope_text(scope: str) -> str:
    return i18n.t(f"quality_view.scope.{scope}")


def rule_text(rule: str) -> str:
    return i18n.t(f"quality_view.rule.{rule}")


def state_text(state: str) -> str:
    return i18n.t(f"quality_view.state.{state}")


def where_text(signal: Any) -> str:
    """The shop's name, the brand, or the category's label."""
    if signal.scope == "category":
        from ....domain.enums import ShopCategory

        try:
            return i18n.label(ShopCategory(signal.key))
        except ValueError:
            return str(signal.label)
    return str(signal.label)


def signal_cells(signal: Any) -> list[tuple[str, str]]:
    """(column, text) of one row of the signals list."""
    limits = f"{figure(signal.lower, signal.chart)}–{figure(signal.upper, signal.chart)}"
    return [("scope", scope_text(signal.scope)), ("label", where_text(signal)), ("rule", rule_text(signal.rule)),
            ("value", figure(signal.value, signal.chart)), ("limits", limits), ("since", signal.since),
            ("state", state_text(signal.state))]


def month_span(period: str) -> tuple[date, date]:
    """The first and the last day of the month `period` (YYYY-MM)."""
    from calendar import monthrange

    year, month = int(period[:4]), int(period[5:7])
    return date(year, month, 1), date(year, month, monthrange(year, month)[1])


def row_key_text(key: str, of: str) -> str:
    """A Pareto row's name: a complaint category's label, or the product as typed."""
    if of == "category":
        from ....domain.enums import Category

        try:
            return i18n.label(Category(key))
        except ValueError:
            return key
    return key


def fitted_widths(prefix: str, names: Iterable[str], rows: list[list[str]], caps: dict[str, int]) -> dict[str, int]:
    """Each column's width: its widest cell or heading (the catalog's `<prefix><name>`), at most its cap.

    Given to the table up front, so it never waits for an idle moment to measure its cells: a dialog opened
    over it at once (or a reload under a dialog) would otherwise leave its cells cut behind the dialog."""
    widths = {}
    for index, name in enumerate(names):
        widest = max([cell_len(i18n.t(prefix + name))] + [cell_len(row[index]) for row in rows])
        widths[name] = min(widest, caps.get(name, widest))
    return widths
