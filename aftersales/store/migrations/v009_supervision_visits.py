"""Schema 9: supervision visits to shops with their rectifications."""

from peewee import Database

from ..models import SUPERVISION_MODELS

INDEXES = [
    # A shop's visits, newest first; the dashboard's count of open rectifications past their due date.
    ("supervision_visit_shop_day", "supervision_visit", ["shop_id", "visited_on"]),
    ("supervision_visit_state_due", "supervision_visit", ["state", "due_on"]),
]


def migrate(db: Database) -> None:
    db.create_tables(SUPERVISION_MODELS, safe=True)
    for name, table, columns in INDEXES:
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(columns)})")
