"""Schema 13: complaints by shop and receipt time with their category, so a shop's repeat flag (three
complaints of one category in 30 days) is read from the index alone, a few thousand entries per shop."""

from peewee import Database

INDEX = "CREATE INDEX IF NOT EXISTS complaint_shop_created_category ON complaint (shop_id, created_at, category)"


def migrate(db: Database) -> None:
    db.execute_sql(INDEX)
