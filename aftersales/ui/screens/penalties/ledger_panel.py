"""One person's (or shop's) ledger: violations in ladder order, their adjustments, the window's running total."""

from zoneinfo import ZoneInfo

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from .... import i18n
from ....domain.penalties.enums import STANDING, DismissalReview, EntryKind, ViolationStatus
from ....domain.penalties.ladder import counts_towards
from ....domain.penalties.policy import PenaltyPolicy
from ....domain.penalties.schemas import LedgerView, ViolationView
from ....domain.text import strip_controls
from ...formatting import local_time
from ...widgets.table_columns import fitting, set_columns
from .wording import money, rule_title, signed, subject_text, tier_text, window_text

# Column → width in cells; the rule takes what is left.
WIDTHS = {"no": 5, "incident": 10, "rule": 0, "tier": 5, "amount": 9, "running": 9, "status": 12}
FLAG = "⚑"


def cell(value: str, style: str = "", width: int = 0) -> Text:
    text = Text(strip_controls(value), style=style, no_wrap=True, overflow="ellipsis")
    if width:
        text.truncate(width, overflow="ellipsis")
    return text


def fill_table(table: DataTable[Text], columns: tuple[str, ...], rows: list[tuple[str, list[Text]]],
               flexible: str, catalog: str = "penalties", optional: tuple[str, ...] = ()) -> None:
    """Replace `table`'s columns and rows, keeping the cursor's row. Widths are set from the cells; the
    `flexible` column gives up what the table's width does not hold, down to 8 cells, and below that the
    `optional` columns go, in their order."""
    headers = [Text(i18n.t(f"{catalog}.col.{name}")) for name in columns]
    widths = [max([header.cell_len] + [cells[i].cell_len for _, cells in rows]) for i, header in enumerate(headers)]
    flex = columns.index(flexible)
    # A table with more rows than its height gives its scroll bar's cells up too.
    scroll_bar = table.styles.scrollbar_size_vertical if len(rows) + 1 > table.size.height else 0
    width = max(table.size.width, 60) - 1 - scroll_bar
    least = [min(w, 8) if i == flex else w for i, w in enumerate(widths)]
    kept = fitting(least, width, [columns.index(name) for name in optional])
    widths = [widths[i] for i in kept]
    flex = kept.index(flex)
    room = width - 2 * len(kept) - sum(w for i, w in enumerate(widths) if i != flex)
    widths[flex] = max(8, min(widths[flex], room))
    row = table.cursor_row
    set_columns(table, f"{catalog}.col.", dict(zip([columns[i] for i in kept], widths, strict=True)))
    for key, cells in rows:
        shown = [cells[i] for i in kept]
        for index, text in enumerate(shown):
            text.truncate(widths[index], overflow="ellipsis")
        table.add_row(*shown, key=key)
    if rows:
        table.move_cursor(row=min(row, len(rows) - 1))


def status_cell(view: ViolationView) -> Text:
    out = Text(i18n.label(view.status), no_wrap=True)
    if view.review in (DismissalReview.OPEN, DismissalReview.JOINED):
        out.append(" " + FLAG, style="bold red")
    return out


