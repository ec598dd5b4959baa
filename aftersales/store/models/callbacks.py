"""Call-backs to customers and every attempt to reach them."""

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, TextField

from ..fields import UtcField
from .base import BaseModel
from .core import Complaint, Staff
from .deliveries import DeliveryOrder


class Callback(BaseModel):
    """A call the desk owes a customer: to confirm a resolution, a delivery and, with either, a payment."""

    # Indexed through the migration's (complaint, purpose, status); see DeliveryOrder on the other keys.
    complaint = ForeignKeyField(Complaint, backref="callbacks", on_delete="RESTRICT", index=False)
    delivery_order = ForeignKeyField(DeliveryOrder, null=True, on_delete="RESTRICT", index=False)
    purpose = CharField(max_length=20)
    confirm_payment = BooleanField(default=False)
    payment_fen = IntegerField(default=0)
    due_at = UtcField()
    status = CharField(max_length=10)
    outcome = CharField(max_length=20, null=True)
    satisfaction = IntegerField(null=True)
    # Who must call: the complaint's assignee (follows the complaint when it is reassigned).
    assignee = ForeignKeyField(Staff, null=True, on_delete="RESTRICT", index=False)
    attempts = IntegerField(default=0)
    version = IntegerField(default=1)
    created_at = UtcField()
    finished_at = UtcField(null=True)


class CallbackAttempt(BaseModel):
    callback = ForeignKeyField(Callback, backref="attempt_log", on_delete="RESTRICT")
    at = UtcField()
    outcome = CharField(max_length=20)
    satisfaction = IntegerField(null=True)
    note = TextField(default="")
    actor = ForeignKeyField(Staff, null=True, on_delete="RESTRICT", index=False)

    class Meta:
        table_name = "callback_attempt"


CALLBACK_MODELS = [Callback, CallbackAttempt]
