"""What the register prints, in the current language: its columns, a line's cells, the statistics page."""

from collections.abc import Callable

from ...domain.enums import CloseOutcome
from ...domain.reports.register import MonthStatistics, RegisterLine, RegisterTotals
from ...i18n import t
from .tables import yuan

# (column, width in points on landscape A4).
COLUMNS: tuple[tuple[str, float], ...] = (
    ("number", 76), ("received", 68), ("shop", 70), ("customer", 86), ("category", 56), ("status", 56),
    ("done", 150), ("deliveries", 72), ("callback", 46), ("paid", 52), ("collected", 52),
)
# A closed complaint is shown by how it closed.
CLOSE_OUTCOMES = frozenset(outcome.value for outcome in CloseOutcome)


def _labeller(enum_name: str) -> Callable[[str], str]:
    cache: dict[str, str] = {}

    def label(code: str) -> str:
        if code not in cache:
            key = f"enum.{enum_name}.{code}"
            text = t(key)
            cache[code] = code if text == key else text
        return cache[code]
    return label


class LineCells:
    """Turns register lines into printed cells, translating codes once per code."""

    def __init__(self) -> None:
        self.category = _labeller("Category")
        self.status = _labeller("ComplaintStatus")
        self.outcome = _labeller("CloseOutcome")
        self.remedy = _labeller("Remedy")
        self.callback = _labeller("CallbackOutcome")
        self.delivery_kind = _labeller("DeliveryKind")
        self.delivery_status = _labeller("DeliveryStatus")

    def deliveries(self, codes: str) -> str:
        """`kind:status,…` as the kinds and states of the orders, in the current language."""
        if not codes:
            return ""
        shown = []
        for code in codes.split(","):
            kind, _, status = code.partition(":")
            shown.append(f"{self.delivery_kind(kind)}·{self.delivery_status(status)}")
        return "、".join(shown)

    def headings(self) -> list[str]:
        return [t(f"reports.register.column.{name}") for name, _ in COLUMNS]

    def cells(self, line: RegisterLine) -> list[str]:
        status = self.outcome(line.status) if line.status in CLOSE_OUTCOMES else self.status(line.status)
        done = self.remedy(line.remedy) if line.remedy else ""
        if line.resolution:
            done = f"{done}：{line.resolution}" if done else line.resolution
        return [
            line.number, line.received, line.shop, f"{line.customer} {line.phone}", self.category(line.category),
            status, done, self.deliveries(line.deliveries), self.callback(line.callback) if line.callback else "",
            yuan(line.paid_fen) if line.paid_fen else "", yuan(line.collected_fen) if line.collected_fen else "",
        ]


def statistics_rows(statistics: MonthStatistics) -> list[tuple[str, str]]:
    """The month-end statistics as (label, value) lines; money in yuan."""
    s = statistics
    return [
        (t("reports.register.stat.handled"), str(s.handled)),
        (t("reports.register.stat.received"), str(s.received)),
        (t("reports.register.stat.resolved"), str(s.resolved)),
        (t("reports.register.stat.closed"), str(s.closed)),
        (t("reports.register.stat.deliveries_done"), str(s.deliveries_done)),
        (t("reports.register.stat.pickups_done"), str(s.pickups_done)),
        (t("reports.register.stat.collected"), yuan(s.collected_fen)),
        (t("reports.register.stat.refunds"), yuan(s.refund_fen)),
        (t("reports.register.stat.compensation"), yuan(s.compensation_fen)),
        (t("reports.register.stat.penalties_deducted"), str(s.penalties_deducted)),
        (t("reports.register.stat.penalties_fen"), yuan(s.penalties_fen)),
    ]


def totals_rows(totals: RegisterTotals) -> list[tuple[str, str]]:
    return [
        (t("reports.register.total.lines"), str(totals.lines)),
        (t("reports.register.total.paid"), yuan(totals.paid_fen)),
        (t("reports.register.total.collected"), yuan(totals.collected_fen)),
    ]
