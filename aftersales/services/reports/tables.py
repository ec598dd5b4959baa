"""The report's figures as tables: what the section's table view shows and what any export writes.

Titles, headings and labels are in the language of the words the screen or command hands over. Every
figure is a number (money a Decimal of yuan with two places) in the one unit its heading states, so a
column never mixes units and an export writes numbers, not text.
"""

from collections.abc import Callable
from decimal import Decimal
from enum import Enum

from pydantic import BaseModel, ConfigDict

from ...domain.enums import Category, Channel, Remedy, Severity, ShopCategory
from ...domain.reports.figures import Count, ReportFigures, ReportView, SlaRow, change
from ...domain.wording import Wording

Cell = str | int | float | Decimal | None


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


def in_percent(rate: float | None) -> float | None:
    """A fraction as percent, one decimal (the heading says %)."""
    return None if rate is None else round(rate * 100, 1)


def in_minutes(value: float | None) -> int | None:
    """A duration in minutes, whole (acknowledgement columns are in minutes)."""
    return None if value is None else int(round(value))


def in_hours(value: float | None) -> float | None:
    """A duration in minutes as hours, one decimal (resolution columns are in hours)."""
    return None if value is None else round(value / 60, 1)


def in_yuan(fen: int) -> Decimal:
    """Integer fen as yuan with exactly two places, never through a float."""
    return Decimal(fen).scaleb(-2).quantize(Decimal("0.01"))


def shown(cell: Cell) -> str:
    """A cell as a screen or terminal shows it: thousands separated, "—" for no figure."""
    if cell is None:
        return "—"
    if isinstance(cell, Decimal):
        return f"{cell:,.2f}"
    if isinstance(cell, int):
        return f"{cell:,}"
    return str(cell)


def signed_change(current: float | None, previous: float | None) -> str:
    moved = in_percent(change(current, previous))
    return "—" if moved is None else f"{moved:+.1f}"


def _coded_label(enum_name: str, code: str, words: Wording) -> str:
    """The label of a code stored for an enum; the code itself when the catalogs have none."""
    key = f"enum.{enum_name}.{code}"
    text = words(key)
    return code if text == key else text


def _enum_label(kind: type[Enum], words: Wording) -> Callable[[Count], str]:
    def label(item: Count) -> str:
        return _coded_label(kind.__name__, item.key, words)
    return label


def _count_table(name: str, items: list[Count], label: Callable[[Count], str], received: int,
                 words: Wording) -> ReportTable:
    rows: list[list[Cell]] = [[label(item), item.count, in_percent(item.count / received if received else None)]
                              for item in items]
    return ReportTable(name=name, title=words(f"reports.table.{name}"),
                       columns=[words(f"reports.column.key_{name}"), words("reports.column.count"),
                                words("reports.column.share")],
                       rows=rows)


def _sla_table(name: str, rows: list[SlaRow], label: Callable[[SlaRow], str], words: Wording) -> ReportTable:
    out: list[list[Cell]] = [
        [label(row), row.received, in_minutes(row.ack.median), in_minutes(row.ack.p90),
         in_hours(row.resolve.median), in_hours(row.resolve.p90), row.breached, in_percent(row.breach_rate)]
        for row in rows
    ]
    columns = [words(f"reports.column.{column}") for column in (
        f"key_{name}", "received", "ack_median", "ack_p90", "resolve_median", "resolve_p90", "breached",
        "breach_rate")]
    return ReportTable(name=name, title=words(f"reports.table.{name}"), columns=columns, rows=out)


