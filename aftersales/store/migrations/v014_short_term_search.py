"""Schema 14: search indexes that serve every term, one character or more, without scanning.

SQLite gains `complaint_grams` (see store/fts.py), filled from the complaints a range of ids at a time
with a progress line on big databases. PostgreSQL gains the gram, trigram and phone-tail indexes of
store/server_search.py.
"""

from peewee import Database, SqliteDatabase

from .. import fts, server_search
from ..index_progress import index_progress

# Complaint ids indexed per statement while the index is first filled.
CHUNK = 100_000


def migrate(db: Database) -> None:
    if not isinstance(db, SqliteDatabase):
        server_search.install(db)
        return
    if not db.table_exists("complaint_grams"):
        db.execute_sql(fts.CREATE_GRAMS_TABLE)
        _fill(db)
    for sql in fts.GRAM_TRIGGERS:
        db.execute_sql(sql)


def _fill(db: Database) -> None:
    low, high, total = db.execute_sql("SELECT min(id), max(id), count(*) FROM complaint").fetchone()
    if not total:
        return
    step = index_progress("grams", int(total), int(total))
    done = 0
    for start in range(int(low), int(high) + 1, CHUNK):
        step(done)
        db.execute_sql(f"{fts.REBUILD_GRAMS} WHERE c.id BETWEEN ? AND ?", (start, start + CHUNK - 1))
        done += int(db.execute_sql("SELECT count(*) FROM complaint WHERE id BETWEEN ? AND ?",
                                   (start, start + CHUNK - 1)).fetchone()[0])
    db.execute_sql("INSERT INTO complaint_grams(complaint_grams) VALUES ('optimize')")
    step(int(total))
