"""The penalty ledger's tables: violations, their money entries, and the finalised payroll months."""

from peewee import BooleanField, CharField, DateField, ForeignKeyField, IntegerField, TextField

from ..fields import UtcField
from .base import BaseModel
from .core import Complaint, Shop, Staff


class Violation(BaseModel):
    """A violation held against a staff member, a shop or the after-sales department (no subject row)."""

    subject_kind = CharField(max_length=12)
    subject_staff = ForeignKeyField(Staff, null=True, backref="violations", on_delete="RESTRICT")
    subject_shop = ForeignKeyField(Shop, null=True, backref="violations", on_delete="RESTRICT")
    rule_code = CharField(max_length=40)
    rule_kind = CharField(max_length=16)
    incident_date = DateField()
    complaint = ForeignKeyField(Complaint, null=True, backref="+", on_delete="RESTRICT")
    evidence = TextField()
    loss = TextField(default="")
    status = CharField(max_length=12, index=True)
    proposed_by = ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    proposed_at = UtcField()
    # The confirmation or the waiver.
    decided_by = ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    decided_at = UtcField(null=True)
    decision_note = TextField(default="")
    # Ladder violations once confirmed; the amount is what the violation costs while it stands.
    tier = IntegerField(null=True)
    amount_fen = IntegerField(default=0)
    appeal_reason = TextField(default="")
    appealed_by = ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    appealed_at = UtcField(null=True)
    appeal_decision = CharField(max_length=12, null=True)
    appeal_note = TextField(default="")
    appeal_decided_by = ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    appeal_decided_at = UtcField(null=True)
    review = CharField(max_length=12, default="none")
    review_note = TextField(default="")
    review_decided_by = ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    review_decided_at = UtcField(null=True)
    # The violation holding the review this one joined (review "joined", or that review's outcome).
    review_of = ForeignKeyField("self", null=True, backref="+")  # checked per statement: a bulk delete may go
    version = IntegerField(default=1)


class PenaltyEntry(BaseModel):
    """Money in one payroll month: a violation's charge, or a later adjustment (negative: a refund).

    Entries are only ever added; finalising their month marks them deducted.
    """

    violation = ForeignKeyField(Violation, backref="entries", on_delete="RESTRICT")
    month = CharField(max_length=7, index=True)
    kind = CharField(max_length=12)
    amount_fen = IntegerField()
    tier_from = IntegerField(null=True)
    tier_to = IntegerField(null=True)
    note = TextField(default="")
    created_at = UtcField()
    created_by = ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    deducted = BooleanField(default=False)


class PayrollMonth(BaseModel):
    """A finalised (locked) payroll month."""

    month = CharField(max_length=7, primary_key=True)
    finalised_at = UtcField()
    finalised_by = ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    entries = IntegerField()
    total_fen = IntegerField()


PENALTY_MODELS = [Violation, PenaltyEntry, PayrollMonth]
