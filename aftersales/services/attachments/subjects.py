"""What an attachment is on: a complaint (TS-…), a delivery order (DO-…), a violation or a visit (by number)."""

from dataclasses import dataclass
from typing import Any

from ...domain.attachments import AttachmentSubject
from ...domain.deliveries import delivery_number, order_id_of
from ...domain.errors import NotFound
from ...store.models import Attachment, Complaint, DeliveryOrder, SupervisionVisit, Violation
from ..unit import unit_of_work


@dataclass(frozen=True)
class Subject:
    """One thing files are attached to, and the complaint it belongs to (if any)."""

    kind: AttachmentSubject
    id: int
    label: str  # as the audit trail and the lists name it: TS-…, DO-…, violation 12, visit 3
    complaint_id: int | None = None

    def columns(self) -> dict[str, Any]:
        """The attachment's subject columns."""
        own = {AttachmentSubject.DELIVERY: "delivery_order", AttachmentSubject.VIOLATION: "violation",
               AttachmentSubject.VISIT: "visit"}
        out: dict[str, Any] = {"subject": self.kind.value, "complaint": self.complaint_id}
        if self.kind in own:
            out[own[self.kind]] = self.id
        return out

    def where(self) -> Any:
        """The attachments of this subject (a complaint's own, not its orders')."""
        field = {AttachmentSubject.COMPLAINT: Attachment.complaint, AttachmentSubject.DELIVERY: Attachment.delivery_order,
                 AttachmentSubject.VIOLATION: Attachment.violation, AttachmentSubject.VISIT: Attachment.visit}[self.kind]
        return (field == self.id) & (Attachment.subject == self.kind.value)


@unit_of_work
def subject_of(kind: AttachmentSubject, key: str | int) -> Subject:
    """The subject `key` names (a complaint or order number, or a violation's or visit's number), inside the
    caller's connection; NotFound naming what was typed."""
    text = str(key).strip()
    if kind is AttachmentSubject.COMPLAINT:
        row = (Complaint.get_or_none(Complaint.id == int(text)) if text.isdigit()
               else Complaint.get_or_none(Complaint.number == text.upper()))
        if row is None:
            raise NotFound(what=text)
        return Subject(kind, row.id, row.number, row.id)
    if kind is AttachmentSubject.DELIVERY:
        order_id = int(text) if text.isdigit() else order_id_of(text)
        order = None if order_id is None else DeliveryOrder.get_or_none(DeliveryOrder.id == order_id)
        if order is None:
            raise NotFound(what=text)
        return Subject(kind, order.id, delivery_number(order.id), order.complaint_id)
    model = Violation if kind is AttachmentSubject.VIOLATION else SupervisionVisit
    found = model.get_or_none(model.id == int(text)) if text.isdigit() else None
    if found is None:
        raise NotFound(what=text)
    return Subject(kind, found.id, f"{kind.value} {found.id}", getattr(found, "complaint_id", None))
