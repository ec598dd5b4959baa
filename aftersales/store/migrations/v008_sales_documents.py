"""Schema 8: sales documents kept as number ranges, and the moves of those ranges."""

from peewee import Database

from ..models import DOCUMENT_MODELS

INDEXES = [
    # The stock report sums a shop's ranges by kind and state.
    ("document_range_shop_kind", "document_range", ["shop_id", "kind", "state"]),
]


def migrate(db: Database) -> None:
    db.create_tables(DOCUMENT_MODELS, safe=True)
    for name, table, columns in INDEXES:
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(columns)})")
