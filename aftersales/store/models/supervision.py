"""Supervision visits to shops and the rectifications they ask for."""

from peewee import CharField, DateField, ForeignKeyField, IntegerField, TextField

from ..fields import UtcField
from .base import BaseModel
from .core import Shop, Staff


class SupervisionVisit(BaseModel):
    """A visit to a shop; an open rectification with a due date waits for a follow-up to close it."""

    shop = ForeignKeyField(Shop, backref="+", on_delete="RESTRICT")
    visited_on = DateField()
    findings = TextField()
    rectification = TextField(default="")
    due_on = DateField(null=True)
    state = CharField(max_length=8)
    followed_up_on = DateField(null=True)
    follow_up = TextField(default="")
    recorded_by = ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    recorded_at = UtcField()
    closed_by = ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    version = IntegerField(default=1)


SUPERVISION_MODELS = [SupervisionVisit]
