"""Delivery orders sent to the mall's delivery center, and each failed run with its reason."""

from peewee import BooleanField, CharField, DateField, ForeignKeyField, IntegerField, TextField

from ..fields import UtcField
from .base import BaseModel
from .core import Complaint, Shop, Staff


class DeliveryOrder(BaseModel):
    """One order (配送单); its number is derived from the id (domain.deliveries.delivery_number)."""

    # Foreign keys without an index of their own where a migration's index leads with them or nothing looks
    # rows up by them (staff and shops are deactivated, never deleted): fewer indexes to keep and to build.
    complaint = ForeignKeyField(Complaint, backref="delivery_orders", on_delete="RESTRICT", index=False)
    # The complaint's number (it never changes), so a day's board reads no complaint rows.
    complaint_number = CharField(max_length=20)
    # The complaint's shop, kept here so per-shop delivery quality reads orders alone.
    shop = ForeignKeyField(Shop, on_delete="RESTRICT", index=False)
    kind = CharField(max_length=16)
    address = CharField(max_length=200)
    contact_name = CharField(max_length=40)
    contact_phone = CharField(max_length=20)
    items = TextField()
    promised_date = DateField()
    slot = CharField(max_length=10)
    # The first promise, which a reschedule leaves alone: quality counts an order in the period it was promised for.
    first_promised_date = DateField()
    crew = CharField(max_length=40, default="")
    status = CharField(max_length=20)
    failure_reason = CharField(max_length=20, null=True)
    failures = IntegerField(default=0)
    reschedules = IntegerField(default=0)
    notes = TextField(default="")
    completion_note = TextField(default="")
    cancel_reason = TextField(default="")
    collect_fen = IntegerField(default=0)
    # Decided when the order completes: True when done by the end of its promised slot on its promised date,
    # False late; None while open, and on a completed order done before its promised day (early).
    on_time = BooleanField(null=True)
    created_by = ForeignKeyField(Staff, null=True, on_delete="RESTRICT", index=False)
    version = IntegerField(default=1)
    created_at = UtcField()
    updated_at = UtcField()
    completed_at = UtcField(null=True)

    class Meta:
        table_name = "delivery_order"


class DeliveryFailure(BaseModel):
    """A run that failed, with its reason: the failure rate by reason counts these."""

    order = ForeignKeyField(DeliveryOrder, backref="failure_log", on_delete="RESTRICT")
    shop = ForeignKeyField(Shop, on_delete="RESTRICT", index=False)
    promised_date = DateField()
    reason = CharField(max_length=20)
    note = TextField(default="")
    actor = ForeignKeyField(Staff, null=True, on_delete="RESTRICT", index=False)
    at = UtcField()

    class Meta:
        table_name = "delivery_failure"


DELIVERY_MODELS = [DeliveryOrder, DeliveryFailure]
