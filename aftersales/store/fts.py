"""Full-text index over product, description and customer name (trigram, so Chinese works)."""

from collections.abc import Iterator
from contextlib import contextmanager

from peewee import PostgresqlDatabase

from .models import database

CREATE_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS complaint_fts "
    "USING fts5(product, description, customer_name, tokenize='trigram')"
)

CREATE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS complaint_fts_insert AFTER INSERT ON complaint BEGIN
        INSERT INTO complaint_fts(rowid, product, description, customer_name)
        VALUES (new.id, new.product, new.description,
                (SELECT name FROM customer WHERE id = new.customer_id));
    END""",
    """CREATE TRIGGER IF NOT EXISTS complaint_fts_update
        AFTER UPDATE OF product, description, customer_id ON complaint BEGIN
        UPDATE complaint_fts SET product = new.product, description = new.description,
            customer_name = (SELECT name FROM customer WHERE id = new.customer_id)
        WHERE rowid = new.id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS complaint_fts_delete AFTER DELETE ON complaint BEGIN
        DELETE FROM complaint_fts WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS customer_fts_rename AFTER UPDATE OF name ON customer BEGIN
        UPDATE complaint_fts SET customer_name = new.name
        WHERE rowid IN (SELECT id FROM complaint WHERE customer_id = new.id);
    END""",
]

INSERT_TRIGGER = "complaint_fts_insert"
TRIGGER_NAMES = ["complaint_fts_insert", "complaint_fts_update", "complaint_fts_delete", "customer_fts_rename"]

REBUILD = (
    "INSERT INTO complaint_fts(rowid, product, description, customer_name) "
    "SELECT c.id, c.product, c.description, u.name FROM complaint c JOIN customer u ON u.id = c.customer_id"
)


@contextmanager
def indexed_together() -> Iterator[list[int]]:
    """Complaints inserted inside this block (their ids appended to the list it gives) are indexed by
    one statement at its end instead of one trigger run each: 5,000 trigger runs cost about 0.7 s of
    write lock, the one statement about 0.1 s. Inside the caller's write transaction, so the trigger
    set aside is back before anyone else can write (and a rollback brings it back too). SQLite only.
    """
    db = database.obj
    inserted: list[int] = []
    if isinstance(db, PostgresqlDatabase):
        yield inserted
        return
    if not db.in_transaction():
        raise RuntimeError("complaints are indexed together inside a write transaction only")
    # Put back exactly what the database holds, whatever migrations made of it.
    found = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                           (INSERT_TRIGGER,)).fetchone()
    if found is not None:
        db.execute_sql(f"DROP TRIGGER {INSERT_TRIGGER}")
    yield inserted
    if inserted:
        db.execute_sql(f"{REBUILD} WHERE c.id BETWEEN ? AND ?", (min(inserted), max(inserted)))
    if found is not None:
        db.execute_sql(found[0])
