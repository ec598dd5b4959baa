"""Schema 4: the penalty ledger (violations, ledger entries, finalised payroll months)."""

from peewee import Database

from ..models import PENALTY_MODELS

INDEXES = [
    # A subject's ledger, and the ladder's look-up of its standing violations.
    ("violation_staff_incident", "violation", ["subject_staff_id", "incident_date"]),
    ("violation_shop_incident", "violation", ["subject_shop_id", "incident_date"]),
    ("penalty_entry_violation_month", "penalty_entry", ["violation_id", "month"]),
]


def migrate(db: Database) -> None:
    db.create_tables(PENALTY_MODELS, safe=True)
    for name, table, columns in INDEXES:
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(columns)})")
