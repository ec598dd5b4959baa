"""The dispatcher's dialogs on one order: accept, crew, completed, failed, reschedule, cancel.

Each saves with the version the board showed; when another dispatcher saved first, the dialog says so,
keeps what was typed and adopts the stored order, so a second save may go through.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from .... import i18n
from ....domain.deliveries import DeliveryOrderView, FailureReason, OrderLine, Slot
from ....domain.schemas import StaffView
from ....domain.text import mask_phone
from ....services.context import Desk
from ....services.deliveries import orders
from ....services.deliveries.read import get_order
from ...dialogs.form_dialog import FormDialog, filled_input
from ...dialogs.form_rows import form_row


def slot_select(value: Slot | None, field_id: str = "field-slot") -> Select[str]:
    return Select([(Text(i18n.label(slot)), slot.value) for slot in Slot], id=field_id, compact=True,
                  prompt=i18n.t("deliveries.dialog.choose_slot"),
                  value=value.value if value is not None else Select.NULL)


def chosen(select: Select[str]) -> str:
    """The value of a select, or "" while nothing is chosen (the service names it required)."""
    value = select.value
    return "" if value is Select.NULL else str(value)


class OrderDialog(FormDialog[DeliveryOrderView]):
    """A form over one order; `act` calls the service with the version shown when it opened."""

    long_labels = True
    title_key = ""

    def __init__(self, order: DeliveryOrderView | OrderLine, on_conflict: Callable[[], None] | None = None) -> None:
        super().__init__(on_conflict)
        self.order = order
        self.version = order.version

    def title_text(self) -> str:
        return i18n.t(self.title_key, number=self.order.number)

    def compose_fields(self) -> ComposeResult:
        order = self.order
        facts = (f"{order.complaint_number} · {order.contact_name} {mask_phone(order.contact_phone)} · "
                 f"{order.promised_date:%m-%d} {i18n.label(order.slot)}\n{order.address} · {order.items}")
        yield Label(Text(facts), classes="form-facts")
        yield from self.order_fields()

    def order_fields(self) -> ComposeResult:
        yield from ()

    def act(self, desk: Desk, actor: StaffView, order_id: int, version: int,
            values: dict[str, Any]) -> DeliveryOrderView:
        raise NotImplementedError

    def perform(self, values: dict[str, Any]) -> DeliveryOrderView:
        session = self.session
        assert session.actor is not None
        return self.act(session.desk, session.actor, self.order.id, self.version, values)

    def reread(self) -> DeliveryOrderView:
        return get_order(self.order.id)

    def conflicted(self, current: Any) -> None:
        self.order = current
        self.version = current.version

    def text(self, name: str) -> str:
        return self.query_one(f"#field-{name}", Input).value


class AcceptDialog(OrderDialog):
    """Take the order: the crew, and the promised date and slot confirmed or moved."""

    title_key = "deliveries.dialog.accept_title"

    def order_fields(self) -> ComposeResult:
        yield form_row(i18n.t("deliveries.dialog.crew"), filled_input(self.order.crew, id="field-crew",
                                                                      max_length=40, compact=True))
        yield self.field_error("crew")
        yield form_row(i18n.t("deliveries.dialog.date"), filled_input(
            self.order.promised_date.isoformat(), id="field-promised_date", max_length=10, compact=True))
        yield self.field_error("promised_date")
        yield form_row(i18n.t("deliveries.dialog.slot"), slot_select(self.order.slot))
        yield self.field_error("slot")

    def values(self) -> dict[str, Any]:
        return {"crew": self.text("crew"), "promised_date": self.text("promised_date").strip(),
                "slot": chosen(self.query_one("#field-slot", Select))}

    def act(self, desk: Desk, actor: StaffView, order_id: int, version: int,
            values: dict[str, Any]) -> DeliveryOrderView:
        return orders.accept_order(desk, actor, order_id, values, version)


class CrewDialog(OrderDialog):
    title_key = "deliveries.dialog.crew_title"

    def order_fields(self) -> ComposeResult:
        yield form_row(i18n.t("deliveries.dialog.crew"), filled_input(self.order.crew, id="field-crew",
                                                                      max_length=40, compact=True))
        yield self.field_error("crew")

    def values(self) -> dict[str, Any]:
        return {"crew": self.text("crew")}

    def act(self, desk: Desk, actor: StaffView, order_id: int, version: int,
            values: dict[str, Any]) -> DeliveryOrderView:
        return orders.assign_crew(desk, actor, order_id, values, version)


class CompleteDialog(OrderDialog):
    title_key = "deliveries.dialog.complete_title"

    def order_fields(self) -> ComposeResult:
        yield form_row(i18n.t("deliveries.dialog.note"), Input(id="field-note", max_length=1000, compact=True,
                                                                select_on_focus=False))
        yield self.field_error("note")

    def values(self) -> dict[str, Any]:
        return {"note": self.text("note")}

    def act(self, desk: Desk, actor: StaffView, order_id: int, version: int,
            values: dict[str, Any]) -> DeliveryOrderView:
        return orders.complete_order(desk, actor, order_id, values, version)


class FailDialog(OrderDialog):
    title_key = "deliveries.dialog.fail_title"

    def order_fields(self) -> ComposeResult:
        yield form_row(i18n.t("deliveries.dialog.reason"), Select(
            [(Text(i18n.label(reason)), reason.value) for reason in FailureReason], id="field-reason",
            compact=True, prompt=i18n.t("deliveries.dialog.choose_reason")))
        yield self.field_error("reason")
        yield form_row(i18n.t("deliveries.dialog.note"), Input(id="field-note", max_length=1000, compact=True,
                                                                select_on_focus=False))
        yield self.field_error("note")

    def values(self) -> dict[str, Any]:
        return {"reason": chosen(self.query_one("#field-reason", Select)), "note": self.text("note")}

    def act(self, desk: Desk, actor: StaffView, order_id: int, version: int,
            values: dict[str, Any]) -> DeliveryOrderView:
        return orders.fail_order(desk, actor, order_id, values, version)


class RescheduleDialog(OrderDialog):
    title_key = "deliveries.dialog.reschedule_title"

    def order_fields(self) -> ComposeResult:
        today = self.session.desk.clock().astimezone(self.session.desk.sla.zone).date()
        proposal = max(self.order.promised_date, today) + timedelta(days=1)
        yield form_row(i18n.t("deliveries.dialog.date"), filled_input(
            proposal.isoformat(), id="field-promised_date", max_length=10, compact=True))
        yield self.field_error("promised_date")
        yield form_row(i18n.t("deliveries.dialog.slot"), slot_select(self.order.slot))
        yield self.field_error("slot")
        yield form_row(i18n.t("deliveries.dialog.note"), Input(id="field-note", max_length=1000, compact=True,
                                                                select_on_focus=False))
        yield self.field_error("note")

    def values(self) -> dict[str, Any]:
        return {"promised_date": self.text("promised_date").strip(),
                "slot": chosen(self.query_one("#field-slot", Select)), "note": self.text("note")}

    def act(self, desk: Desk, actor: StaffView, order_id: int, version: int,
            values: dict[str, Any]) -> DeliveryOrderView:
        return orders.reschedule_order(desk, actor, order_id, values, version)


class CancelDialog(OrderDialog):
    title_key = "deliveries.dialog.cancel_title"

    def order_fields(self) -> ComposeResult:
        yield form_row(i18n.t("deliveries.dialog.cancel_reason"), Input(
            id="field-reason", max_length=1000, compact=True, select_on_focus=False))
        yield self.field_error("reason")

    def values(self) -> dict[str, Any]:
        return {"reason": self.text("reason")}

    def act(self, desk: Desk, actor: StaffView, order_id: int, version: int,
            values: dict[str, Any]) -> DeliveryOrderView:
        return orders.cancel_order(desk, actor, order_id, values, version)


# Board move → the dialog that carries it out (None: done at once, without a form).
MOVE_DIALOGS: dict[str, type[OrderDialog] | None] = {
    "accept": AcceptDialog, "crew": CrewDialog, "dispatch": None, "complete": CompleteDialog,
    "fail": FailDialog, "reschedule": RescheduleDialog, "cancel": CancelDialog,
}
