"""What the register prints, in the words handed over: its columns, a line's cells, the statistics page."""

from collections.abc import Callable
from decimal import Decimal

from ...domain.enums import CloseOutcome
from ...domain.reports.register import MonthStatistics, RegisterLine, RegisterTotals
from ...domain.wording import Wording
from .tables import in_yuan, yuan

# (column, width in points on landscape A4).
COLUMNS: tuple[tuple[str, float], ...] = (
    ("number", 76), ("received", 68), ("shop", 70), ("customer", 86), ("category", 56), ("status", 56),
    ("done", 150), ("deliveries", 72), ("callback", 46), ("paid", 52), ("collected", 52),
)
# A figure of the closing page: a count, or money as a Decimal of yuan with two places.
Figure = int | Decimal
# A closed complaint is shown by how it closed.
CLOSE_OUTCOMES = frozenset(outcome.value for outcome in CloseOutcome)


def _labeller(enum_name: str, words: Wording) -> Callable[[str], str]:
    cache: dict[str, str] = {}

    def label(code: str) -> str:
        if code not in cache:
            key = f"enum.{enum_name}.{code}"
            text = words(key)
            cache[code] = code if text == key else text
        return cache[code]
    return label


class LineCells:
    """Turns register lines into printed cells, wording codes once per code."""

    def __init__(self, words: Wording) -> None:
        self.words = words
        self.category = _labeller("Category", words)
        self.status = _labeller("ComplaintStatus", words)
        self.outcome = _labeller("CloseOutcome", words)
        self.remedy = _labeller("Remedy", words)
        self.callback = _labeller("CallbackOutcome", words)
        self.delivery_kind = _labeller("DeliveryKind", words)
        self.delivery_status = _labeller("DeliveryStatus", words)

    def deliveries(self, codes: str) -> str:
        """`kind:status,…` as the kinds and states of the orders."""
        if not codes:
            return ""
        shown = []
        for code in codes.split(","):
            kind, _, status = code.partition(":")
            shown.append(f"{self.delivery_kind(kind)}·{self.delivery_status(status)}")
        return self.words("text.list_separator").join(shown)

    def attachments(self, line: RegisterLine, short: bool = False) -> str:
        """The line's files by name and SHA-256 (its first 16 digits when `short`)."""
        return "; ".join(f"{name} {sha[:16] if short else sha}" for name, sha in line.attachments)

    def headings(self) -> list[str]:
        return [self.words(f"reports.register.column.{name}") for name, _ in COLUMNS]

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


def printed(value: Figure) -> str:
    """A closing-page figure as the PDF prints it: money with two places and thousands separated."""
    return f"{value:,.2f}" if isinstance(value, Decimal) else str(value)


def statistics_rows(statistics: MonthStatistics, words: Wording) -> list[tuple[str, Figure]]:
    """The month-end statistics as (label, figure) lines; money in yuan."""
    s = statistics
    return [
        (words("reports.register.stat.handled"), s.handled),
        (words("reports.register.stat.received"), s.received),
        (words("reports.register.stat.resolved"), s.resolved),
        (words("reports.register.stat.closed"), s.closed),
        (words("reports.register.stat.deliveries_done"), s.deliveries_done),
        (words("reports.register.stat.pickups_done"), s.pickups_done),
        (words("reports.register.stat.collected"), in_yuan(s.collected_fen)),
        (words("reports.register.stat.refunds"), in_yuan(s.refund_fen)),
        (words("reports.register.stat.compensation"), in_yuan(s.compensation_fen)),
        (words("reports.register.stat.penalties_deducted"), s.penalties_deducted),
        (words("reports.register.stat.penalties_fen"), in_yuan(s.penalties_fen)),
    ]


def totals_rows(totals: RegisterTotals, words: Wording) -> list[tuple[str, Figure]]:
    rows: list[tuple[str, Figure]] = [
        (words("reports.register.total.lines"), totals.lines),
        (words("reports.register.total.paid"), in_yuan(totals.paid_fen)),
        (words("reports.register.total.collected"), in_yuan(totals.collected_fen)),
    ]
    if totals.amendments:
        rows += [(words("reports.register.total.amended_paid"), in_yuan(totals.amended_paid_fen)),
                 (words("reports.register.total.amended_collected"), in_yuan(totals.amended_collected_fen))]
    return rows


def amendment_rows(totals: RegisterTotals, words: Wording) -> list[tuple[str, Figure]]:
    """Each correction to an earlier month: what it amends, on which complaint, and its amount in yuan."""
    kind = _labeller("MoneyKind", words)
    return [(words("reports.register.amendment", amends=item.amends, number=item.number, day=item.day,
                   kind=kind(item.kind), note=item.note),
             in_yuan(item.paid_fen + item.collected_fen)) for item in totals.amendments]


def closing_sections(totals: RegisterTotals, words: Wording) -> list[tuple[str, list[tuple[str, Figure]]]]:
    """The last page: the statistics, the register's totals, and the amendments to earlier months if any."""
    sections = [(words("reports.register.statistics"), statistics_rows(totals.statistics, words)),
                (words("reports.register.totals"), totals_rows(totals, words))]
    if totals.amendments:
        sections.append((words("reports.register.amendments"), amendment_rows(totals, words)))
    return sections
