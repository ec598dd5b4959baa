"""Money as dated entries, and the months closed by a register's hand-over."""

from peewee import CharField, DateField, ForeignKeyField, IntegerField, TextField

from ..fields import UtcField
from .base import BaseModel
from .core import Complaint, Staff
from .deliveries import DeliveryOrder


class MoneyEntry(BaseModel):
    """One payment, refund, compensation or collection, on the mall's calendar day it happened.

    Append-only (triggers refuse UPDATE and DELETE): a correction is a new entry, and one written after its
    month was closed names the month it amends.
    """

    complaint = ForeignKeyField(Complaint, backref="+", on_delete="RESTRICT")
    delivery_order = ForeignKeyField(DeliveryOrder, null=True, backref="+", on_delete="RESTRICT")
    kind = CharField(max_length=12)
    amount_fen = IntegerField()
    day = DateField(index=True)  # local date, by the mall's clock
    amends = CharField(max_length=7, null=True)  # YYYY-MM of a closed month this entry corrects
    note = TextField(default="")
    recorded_by = ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    recorded_at = UtcField()

    class Meta:
        table_name = "money_entry"
        indexes = ((("complaint", "day"), False),)


class ClosedMonth(BaseModel):
    """A month handed over to finance: nothing dated inside it (UTC bounds of its local days) is written."""

    month = CharField(max_length=7, primary_key=True)
    starts_at = UtcField()
    ends_at = UtcField(index=True)
    closed_at = UtcField()


MONEY_MODELS = [MoneyEntry, ClosedMonth]
