"""Escalations of complaints to the team lead (level 1) and the management manager (level 2)."""

from peewee import CharField, ForeignKeyField, IntegerField, TextField

from ..fields import UtcField
from .base import BaseModel
from .core import Complaint, Staff


class Escalation(BaseModel):
    """One escalation; `rule` names the automatic rule that raised it (NULL when raised by hand).

    (complaint, rule) is unique, so the sweep can never raise the same escalation twice, even when two
    processes sweep at once: the second INSERT does nothing.
    """

    complaint = ForeignKeyField(Complaint, backref="escalations", on_delete="RESTRICT")
    level = IntegerField()
    # The complaint's severity rank (it never changes), kept here so the review queue's order is an index's.
    severity_rank = IntegerField(default=0)
    trigger = CharField(max_length=20)
    rule = CharField(max_length=10, null=True)
    reason = TextField(default="")
    state = CharField(max_length=14, default="open")
    raised_by = ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    raised_at = UtcField()
    acknowledged_by = ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    acknowledged_at = UtcField(null=True)
    instructions = TextField(default="")
    decision = TextField(default="")
    closed_by = ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    closed_at = UtcField(null=True)
    version = IntegerField(default=1)

    class Meta:
        indexes = ((("complaint", "rule"), True),)


ESCALATION_MODELS = [Escalation]
