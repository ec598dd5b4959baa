"""Schema 11: the shop scorecards' monthly summary, filled from the complaints and kept in step by triggers."""

from peewee import Database

from .. import shop_summary
from ..models import SCORECARD_MODELS


def migrate(db: Database) -> None:
    db.create_tables(SCORECARD_MODELS, safe=True)
    # Each shop's complaints still owed and past due, read from the index alone.
    db.execute_sql("CREATE INDEX IF NOT EXISTS complaint_open_due_shop ON complaint (open_due_at, shop_id)")
    shop_summary.install(db)
