"""The report's figures as tables: what the section's table view shows and what any export writes."""

from collections.abc import Callable
from enum import Enum

from pydantic import BaseModel, ConfigDict

from ...domain.enums import Category, Channel, Remedy, Severity, ShopCategory
from ...domain.reports.figures import Count, ReportFigures, ReportView, SlaRow, change
from ...i18n import t

Cell = str | int | float | None


class ReportTable(BaseModel):
    """One table of the report: a name (for files and keys), its title, column headings and rows."""

    model_config = ConfigDict(frozen=True)

    name: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]


def yuan(fen: int | None) -> str:
    """Integer fen as yuan with two decimals, computed in integers (never through a float)."""
    if fen is None:
        return "—"
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def minutes(value: float | None) -> str:
    """A duration in minutes as the desk reads it: minutes under two hours, hours under two days, else days."""
    if value is None:
        return "—"
    if value < 120:
        return t("reports.unit.minutes", value=f"{value:.0f}")
    if value < 48 * 60:
        return t("reports.unit.hours", value=f"{value / 60:.1f}")
    return t("reports.unit.days", value=f"{value / 1440:.1f}")


def signed_change(current: float | None, previous: float | None) -> str:
    moved = change(current, previous)
    return "—" if moved is None else f"{moved * 100:+.1f}%"


def _enum_label(kind: type[Enum]) -> Callable[[Count], str]:
    def label(item: Count) -> str:
        key = f"enum.{kind.__name__}.{item.key}"
        text = t(key)
        return item.key if text == key else text
    return label


def _trigger_label(trigger: str) -> str:
    key = f"enum.EscalationTrigger.{trigger}"
    text = t(key)
    return trigger if text == key else text


def _count_table(name: str, items: list[Count], label: Callable[[Count], str], received: int) -> ReportTable:
    rows: list[list[Cell]] = [[label(item), item.count, percent(item.count / received if received else None)]
                              for item in items]
    return ReportTable(name=name, title=t(f"reports.table.{name}"),
                       columns=[t(f"reports.column.key_{name}"), t("reports.column.count"), t("reports.column.share")],
                       rows=rows)


def _sla_table(name: str, rows: list[SlaRow], label: Callable[[SlaRow], str]) -> ReportTable:
    out: list[list[Cell]] = [
        [label(row), row.received, minutes(row.ack.median), minutes(row.ack.p90), minutes(row.resolve.median),
         minutes(row.resolve.p90), row.breached, percent(row.breach_rate)]
        for row in rows
    ]
    columns = [t(f"reports.column.key_{name}"), t("reports.column.received"), t("reports.column.ack_median"),
               t("reports.column.ack_p90"), t("reports.column.resolve_median"), t("reports.column.resolve_p90"),
               t("reports.column.breached"), t("reports.column.breach_rate")]
    return ReportTable(name=name, title=t(f"reports.table.{name}"), columns=columns, rows=out)


def headline(figures: ReportFigures) -> list[tuple[str, float | None, str]]:
    """(metric name, value for the change, value as shown) of the figures a period is compared by."""
    sla, money = figures.sla, figures.money
    return [
        ("received", figures.received, f"{figures.received:,}"),
        ("closed", figures.closed, f"{figures.closed:,}"),
        ("ack_median", sla.ack.median, minutes(sla.ack.median)),
        ("ack_p90", sla.ack.p90, minutes(sla.ack.p90)),
        ("resolve_median", sla.resolve.median, minutes(sla.resolve.median)),
        ("resolve_p90", sla.resolve.p90, minutes(sla.resolve.p90)),
        ("breach_rate", sla.breach_rate, percent(sla.breach_rate)),
        ("compensation", money.compensation_fen, yuan(money.compensation_fen)),
        ("refunds", money.refund_fen, yuan(money.refund_fen)),
        ("on_time_rate", figures.deliveries.on_time_rate, percent(figures.deliveries.on_time_rate)),
        ("satisfaction", figures.callbacks.satisfaction,
         "—" if figures.callbacks.satisfaction is None else f"{figures.callbacks.satisfaction:.2f}"),
        ("penalties", figures.penalties.confirmed, f"{figures.penalties.confirmed:,}"),
        ("penalty_amount", figures.penalties.amount_fen, yuan(figures.penalties.amount_fen)),
    ]


def summary_table(view: ReportView) -> ReportTable:
    now, before = headline(view.current), headline(view.previous)
    rows: list[list[Cell]] = [
        [t(f"reports.metric.{name}"), shown, old_shown, signed_change(value, old_value)]
        for (name, value, shown), (_, old_value, old_shown) in zip(now, before, strict=True)
    ]
    columns = [t("reports.column.metric"), view.current.period.label, view.previous.period.label,
               t("reports.column.change")]
    return ReportTable(name="summary", title=t("reports.table.summary"), columns=columns, rows=rows)


def report_tables(view: ReportView) -> list[ReportTable]:
    """Every table of the report, the summary first."""
    figures = view.current
    received = figures.received
    callbacks = figures.callbacks
    # Each trigger by its label, the most frequent first.
    escalations: list[list[Cell]] = [
        [_trigger_label(trigger), count]
        for trigger, count in sorted(figures.escalations_by_trigger.items(), key=lambda item: (-item[1], item[0]))
    ]
    return [
        summary_table(view),
        _count_table("by_category", figures.by_category, _enum_label(Category), received),
        _count_table("by_shop_category", figures.by_shop_category, _enum_label(ShopCategory), received),
        _count_table("by_channel", figures.by_channel, _enum_label(Channel), received),
        _count_table("by_remedy", figures.by_remedy, _enum_label(Remedy), received),
        _count_table("top_products", figures.top_products, lambda item: item.key, received),
        _count_table("top_brands", figures.top_brands, lambda item: item.label, received),
        _sla_table("sla_by_month", figures.sla_by_month, lambda row: row.key),
        _sla_table("sla_by_severity", figures.sla_by_severity, lambda row: t(f"enum.Severity.{Severity(row.key).value}")),
        _sla_table("sla_by_shop", figures.sla_by_shop, lambda row: row.label),
        ReportTable(name="escalations", title=t("reports.table.escalations"),
                    columns=[t("reports.column.trigger"), t("reports.column.count")],
                    rows=escalations or [["—", "—"]]),
        ReportTable(name="callbacks", title=t("reports.table.callbacks"),
                    columns=[t("reports.column.outcome"), t("reports.column.count")],
                    rows=[[t(f"reports.outcome.{item.key}"), item.count] for item in callbacks.by_outcome]),
    ]


TABLE_NAMES = ("summary", "by_category", "by_shop_category", "by_channel", "by_remedy", "top_products", "top_brands",
               "sla_by_month", "sla_by_severity", "sla_by_shop", "escalations", "callbacks")
