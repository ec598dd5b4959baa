"""Schema 5: the decided remedy beside the requested one, and wrong PINs for codes that match nobody."""

from peewee import Database

from ..models import Complaint, LoginFailure


def migrate(db: Database) -> None:
    table = Complaint._meta.table_name
    if "remedy_decided" not in {column.name for column in db.get_columns(table)}:
        # Left empty for complaints resolved before: their decided remedy is in their RESOLVED event,
        # and rewriting every row of a large desk would hold the write lock for minutes.
        db.execute_sql(f"ALTER TABLE {table} ADD COLUMN remedy_decided VARCHAR(16)")
    db.create_tables([LoginFailure], safe=True)
