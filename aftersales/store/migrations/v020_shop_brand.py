"""Schema 20: the brand a shop sells (`shop.brand`, empty for the shop's own name), so the quality signals
can follow a brand across the shops that sell it."""

from peewee import Database

from ..models import Shop


def migrate(db: Database) -> None:
    table = Shop._meta.table_name
    if "brand" not in {column.name for column in db.get_columns(table)}:
        db.execute_sql(f"ALTER TABLE {table} ADD COLUMN brand VARCHAR(60) NOT NULL DEFAULT ''")
