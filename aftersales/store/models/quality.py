"""Quality signals: a series (shop, brand or category, per month or week) that broke a control-chart rule."""

from peewee import BooleanField, CharField, FloatField, ForeignKeyField, IntegerField, TextField

from ..fields import UtcField
from .base import BaseModel
from .core import Staff
from .supervision import SupervisionVisit


class QualitySignal(BaseModel):
    """One rule broken by one series at one period, with the figures it was judged by, and what a lead did.

    (grain, period, scope, key, rule) is unique: computing a period again finds the same rows and keeps
    their state, note and visit.
    """

    grain = CharField(max_length=5)
    period = CharField(max_length=8)
    scope = CharField(max_length=8)
    key = CharField(max_length=60)
    label = CharField(max_length=60, default="")
    rule = CharField(max_length=12)
    chart = CharField(max_length=1)
    laney = BooleanField(default=False)
    why = CharField(max_length=40)
    sigma_z = FloatField(default=0.0)
    periods = IntegerField(default=0)
    value = FloatField()
    centre = FloatField()
    lower = FloatField()
    upper = FloatField()
    count = IntegerField()
    exposure = FloatField(null=True)
    since = CharField(max_length=8)
    computed_at = UtcField()
    state = CharField(max_length=13, default="new")
    note = TextField(default="")
    acted_by = ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    acted_at = UtcField(null=True)
    visit = ForeignKeyField(SupervisionVisit, null=True, backref="+", on_delete="RESTRICT")
    version = IntegerField(default=1)

    class Meta:
        table_name = "quality_signal"
        indexes = (
            (("grain", "period", "scope", "key", "rule"), True),
            (("state", "period"), False),
        )


QUALITY_MODELS = [QualitySignal]
