"""The dispatcher's dialogs on one order: accept, crew, completed, failed, reschedule, cancel.

Each saves with the version the board showed; when another dispatcher saved first, the dialog says so,
keeps what was typed and adopts the stored order, so a second save may go through.
"""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Label, Select

from .... import i18n
from ....domain.deliveries import AcceptInput, CrewInput, DeliveryOrderView, FailureReason, OrderLine, Slot
from ....domain.schemas import StaffView
from ....domain.text import mask_phone
from ....services.context import Desk
from ....services.deliveries import orders
from ....services.deliveries.read import get_order
from ...dialogs.form_dialog import FormDialog, filled_input, required_fields
from ...dialogs.form_rows import form_row
from ...formatting import slot_with_hours
from ...widgets.choice_select import ChoiceSelect


def slot_select(value: Slot | None, field_id: str = "field-slot") -> ChoiceSelect:
    """The slots with their hours ("Morning 09:00–12:00"), numbered."""
    return ChoiceSelect([(slot_with_hours(slot), slot.value) for slot in Slot], id=field_id, compact=True,
                        prompt=i18n.t("deliveries.dialog.choose_slot"),
                        value=value.value if value is not None else Select.NULL)


def chosen(select: Select[str]) -> str:
    """The value of a select, or "" while nothing is chosen (the service names it required)."""
    value = select.value
    return "" if value is Select.NULL else str(value)


class OrderDialog(FormDialog[DeliveryOrderView]):
    """A form over one order; `step` (a service of orders) saves it with the version shown when it opened."""

    long_labels = True
    title_key = ""
    step: ClassVar[Callable[[Desk, StaffView, int, dict[str, Any], int], DeliveryOrderView]]

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

    def field_row(self, name: str, label_key: str, widget: Widget) -> ComposeResult:
        """A labelled field and, under it, the place for its error."""
        yield form_row(i18n.t(label_key), widget)
        yield self.field_error(name)

    def crew_row(self) -> ComposeResult:
        yield from self.field_row("crew", "deliveries.dialog.crew",
                                  filled_input(self.order.crew, id="field-crew", max_length=40, compact=True))

    def date_slot_rows(self, promised: date) -> ComposeResult:
        yield from self.field_row("promised_date", "deliveries.dialog.date", filled_input(
            promised.isoformat(), id="field-promised_date", max_length=10, compact=True))
        yield from self.field_row("slot", "deliveries.dialog.slot", slot_select(self.order.slot))

    def text_row(self, name: str, label_key: str) -> ComposeResult:
        yield from self.field_row(name, label_key, Input(id=f"field-{name}", max_length=1000, compact=True,
                                                         select_on_focus=False))

    def perform(self, values: dict[str, Any]) -> DeliveryOrderView:
        session = self.session
        assert session.actor is not None
        return self.step(session.desk, session.actor, self.order.id, values, self.version)

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
    step = staticmethod(orders.accept_order)
    required = required_fields(AcceptInput)

    def order_fields(self) -> ComposeResult:
        yield from self.crew_row()
        yield from self.date_slot_rows(self.order.promised_date)

    def values(self) -> dict[str, Any]:
        return {"crew": self.text("crew"), "promised_date": self.text("promised_date").strip(),
                "slot": chosen(self.query_one("#field-slot", Select))}


class CrewDialog(OrderDialog):
    title_key = "deliveries.dialog.crew_title"
    step = staticmethod(orders.assign_crew)
    required = required_fields(CrewInput)

    def order_fields(self) -> ComposeResult:
        yield from self.crew_row()

    def values(self) -> dict[str, Any]:
        return {"crew": self.text("crew")}


class TextDialog(OrderDialog):
    """A step that asks for one line of text, saved under `field`."""

    field = ""
    label_key = ""

    def order_fields(self) -> ComposeResult:
        yield from self.text_row(self.field, self.label_key)

    def values(self) -> dict[str, Any]:
        return {self.field: self.text(self.field)}


class CompleteDialog(TextDialog):
    title_key = "deliveries.dialog.complete_title"
    step = staticmethod(orders.complete_order)
    field = "note"
    label_key = "deliveries.dialog.note"


class FailDialog(OrderDialog):
    title_key = "deliveries.dialog.fail_title"
    step = staticmethod(orders.fail_order)

    def order_fields(self) -> ComposeResult:
        yield from self.field_row("reason", "deliveries.dialog.reason", ChoiceSelect(
            [(i18n.label(reason), reason.value) for reason in FailureReason], id="field-reason",
            compact=True, prompt=i18n.t("deliveries.dialog.choose_reason")))
        yield from self.text_row("note", "deliveries.dialog.note")

    def values(self) -> dict[str, Any]:
        return {"reason": chosen(self.query_one("#field-reason", Select)), "note": self.text("note")}


class RescheduleDialog(OrderDialog):
    title_key = "deliveries.dialog.reschedule_title"
    step = staticmethod(orders.reschedule_order)

    def order_fields(self) -> ComposeResult:
        today = self.session.desk.clock().astimezone(self.session.desk.sla.zone).date()
        yield from self.date_slot_rows(max(self.order.promised_date, today) + timedelta(days=1))
        yield from self.text_row("note", "deliveries.dialog.note")

    def values(self) -> dict[str, Any]:
        return {"promised_date": self.text("promised_date").strip(),
                "slot": chosen(self.query_one("#field-slot", Select)), "note": self.text("note")}


class CancelDialog(TextDialog):
    title_key = "deliveries.dialog.cancel_title"
    step = staticmethod(orders.cancel_order)
    field = "reason"
    label_key = "deliveries.dialog.cancel_reason"


# Board move → the dialog that carries it out (None: done at once, without a form).
MOVE_DIALOGS: dict[str, type[OrderDialog] | None] = {
    "accept": AcceptDialog, "crew": CrewDialog, "dispatch": None, "complete": CompleteDialog,
    "fail": FailDialog, "reschedule": RescheduleDialog, "cancel": CancelDialog,
}
