"""Schema 21: quality signals — a shop's, brand's or category's complaints breaking a control-chart rule,
one row per (grain, period, scope, key, rule), with what a lead did about it."""

from peewee import Database

from ..models import QUALITY_MODELS


def migrate(db: Database) -> None:
    db.create_tables(QUALITY_MODELS, safe=True)
