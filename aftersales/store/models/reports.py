"""Monthly registers handed over to finance: which file (by its hash and its kept bytes), what it added up to,
who and when."""

from peewee import BlobField, CharField, ForeignKeyField, IntegerField, TextField

from ..fields import UtcField
from .base import BaseModel
from .core import Staff


class RegisterHandover(BaseModel):
    """One register file handed over; a month is handed over once per format."""

    month = CharField(max_length=7)
    format = CharField(max_length=8)
    sha256 = CharField(max_length=64, unique=True)
    size = IntegerField()
    file_name = CharField(max_length=200)
    totals = TextField()  # RegisterTotals as JSON
    handed_by = ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    handed_at = UtcField()
    content = BlobField(null=True)  # the file's bytes as handed over; a reprint writes them back

    class Meta:
        table_name = "register_handover"
        indexes = ((("month", "format"), True),)


REPORT_MODELS = [RegisterHandover]
