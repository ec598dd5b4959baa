"""Schema 9: the shop scorecards' monthly summary, filled from the complaints and kept in step by triggers."""

from peewee import Database

from .. import shop_summary
from ..models import SCORECARD_MODELS


def migrate(db: Database) -> None:
    db.create_tables(SCORECARD_MODELS, safe=True)
    shop_summary.install(db)
