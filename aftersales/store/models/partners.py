"""Outside service partners, referrals of complaints to and from them, and the replies logged."""

from peewee import SQL, BooleanField, CharField, DateField, ForeignKeyField, IntegerField, TextField

from ..fields import UtcField
from .base import BaseModel
from .core import Complaint, Staff


class Partner(BaseModel):
    code = CharField(max_length=20, unique=True)
    name = CharField(max_length=80)
    kind = CharField(max_length=24)
    contact = CharField(max_length=40, default="")
    phone = CharField(max_length=20, default="")
    serves = CharField(max_length=200, default="")
    active = BooleanField(default=True)
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])  # two desks may edit one partner


class Referral(BaseModel):
    """A complaint referred to a partner (out) or received from one (in); open until answered."""

    complaint = ForeignKeyField(Complaint, backref="+", on_delete="RESTRICT")
    partner = ForeignKeyField(Partner, backref="+", on_delete="RESTRICT")
    direction = CharField(max_length=4)
    referred_on = DateField()
    reference = CharField(max_length=40, default="")
    # The end of the day the reply is due, in the mall's time zone.
    reply_due_at = UtcField()
    state = CharField(max_length=10)
    note = TextField(default="")
    created_by = ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    created_at = UtcField()
    version = IntegerField(default=1)


class ReferralReply(BaseModel):
    referral = ForeignKeyField(Referral, backref="replies", on_delete="RESTRICT")
    at = UtcField()
    text = TextField()
    final = BooleanField(default=True)
    by = ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")


PARTNER_MODELS = [Partner, Referral, ReferralReply]
