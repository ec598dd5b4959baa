"""The sales documents' tables: numbers stored as disjoint ranges in one state, and the moves that made them."""

from peewee import BigIntegerField, CharField, ForeignKeyField, TextField

from ..fields import UtcField
from .base import BaseModel
from .core import Shop, Staff


class DocumentRange(BaseModel):
    """Numbers first..last of one kind, all in one state; ranges of a kind never overlap."""

    kind = CharField(max_length=12)
    first = BigIntegerField()
    last = BigIntegerField()
    state = CharField(max_length=12)
    shop = ForeignKeyField(Shop, null=True, backref="+", on_delete="RESTRICT")
    since = UtcField()

    class Meta:
        indexes = ((("kind", "first"), True),)


class DocumentMoveRecord(BaseModel):
    """One move of a range (received, issued, returned, used, voided, lost): the numbers' history."""

    kind = CharField(max_length=12)
    move = CharField(max_length=12)
    first = BigIntegerField()
    last = BigIntegerField()
    shop = ForeignKeyField(Shop, null=True, backref="+", on_delete="RESTRICT")
    at = UtcField()
    actor = ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    note = TextField(default="")

    class Meta:
        table_name = "document_move"
        indexes = ((("kind", "first"), False),)


DOCUMENT_MODELS = [DocumentRange, DocumentMoveRecord]
