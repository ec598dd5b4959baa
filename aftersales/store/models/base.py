"""The database every table is bound to (set when a desk opens one) and the tables' common base."""

from peewee import DatabaseProxy, Model

database = DatabaseProxy()


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False
