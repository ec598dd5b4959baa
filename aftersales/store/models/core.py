"""The complaint desk's tables: staff, shops, customers, complaints, the audit trail."""

from peewee import (
    SQL,
    BareField,
    BooleanField,
    CharField,
    ForeignKeyField,
    IntegerField,
    TextField,
)
from playhouse.sqlite_ext import RowIDField

from ...domain.enums import DESK_OPEN_STATUSES
from ..fields import UtcField
from .base import BaseModel

_OPEN_LIST = ", ".join(f"'{status.value}'" for status in DESK_OPEN_STATUSES)

class Staff(BaseModel):
    code = CharField(max_length=20, unique=True)
    name = CharField(max_length=40)
    role = CharField(max_length=12)
    active = BooleanField(default=True)
    pin_hash = CharField(max_length=200)
    failed_logins = IntegerField(default=0)
    locked_until = UtcField(null=True)
    created_at = UtcField()
    # Two admins may edit one person at once: a save over a newer version is refused.
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])


class Shop(BaseModel):
    code = CharField(max_length=20, unique=True)
    name = CharField(max_length=60, index=True)
    # The brand the shop sells; empty: the shop's own name is its brand (several shops may share one).
    brand = CharField(max_length=60, default="", constraints=[SQL("DEFAULT ''")])
    unit = CharField(max_length=20, default="")
    category = CharField(max_length=20)
    contact = CharField(max_length=40, default="")
    phone = CharField(max_length=20, default="")
    active = BooleanField(default=True)
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])


class Customer(BaseModel):
    name = CharField(max_length=40)
    phone = CharField(max_length=20, index=True)
    address = CharField(max_length=200, default="")
    created_at = UtcField()


class Complaint(BaseModel):
    number = CharField(max_length=20, unique=True)
    customer = ForeignKeyField(Customer, backref="complaints", on_delete="RESTRICT")
    shop = ForeignKeyField(Shop, backref="complaints", on_delete="RESTRICT")
    product = CharField(max_length=100, default="")
    contract_no = CharField(max_length=40, default="", index=True)
    receipt_no = CharField(max_length=40, default="")
    category = CharField(max_length=20)
    severity = CharField(max_length=10)
    severity_rank = IntegerField()
    channel = CharField(max_length=16)
    remedy = CharField(max_length=16)  # what the customer asked for; kept when the complaint is resolved
    description = TextField()
    major_incident = BooleanField(default=False)
    major_reason = CharField(max_length=24, null=True)
    status = CharField(max_length=20)
    assignee = ForeignKeyField(Staff, null=True, backref="assigned", on_delete="RESTRICT")
    ack_due_at = UtcField()
    resolve_due_at = UtcField()
    acknowledged_at = UtcField(null=True)
    resolved_at = UtcField(null=True)
    closed_at = UtcField(null=True)
    close_outcome = CharField(max_length=20, null=True)
    duplicate_of = ForeignKeyField("self", null=True, on_delete="RESTRICT")
    resolution = TextField(default="")
    remedy_decided = CharField(max_length=16, null=True)  # the remedy decided at resolution
    compensation_fen = IntegerField(default=0)
    satisfaction = IntegerField(null=True)
    # The SLA clock's pause: since when, until when (NULL: until the desk resumes work), and the
    # business time held by the pauses already over (the deadlines above are moved by it).
    hold_since = UtcField(null=True)
    hold_until = UtcField(null=True)
    held_seconds = IntegerField(default=0, constraints=[SQL("DEFAULT 0")])
    version = IntegerField(default=1)
    created_at = UtcField()
    updated_at = UtcField()
    # The earliest reply still awaited on a referral to or from an outside partner (12315 …), else NULL;
    # kept in step by the referral services so the queue shows it like an SLA.
    reply_due_at = UtcField(null=True)
    # The resolution deadline while the desk still owes work, else NULL: the overdue filter and
    # count read a small index instead of the whole history. Computed by the database.
    open_due_at = UtcField(
        null=True,
        constraints=[SQL(f"GENERATED ALWAYS AS (CASE WHEN status IN ({_OPEN_LIST}) THEN resolve_due_at END) STORED")],
    )


class Event(BaseModel):
    """Append-only audit trail, hash-chained; triggers refuse UPDATE and DELETE on SQLite."""

    complaint = ForeignKeyField(Complaint, null=True, backref="events", on_delete="RESTRICT")
    actor = ForeignKeyField(Staff, null=True, on_delete="RESTRICT")
    at = UtcField()
    kind = CharField(max_length=20)
    field = CharField(max_length=30, default="")
    old = TextField(default="")
    new = TextField(default="")
    note = TextField(default="")
    customer_contact = BooleanField(default=False)
    # Where the action came from ("cli" for the command line, "web ADDRESS" for a desk served to a browser,
    # empty for the desk); hashed only when set.
    source = CharField(max_length=64, default="", constraints=[SQL("DEFAULT ''")])
    prev_hash = CharField(max_length=64)
    hash = CharField(max_length=64)


class LoginFailure(BaseModel):
    """Wrong PINs typed for a staff code that matches nobody: counted like an account's, so the answer
    to an unknown code is the same as to a known one."""

    code = CharField(max_length=20, primary_key=True)  # lower case
    failures = IntegerField(default=0)
    locked_until = UtcField(null=True)


class ComplaintFts(BaseModel):
    """The FTS5 trigram table (created by the migrations, SQLite only); joined for search."""

    rowid = RowIDField()
    # FTS5's hidden column named after the table: `<alias>.complaint_fts MATCH ?` searches every column.
    whole_row = BareField(column_name="complaint_fts")

    class Meta:
        table_name = "complaint_fts"


class ComplaintGrams(BaseModel):
    """The FTS5 index of single characters and character pairs (created by the migrations, SQLite only)."""

    rowid = RowIDField()
    whole_row = BareField(column_name="complaint_grams")

    class Meta:
        table_name = "complaint_grams"


class ComplaintText(BaseModel):
    """PostgreSQL's searchable text of each complaint (created and kept by store/server_search.py)."""

    complaint_id = IntegerField(primary_key=True)
    body = TextField()

    class Meta:
        table_name = "complaint_text"


class NumberSequence(BaseModel):
    """Last complaint number handed out per local day."""

    day = CharField(max_length=8, primary_key=True)
    last = IntegerField(default=0)


class Meta(BaseModel):
    """Key/value facts about the database (schema version on PostgreSQL, creation time)."""

    key = CharField(max_length=40, primary_key=True)
    value = TextField()


CORE_MODELS = [Staff, Shop, Customer, Complaint, Event, NumberSequence, Meta]
