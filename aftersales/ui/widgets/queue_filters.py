"""The queue's filter dialog: one Select per column the queue can be narrowed by."""

from enum import Enum
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label, Select

from ... import i18n
from ...domain.enums import Category, ComplaintStatus, Severity
from ...domain.schemas import ShopView, StaffView
from ...services.queue import QueueFilter
from ..bindings import translate_bindings


def _enum_options(enum: type[Enum]) -> list[tuple[Text, str]]:
    return [(Text(i18n.label(member)), str(member.value)) for member in enum]


def _value(select: Select[Any]) -> Any:
    return None if select.value is Select.NULL else select.value


class QueueFilterDialog(ModalScreen[QueueFilter | None]):
    """Pick status, shop, category, severity and assignee; returns the new filter or None."""

    DEFAULT_CSS = """
    QueueFilterDialog { align: center middle; }
    QueueFilterDialog > Vertical {
        width: 70; height: auto; padding: 0 2; border: thick $accent; background: $surface;
    }
    QueueFilterDialog .title { text-style: bold; margin: 1 0; }
    QueueFilterDialog Horizontal { height: auto; }
    QueueFilterDialog .field-label { width: 14; height: 3; content-align: left middle; }
    QueueFilterDialog Select { width: 1fr; }
    QueueFilterDialog .buttons { margin: 1 0; }
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
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        cur = self.current
        shop_options = [(Text(f"{s.code} {s.name}"), s.code) for s in self.shops]
        if cur.shop_code and cur.shop_code not in {s.code for s in self.shops}:
            shop_options.append((Text(cur.shop_code), cur.shop_code))
        staff_options = [(Text(f"{s.code} {s.name}"), s.code) for s in self.staff]
        if cur.assignee_code and cur.assignee_code not in {s.code for s in self.staff}:
            staff_options.append((Text(cur.assignee_code), cur.assignee_code))
        fields: list[tuple[str, list[tuple[Text, str]], str | None]] = [
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
                    yield Select(options, prompt=i18n.t("queue.dialog.any"), id=f"filter-{name}",
                                 value=value if value else Select.NULL)
            with Horizontal():
                yield Checkbox(i18n.t("queue.dialog.mine"), cur.mine, id="filter-mine")
                yield Checkbox(i18n.t("queue.dialog.overdue"), cur.overdue, id="filter-overdue")
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
        )

    @on(Button.Pressed, "#filter-apply")
    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    @on(Button.Pressed, "#filter-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
