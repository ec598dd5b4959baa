"""Dispatching a delivery order from a complaint's detail: kind, address and contact (the customer's,
filled in), items, promised date and slot, money to collect, notes."""

from datetime import timedelta
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Select

from .... import i18n
from ....domain.deliveries import DeliveryKind, DeliveryOrderInput
from ....domain.enums import Remedy
from ....domain.schemas import ComplaintView, StaffView
from ....services.context import Desk
from ....services.deliveries.orders import create_order
from ...dialogs.form_dialog import filled_input, parse_yuan, required_fields
from ...dialogs.form_rows import form_row
from ...widgets.choice_select import ChoiceSelect
from ..complaints.detail_dialogs import ActionDialog
from .order_dialogs import chosen, slot_select

# The kind a remedy usually needs, chosen first in the list.
KIND_OF_REMEDY = {Remedy.REPAIR: DeliveryKind.REPAIR_VISIT, Remedy.REPLACE: DeliveryKind.REPLACE,
                  Remedy.RETURN_REFUND: DeliveryKind.PICKUP}


class DispatchDialog(ActionDialog):
    """A delivery order for the complaint; saving moves it to awaiting delivery."""

    long_labels = True
    title_key = "deliveries.dialog.dispatch_title"
    required = required_fields(DeliveryOrderInput)

    def compose_fields(self) -> ComposeResult:
        complaint = self.complaint
        customer = complaint.customer
        desk = self.session.desk
        tomorrow = desk.clock().astimezone(desk.sla.zone).date() + timedelta(days=1)
        kind = KIND_OF_REMEDY.get(complaint.remedy, DeliveryKind.REDELIVER)
        rows: list[tuple[str, str, Any]] = [
            ("kind", "kind", ChoiceSelect([(i18n.label(k), k.value) for k in DeliveryKind], id="field-kind",
                                          compact=True, value=kind.value, prompt=i18n.t("deliveries.dialog.choose_kind"))),
            ("address", "address", filled_input(customer.address, id="field-address", max_length=200, compact=True)),
            ("contact_name", "contact", filled_input(customer.name, id="field-contact_name", max_length=40,
                                                     compact=True)),
            ("contact_phone", "phone", filled_input(customer.phone, id="field-contact_phone", max_length=20,
                                                    compact=True)),
            ("items", "items", filled_input(f"{complaint.product} 1 件" if complaint.product else "",
                                            id="field-items", max_length=500, compact=True)),
            ("promised_date", "date", filled_input(tomorrow.isoformat(), id="field-promised_date", max_length=10,
                                                   compact=True)),
            ("slot", "slot", slot_select(None)),
            ("collect_fen", "collect", Input(id="field-collect_fen", max_length=16, compact=True, placeholder="0",
                                             select_on_focus=False)),
            ("notes", "notes", Input(id="field-notes", max_length=1000, compact=True, select_on_focus=False)),
        ]
        for name, label, field in rows:
            yield form_row(i18n.t(f"deliveries.dialog.{label}"), field)
            yield self.field_error(name)

    def on_mount(self) -> None:
        self.query_one("#field-items", Input).focus()

    def text(self, name: str) -> str:
        return self.query_one(f"#field-{name}", Input).value

    def values(self) -> dict[str, Any]:
        return {
            "kind": chosen(self.query_one("#field-kind", Select)),
            "address": self.text("address"),
            "contact_name": self.text("contact_name"),
            "contact_phone": self.text("contact_phone"),
            "items": self.text("items"),
            "promised_date": self.text("promised_date").strip(),
            "slot": chosen(self.query_one("#field-slot", Select)),
            "collect_fen": parse_yuan(self.text("collect_fen"), "collect_fen"),
            "notes": self.text("notes"),
        }

    def act(self, desk: Desk, actor: StaffView, complaint: ComplaintView, version: int,
            values: dict[str, Any]) -> Any:
        return create_order(desk, actor, complaint.id, values, version)

