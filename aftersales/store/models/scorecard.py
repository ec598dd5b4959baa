"""The shop scorecards' summary: complaint figures per shop, local month and category, kept in step with
the complaint table by database triggers (see store/shop_summary.py)."""

from peewee import BigIntegerField, CharField, CompositeKey, IntegerField

from .base import BaseModel


class ShopMonth(BaseModel):
    """Sums over the complaints received by one shop in one local month, of one category."""

    shop_id = IntegerField()
    month = CharField(max_length=7)
    category = CharField(max_length=20)
    complaints = IntegerField(default=0)
    acknowledged = IntegerField(default=0)
    ack_late = IntegerField(default=0)
    ack_seconds = BigIntegerField(default=0)
    resolved = IntegerField(default=0)
    resolve_late = IntegerField(default=0)
    resolve_seconds = BigIntegerField(default=0)
    rated = IntegerField(default=0)
    rating_sum = IntegerField(default=0)
    unsatisfied = IntegerField(default=0)

    class Meta:
        table_name = "shop_month"
        primary_key = CompositeKey("shop_id", "month", "category")


SCORECARD_MODELS = [ShopMonth]
