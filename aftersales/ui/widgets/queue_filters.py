"""The queue's filters: the dialog that picks them (one Select per column) and the status line that says them."""

from enum import Enum
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Label, Select

from ... import i18n
from ...domain.enums import Category, ComplaintStatus, Severity
from ...domain.schemas import ShopView, StaffView
from ...services.complaints.queue import QueueFilter, QueueSort, effective_sort
from ..dialogs.modal import DeskModal
from .choice_select import ChoiceSelect
from .tick_box import TickBox

# Counting stops here, so a huge queue stays cheap to count.
COUNT_CAP = 100_000
SORT_CYCLE = [QueueSort.NEWEST, QueueSort.OLDEST, QueueSort.SEVERITY, QueueSort.DUE]


def _enum_options(enum: type[Enum]) -> list[tuple[str, str]]:
    return [(i18n.label(member), str(member.value)) for member in enum]


def _value(select: Select[Any]) -> Any:
    return None if select.value is Select.NULL else select.value


class QueueFilterDialog(DeskModal[QueueFilter | None]):
    """Pick status, shop, category, severity and assignee; returns the new filter or None."""

    DEFAULT_CSS = """
    QueueFilterDialog > Vertical { width: 70; padding: 0 2; border: thick $accent; overflow-y: auto; }
    QueueFilterDialog Horizontal { height: auto; margin-bottom: 1; }
    QueueFilterDialog .field-label { width: 14; height: 1; }
    QueueFilterDialog Select { width: 1fr; height: 1; }
    QueueFilterDialog.-short Horizontal { margin-bottom: 0; }
    QueueFilterDialog Checkbox { margin-right: 4; }
    QueueFilterDialog .buttons { margin: 0 0 1 0; }
    QueueFilterDialog Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "queue.dialog.cancel", id="queue.filter.cancel"),
        Binding("f2", "apply", "queue.dialog.apply", id="queue.filter.apply"),
    ]

    def __init__(self, current: QueueFilter, shops: list[ShopView], staff: list[StaffView]) -> None:
        super().__init__()
        self.current = current
        self.shops = shops
        self.staff = staff

    def compose(self) -> ComposeResult:
        cur = self.current
        shop_options = [(f"{s.code} {s.name}", s.code) for s in self.shops]
        if cur.shop_code and cur.shop_code not in {s.code for s in self.shops}:
            shop_options.append((cur.shop_code, cur.shop_code))
        staff_options = [(f"{s.code} {s.name}", s.code) for s in self.staff]
        if cur.assignee_code and cur.assignee_code not in {s.code for s in self.staff}:
            staff_options.append((cur.assignee_code, cur.assignee_code))
        fields: list[tuple[str, list[tuple[str, str]], str | None]] = [
            ("status", _enum_options(ComplaintStatus), cur.status.value if cur.status else None),
            ("shop", shop_options, cur.shop_code),
            ("category", _enum_options(Category), cur.category.value if cur.category else None),
            ("severity", _enum_options(Severity), cur.severity.value if cur.severity else None),
            ("assignee", staff_options, cur.assignee_code),
        ]
        with Vertical():
            yield Label(i18n.t("queue.dialog.title"), classes="title")
            for name, options, value in fields:
                with Horizontal():
                    yield Label(i18n.t(f"queue.dialog.{name}"), classes="field-label")
                    yield ChoiceSelect(options, prompt=i18n.t("queue.dialog.any"), id=f"filter-{name}",
                                 value=value if value else Select.NULL, compact=True)
            with Horizontal():
                yield TickBox(i18n.t("queue.dialog.mine"), cur.mine, id="filter-mine", compact=True)
                yield TickBox(i18n.t("queue.dialog.overdue"), cur.overdue, id="filter-overdue", compact=True)
            with Horizontal(classes="buttons"):
                yield Button(i18n.t("queue.dialog.apply"), variant="primary", id="filter-apply")
                yield Button(i18n.t("queue.dialog.cancel"), id="filter-cancel")

    def chosen(self) -> QueueFilter:
        """The filter the dialog shows now (search text is kept from before)."""
        status = _value(self.query_one("#filter-status", Select))
        category = _value(self.query_one("#filter-category", Select))
        severity = _value(self.query_one("#filter-severity", Select))
        return QueueFilter(
            status=ComplaintStatus(status) if status else None,
            shop_code=_value(self.query_one("#filter-shop", Select)),
            category=Category(category) if category else None,
            severity=Severity(severity) if severity else None,
            assignee_code=_value(self.query_one("#filter-assignee", Select)),
            mine=self.query_one("#filter-mine", Checkbox).value,
            overdue=self.query_one("#filter-overdue", Checkbox).value,
            search=self.current.search,
            ids=self.current.ids,
            about=self.current.about,
        )

    @on(Button.Pressed, "#filter-apply")
    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    @on(Button.Pressed, "#filter-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def sort_locked_by(filt: QueueFilter) -> str | None:
    """Why the sort key cannot change the order now ("search", "overdue"), or None when it can."""
    if len({effective_sort(filt, sort) for sort in SORT_CYCLE}) > 1:
        return None
    return "search" if filt.search.strip() else "overdue"


def status_line(filt: QueueFilter, sort: QueueSort, count: int | None, error: str = "") -> Text:
    """Match count, the order the rows really come in and active filters, in one line."""
    if error:
        return Text(error, style="bold red")
    if count is None:
        head = i18n.t("queue.loading")
    elif count >= COUNT_CAP:
        head = i18n.t("queue.count_capped", count=f"{COUNT_CAP:,}")
    elif count == 0:
        head = i18n.t("queue.empty")
    elif count == 1:
        head = i18n.t("queue.count_one")
    else:
        head = i18n.t("queue.count", count=f"{count:,}")
    order = i18n.t("queue.sorted_by", sort=i18n.t(f"queue.sort.{sort.value}"))
    locked = sort_locked_by(filt)
    if locked is not None:
        order = i18n.t("queue.sorted_fixed", order=order, reason=i18n.t(f"queue.sort_fixed.{locked}"))
    parts = [head, order]
    active = [
        i18n.t("queue.filter.status", value=i18n.label(filt.status)) if filt.status else "",
        i18n.t("queue.filter.shop", value=filt.shop_code) if filt.shop_code else "",
        i18n.t("queue.filter.category", value=i18n.label(filt.category)) if filt.category else "",
        i18n.t("queue.filter.severity", value=i18n.label(filt.severity)) if filt.severity else "",
        i18n.t("queue.filter.assignee", value=filt.assignee_code) if filt.assignee_code else "",
        i18n.t("queue.filter.mine") if filt.mine else "",
        i18n.t("queue.filter.overdue") if filt.overdue else "",
        i18n.t("queue.filter.search", value=filt.search) if filt.search else "",
        filt.about if filt.ids else "",
    ]
    parts.append(", ".join(a for a in active if a) or i18n.t("queue.filters_none"))
    return Text(" · ".join(parts))