def headline(figures: ReportFigures) -> list[tuple[str, float | None, Cell]]:
    """(metric name, value for the change, value in the metric's unit) of the figures a period is compared by."""
    sla, money = figures.sla, figures.money
    satisfaction = figures.callbacks.satisfaction
    return [
        ("received", figures.received, figures.received),
        ("closed", figures.closed, figures.closed),
        ("ack_median", sla.ack.median, in_minutes(sla.ack.median)),
        ("ack_p90", sla.ack.p90, in_minutes(sla.ack.p90)),
        ("resolve_median", sla.resolve.median, in_hours(sla.resolve.median)),
        ("resolve_p90", sla.resolve.p90, in_hours(sla.resolve.p90)),
        ("breach_rate", sla.breach_rate, in_percent(sla.breach_rate)),
        ("compensation", money.compensation_fen, in_yuan(money.compensation_fen)),
        ("refunds", money.refund_fen, in_yuan(money.refund_fen)),
        ("on_time_rate", figures.deliveries.on_time_rate, in_percent(figures.deliveries.on_time_rate)),
        ("satisfaction", satisfaction, None if satisfaction is None else round(satisfaction, 2)),
        ("penalties", figures.penalties.confirmed, figures.penalties.confirmed),
        ("penalty_amount", figures.penalties.amount_fen, in_yuan(figures.penalties.amount_fen)),
    ]


def period_heading(figures: ReportFigures, words: Wording) -> str:
    """A period's column heading; a partial one says so."""
    label = figures.period.label
    return words("reports.partial", period=label) if figures.partial else label


def summary_table(view: ReportView, words: Wording) -> ReportTable:
    now, before = headline(view.current), headline(view.previous)
    rows: list[list[Cell]] = [
        [words(f"reports.metric.{name}"), cell, old_cell, in_percent(change(value, old_value))]
        for (name, value, cell), (_, old_value, old_cell) in zip(now, before, strict=True)
    ]
    columns = [words("reports.column.metric"), period_heading(view.current, words),
               period_heading(view.previous, words), words("reports.column.change")]
    return ReportTable(name="summary", title=words("reports.table.summary"), columns=columns, rows=rows)


def report_tables(view: ReportView, words: Wording) -> list[ReportTable]:
    """Every table of the report, the summary first."""
    figures = view.current
    received = figures.received
    callbacks = figures.callbacks
    # Each trigger by its label, the most frequent first.
    escalations: list[list[Cell]] = [
        [_coded_label("EscalationTrigger", trigger, words), count]
        for trigger, count in sorted(figures.escalations_by_trigger.items(), key=lambda item: (-item[1], item[0]))
    ]
    return [
        summary_table(view, words),
        _count_table("by_category", figures.by_category, _enum_label(Category, words), received, words),
        _count_table("by_shop_category", figures.by_shop_category, _enum_label(ShopCategory, words), received, words),
        _count_table("by_channel", figures.by_channel, _enum_label(Channel, words), received, words),
        _count_table("by_remedy", figures.by_remedy, _enum_label(Remedy, words), received, words),
        _count_table("top_products", figures.top_products, lambda item: item.key, received, words),
        _count_table("top_brands", figures.top_brands, lambda item: item.label, received, words),
        _sla_table("sla_by_month", figures.sla_by_month, lambda row: row.key, words),
        _sla_table("sla_by_severity", figures.sla_by_severity,
                   lambda row: words(f"enum.Severity.{Severity(row.key).value}"), words),
        _sla_table("sla_by_shop", figures.sla_by_shop, lambda row: row.label, words),
        ReportTable(name="escalations", title=words("reports.table.escalations"),
                    columns=[words("reports.column.trigger"), words("reports.column.count")],
                    rows=escalations or [["—", "—"]]),
        ReportTable(name="callbacks", title=words("reports.table.callbacks"),
                    columns=[words("reports.column.outcome"), words("reports.column.count")],
                    rows=[[words(f"reports.outcome.{item.key}"), item.count] for item in callbacks.by_outcome]),
    ]


TABLE_NAMES = ("summary", "by_category", "by_shop_category", "by_channel", "by_remedy", "top_products", "top_brands",
               "sla_by_month", "sla_by_severity", "sla_by_shop", "escalations", "callbacks")
