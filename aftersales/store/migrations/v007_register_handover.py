"""Schema 7: monthly registers handed over to finance."""

from peewee import Database

from ..models import REPORT_MODELS


def migrate(db: Database) -> None:
    db.create_tables(REPORT_MODELS, safe=True)