class LedgerPanel(Vertical):
    """The ledger table with a summary above and the highlighted violation's story below."""

    DEFAULT_CSS = """
    LedgerPanel { height: 1fr; }
    LedgerPanel #ledger-summary { height: auto; padding: 0 1; }
    LedgerPanel #ledger-detail { height: auto; max-height: 5; padding: 0 1; background: $panel; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.ledger: LedgerView | None = None
        self.rows: dict[str, ViolationView] = {}
        self.policy = PenaltyPolicy()
        self.zone = ZoneInfo("Asia/Shanghai")

    def compose(self) -> ComposeResult:
        yield Static(Text(i18n.t("penalties.loading")), id="ledger-summary")
        yield DataTable(id="ledger-table", classes="section-table", cursor_type="row")
        yield Static("", id="ledger-detail")

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#ledger-table", DataTable)

    def selected(self) -> ViolationView | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(str(key))

    def show(self, ledger: LedgerView, policy: PenaltyPolicy, zone: ZoneInfo) -> None:
        """Put `ledger` on screen, keeping the cursor on the same violation."""
        self.ledger, self.policy, self.zone = ledger, policy, zone
        keep = self.selected()
        self.query_one("#ledger-summary", Static).update(self._summary(ledger))
        table = self.table
        widths = self._widths()
        set_columns(table, "penalties.col.", widths)
        self.rows = {}
        running = 0
        for view in ledger.violations:
            counted = view.status in STANDING and view.incident_date <= ledger.today and counts_towards(
                view.incident_date, ledger.today, ledger.window)
            running += view.amount_fen if counted else 0
            dim = "" if view.status in STANDING else "dim"
            key = f"v{view.id}"
            self.rows[key] = view
            table.add_row(
                cell(f"#{view.id}", dim), cell(view.incident_date.isoformat(), dim),
                cell(rule_title(policy, view.rule_code), dim, widths["rule"]), cell(tier_text(view.tier), dim),
                cell(money(view.amount_fen), dim), cell(money(running) if counted else "", "bold" if counted else ""),
                status_cell(view), key=key,
            )
            for entry in view.entries:
                if entry.kind is EntryKind.ADJUSTMENT:
                    entry_key = f"e{entry.id}"
                    self.rows[entry_key] = view
                    what = f"↳ {entry.month} {i18n.label(entry.kind)}"
                    table.add_row(cell(""), cell(""), cell(what, "italic", widths["rule"]),
                                  cell(tier_move(entry.tier_from, entry.tier_to), "italic"),
                                  cell(signed(entry.amount_fen), "italic"), cell(""), cell(""), key=entry_key)
        if keep is not None and f"v{keep.id}" in self.rows:
            table.move_cursor(row=table.get_row_index(f"v{keep.id}"))
        self._detail()

    def _widths(self) -> dict[str, int]:
        widths = dict(WIDTHS)
        widths["status"] = max(widths["status"], cell_len(i18n.t("penalties.col.status")))
        room = max(self.size.width, 60) - sum(widths.values()) - 2 * len(widths) - 1
        widths["rule"] = max(12, room)
        return widths

    def _summary(self, ledger: LedgerView) -> Text:
        out = Text()
        out.append(subject_text(ledger.subject), style="bold")
        where = window_text(ledger.window, ledger.today)
        window = i18n.label(ledger.window)
        if i18n.current_language() == "en":
            window = window.lower()  # it stands in parentheses inside a sentence
        out.append("  " + i18n.t("penalties.ledger.window", window=window,
                                  where=where[:1].upper() + where[1:], count=ledger.window_count,
                                  amount=money(ledger.window_fen)))
        out.append("\n" + i18n.t("penalties.ledger.money", charged=money(ledger.charged_fen),
                                  deducted=money(ledger.deducted_fen),
                                  open=money(ledger.charged_fen - ledger.deducted_fen)), style="dim")
        if ledger.open_review:
            out.append("  " + FLAG + " " + i18n.label(DismissalReview.OPEN), style="bold red")
        if not ledger.violations:
            out.append("\n" + i18n.t("penalties.ledger.empty"))
        return out

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._detail()

    def _detail(self) -> None:
        view = self.selected()
        detail = self.query_one("#ledger-detail", Static)
        detail.display = view is not None
        if view is not None:
            detail.update(violation_story(view, self.policy, self.zone))

    def on_resize(self) -> None:
        if self.ledger is not None:
            self.show(self.ledger, self.policy, self.zone)


def tier_move(old: int | None, new: int | None) -> str:
    """An adjustment's tiers in digits, `2→1` (a refund of an overturned one: `1→–`)."""
    return f"{old or '–'}→{new or '–'}"


def violation_story(view: ViolationView, policy: PenaltyPolicy, zone: ZoneInfo) -> Text:
    """Who proposed and decided the violation, when, and what was said; literal text."""
    out = Text()
    out.append(f"#{view.id} {rule_title(policy, view.rule_code)}", style="bold")
    out.append(" · " + i18n.t("penalties.story.proposed", who=view.proposed_by, at=local_time(view.proposed_at, zone)))
    if view.decided_by and view.decided_at:
        key = "penalties.story.waived" if view.status is ViolationStatus.WAIVED else "penalties.story.decided"
        out.append(" · " + i18n.t(key, who=view.decided_by, at=local_time(view.decided_at, zone)))
    if view.complaint_number:
        out.append(f" · {view.complaint_number}")
    out.append("\n" + i18n.t("penalties.summary.evidence", text=strip_controls(view.evidence)))
    if view.loss:
        out.append("\n" + i18n.t("penalties.summary.loss", text=strip_controls(view.loss)))
    if view.decision_note:
        out.append("\n" + i18n.t("penalties.story.note", text=strip_controls(view.decision_note)))
    if view.appeal_reason:
        outcome = i18n.label(view.appeal_decision) if view.appeal_decision else i18n.label(view.status)
        out.append("\n" + i18n.t("penalties.story.appeal", text=strip_controls(view.appeal_reason), outcome=outcome))
    if view.review is not DismissalReview.NONE:
        out.append("\n" + FLAG + " " + i18n.label(view.review), style="bold red" if view.review in (DismissalReview.OPEN, DismissalReview.JOINED) else "")
        if view.review_of:
            out.append(" · " + i18n.t("penalties.story.review_of", id=view.review_of))
    return out
