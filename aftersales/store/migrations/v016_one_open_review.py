"""Schema 16: one open dismissal review per person; a later violation joins it (`violation.review_of`).

A person with several open reviews keeps the one of their earliest violation on the ladder; the later
ones join it.
"""

from peewee import Database

from ..models import Violation


def migrate(db: Database) -> None:
    table = Violation._meta.table_name
    if "review_of_id" not in {column.name for column in db.get_columns(table)}:
        db.execute_sql(f"ALTER TABLE {table} ADD COLUMN review_of_id INTEGER REFERENCES {table} (id)")
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS {table}_review_of_id ON {table} (review_of_id)")
    rows = db.execute_sql(
        f"SELECT id, subject_staff_id FROM {table} WHERE review = 'open' AND subject_staff_id IS NOT NULL"
        " ORDER BY subject_staff_id, incident_date, decided_at, id"
    ).fetchall()
    holders: dict[int, int] = {}
    for violation_id, staff_id in rows:
        holder = holders.setdefault(staff_id, violation_id)
        if holder != violation_id:
            db.execute_sql(
                f"UPDATE {table} SET review = 'joined', review_of_id = {int(holder)}, version = version + 1"
                f" WHERE id = {int(violation_id)}"
            )
