"""Files attached to complaints, delivery orders, violations and supervision visits, kept in the database.

The bytes are stored once per SHA-256 however often they are attached; each attachment names its subject,
its file name and who attached it. Both tables are append-only (triggers refuse changes), except that a lead
may withdraw an attachment: it is hidden, and its bytes are kept.
"""

from peewee import BlobField, CharField, ForeignKeyField, IntegerField, TextField

from ..fields import UtcField
from .base import BaseModel
from .core import Complaint, Staff
from .deliveries import DeliveryOrder
from .penalties import Violation
from .supervision import SupervisionVisit


class AttachmentContent(BaseModel):
    """The bytes of one file as stored (location data removed from photos), with a thumbnail for images."""

    sha256 = CharField(max_length=64, primary_key=True)
    size = IntegerField()
    media_type = CharField(max_length=120)
    content = BlobField()
    thumbnail = BlobField(null=True)  # JPEG, at most THUMBNAIL_BOX, for images only
    width = IntegerField(null=True)
    height = IntegerField(null=True)
    stored_at = UtcField()

    class Meta:
        table_name = "attachment_content"


class Attachment(BaseModel):
    """One file attached to one subject: a complaint, or a delivery order, violation or visit (then
    `complaint` is the subject's complaint when it has one)."""

    complaint = ForeignKeyField(Complaint, null=True, backref="+", on_delete="RESTRICT")
    delivery_order = ForeignKeyField(DeliveryOrder, null=True, backref="+", on_delete="RESTRICT")
    violation = ForeignKeyField(Violation, null=True, backref="+", on_delete="RESTRICT")
    visit = ForeignKeyField(SupervisionVisit, null=True, backref="+", on_delete="RESTRICT")
    subject = CharField(max_length=12)  # complaint, delivery, violation or visit
    stored = ForeignKeyField(AttachmentContent, column_name="sha256", backref="+", on_delete="RESTRICT")
    file_name = CharField(max_length=255)
    note = TextField(default="")
    attached_by = ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    attached_at = UtcField()
    withdrawn_at = UtcField(null=True)
    withdrawn_by = ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    withdraw_reason = TextField(default="")

    class Meta:
        table_name = "attachment"
        indexes = (
            (("complaint", "attached_at"), False),
            (("delivery_order",), False),
            (("violation",), False),
            (("visit",), False),
        )


ATTACHMENT_MODELS = [AttachmentContent, Attachment]
