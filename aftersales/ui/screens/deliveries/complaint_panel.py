"""A complaint's delivery orders and call-backs in two lines on its detail (the timeline has the history)."""

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from .... import i18n
from ....domain.callbacks import CallbackStatus, CallbackView
from ....domain.deliveries import DeliveryOrderView, DeliveryStatus
from ....services.callbacks.read import complaint_callbacks
from ....services.deliveries.read import complaint_orders
from ...background import run_in_background
from ...formatting import local_time
from ..callbacks.due_table import purpose_text

SHOWN = 3


@dataclass
class Loaded(Message):
    """The complaint's delivery orders and call-backs."""

    orders: list[DeliveryOrderView]
    callbacks: list[CallbackView]


def orders_line(orders: list[DeliveryOrderView]) -> Text:
    line = Text(i18n.t("deliveries.detail.orders") + "  ", style="dim")
    latest = orders[-SHOWN:]
    for index, order in enumerate(latest):
        if index:
            line.append("; ")
        style = "bold red" if order.status is DeliveryStatus.FAILED else "bold" if order.is_open else ""
        line.append(i18n.t("deliveries.detail.order", number=order.number, status=i18n.label(order.status),
                           date=f"{order.promised_date:%m-%d}", slot=i18n.label(order.slot)), style=style)
        if order.crew:
            line.append(f" · {order.crew}")
    return line


def callbacks_line(callbacks: list[CallbackView], zone: Any) -> Text:
    line = Text(i18n.t("deliveries.detail.callbacks") + "  ", style="dim")
    for index, call in enumerate(callbacks[-SHOWN:]):
        if index:
            line.append("; ")
        state = i18n.label(call.outcome) if call.outcome else i18n.label(call.status)
        if call.attempts:
            state += " · " + i18n.t("deliveries.detail.attempts", count=len(call.attempts))
        line.append(i18n.t("deliveries.detail.callback", purpose=purpose_text(call.purpose, call.confirm_payment),
                           due=local_time(call.due_at, zone), status=state),
                    style="bold" if call.status is CallbackStatus.PENDING else "")
    return line


class ComplaintLogistics(Static):
    """Reads its complaint's orders and call-backs in a thread; hidden while there are none."""

    DEFAULT_CSS = """
    ComplaintLogistics { height: auto; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    ComplaintLogistics.-empty { display: none; }
    """

    def __init__(self, complaint_id: int, **kwargs: Any) -> None:
        super().__init__("", classes="-empty", **kwargs)
        self.complaint_id = complaint_id
        self.loaded: Loaded | None = None

    def reload(self) -> None:
        app: Any = self.app
        zone = app.session.desk.sla.zone
        # The detail says what failed to load; this line just stays hidden.
        run_in_background(
            self, lambda: Loaded(complaint_orders(self.complaint_id), complaint_callbacks(self.complaint_id, zone)),
            group="complaint-logistics", failed=None,
        )

    def on_loaded(self, message: Loaded) -> None:
        message.stop()
        self.loaded = message
        self.show_loaded()

    def show_loaded(self) -> None:
        """Draw what was read last, in the current language."""
        if self.loaded is None:
            return
        app: Any = self.app
        lines = []
        if self.loaded.orders:
            lines.append(orders_line(self.loaded.orders))
        if self.loaded.callbacks:
            lines.append(callbacks_line(self.loaded.callbacks, app.session.desk.sla.zone))
        self.update(Text("\n").join(lines))
        self.set_class(not lines, "-empty")
