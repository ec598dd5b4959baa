"""The reports' summaries: counts per local day, shop and category, and time histograms per local month,
kept in step with the complaint table by database triggers (see store/report_summary.py)."""

from peewee import BigIntegerField, CharField, CompositeKey, IntegerField

from .base import BaseModel


class ReportCount(BaseModel):
    """Complaints of one shop and category received (or closed) on one local day, by one dimension's code."""

    day = IntegerField()  # local days since 1970-01-01
    shop_id = IntegerField()
    category = CharField(max_length=20)
    dimension = CharField(max_length=10)
    code = CharField(max_length=100)
    received = IntegerField(default=0)
    closed = IntegerField(default=0)
    settled = IntegerField(default=0)
    settled_late = IntegerField(default=0)

    class Meta:
        table_name = "report_count"
        primary_key = CompositeKey("day", "shop_id", "category", "dimension", "code")


class ReportHist(BaseModel):
    """How many complaints received in one local month took a time (acknowledgement "a", resolution "r")
    within one bucket of minutes; per shop (severity -1) or per severity (shop 0), and category."""

    month = IntegerField()  # YYYYMM
    shop_id = IntegerField()
    category = CharField(max_length=20)
    severity_rank = IntegerField()
    measure = CharField(max_length=1)
    bucket = IntegerField()
    n = IntegerField(default=0)

    class Meta:
        table_name = "report_hist"
        primary_key = CompositeKey("month", "shop_id", "category", "severity_rank", "measure", "bucket")


class ReportEvent(BaseModel):
    """Call-backs finished, escalations raised and money entered on one local day for the complaints of one
    shop and category, per source and code (see store/report_events.py)."""

    day = IntegerField()  # local days since 1970-01-01
    shop_id = IntegerField()
    category = CharField(max_length=20)
    source = CharField(max_length=10)
    code = CharField(max_length=20)
    n = IntegerField(default=0)
    amount = BigIntegerField(default=0)
    rated = IntegerField(default=0)
    score = IntegerField(default=0)

    class Meta:
        table_name = "report_event"
        primary_key = CompositeKey("day", "shop_id", "category", "source", "code")


REPORT_SUMMARY_MODELS = [ReportCount, ReportHist, ReportEvent]
