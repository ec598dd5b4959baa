"""Schema 18: a register handed over keeps its file's bytes, so a reprint is the file handed over, byte for
byte, whatever happened to the complaints since. Registers handed over before keep none."""

from peewee import Database

from ..models import RegisterHandover
from ..server import is_server


def migrate(db: Database) -> None:
    table = RegisterHandover._meta.table_name
    if "content" not in {column.name for column in db.get_columns(table)}:
        db.execute_sql(f"ALTER TABLE {table} ADD COLUMN content {'BYTEA' if is_server(db) else 'BLOB'}")
