"""Schema 10: outside service partners, referrals and their replies; a complaint's earliest open reply deadline."""

from peewee import Database

from ..models import PARTNER_MODELS, Complaint

INDEXES = [
    ("referral_complaint", "referral", ["complaint_id"]),
    ("referral_state_due", "referral", ["state", "reply_due_at"]),
    ("referral_reply_referral", "referral_reply", ["referral_id"]),
]


def migrate(db: Database) -> None:
    db.create_tables(PARTNER_MODELS, safe=True)
    for name, table, columns in INDEXES:
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(columns)})")
    table = Complaint._meta.table_name
    if "reply_due_at" not in {column.name for column in db.get_columns(table)}:
        db.execute_sql(f"ALTER TABLE {table} ADD COLUMN reply_due_at BIGINT")
