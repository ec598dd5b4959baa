"""Full-text indexes over product, description and customer name (SQLite).

Two FTS5 tables, kept in step by triggers: `complaint_fts` (trigrams, so a term of three characters
or more is a phrase of its trigrams) and `complaint_grams` (every character and every pair of
neighbouring characters, stored pre-split, so a term of one or two characters is one token). Both
are read newest first, a page at a time, whatever the term.
"""

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

REBUILD = (
    "INSERT INTO complaint_fts(rowid, product, description, customer_name) "
    "SELECT c.id, c.product, c.description, u.name FROM complaint c JOIN customer u ON u.id = c.customer_id"
)

# --- the index of one- and two-character terms -------------------------------------------------------

# Tokens are separated by spaces only: every printable ASCII character is part of a token (the `ascii`
# tokenizer already keeps letters, digits and every non-ASCII character), so a pair such as "a," or
# "，要" stays one token. ASCII letters are folded to lower case, as SQLite's LIKE folds them.
_PUNCTUATION = "".join(ch for ch in map(chr, range(33, 127)) if not ch.isalnum())
_TOKENIZER = "ascii tokenchars '" + _PUNCTUATION.replace("'", "''") + "'"
# Contentless (the pre-split text is not stored) and without positions: a query is a single token,
# and the index stays about as small as the list of complaint ids under each token. (Its sizes are kept:
# without them FTS5 refuses to list the table's rows, which a dump of the file does.)
CREATE_GRAMS_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS complaint_grams USING fts5(grams, content='', detail=none, "
    "tokenize='" + _TOKENIZER.replace("'", "''") + "')"
)


def grams_sql(text: str) -> str:
    """SQL for the text the grams index stores for the SQL value `text`: each character, then the pair
    it starts, separated by spaces ("沙发" → "沙 沙发 发 发"). Plain SQL, so that any connection's write
    keeps the index in step: json_each walks the positions of an array of length(text) zeros."""
    positions = f"'[' || substr(replace(hex(zeroblob(length({text}))), '00', ',0'), 2) || ']'"
    return (f"coalesce((SELECT group_concat(substr({text}, key + 1, 1) || ' ' || substr({text}, key + 1, 2), ' ') "
            f"FROM json_each({positions})), '')")


def complaint_grams_sql(product: str, description: str, name: str) -> str:
    """The grams text of one complaint: its product, description and customer name, each split apart,
    so no pair spans two of them."""
    return " || ' ' || ".join(grams_sql(part) for part in (product, description, name))


def _name_of(customer_id: str) -> str:
    return f"(SELECT name FROM customer WHERE id = {customer_id})"


_NEW_GRAMS = complaint_grams_sql("new.product", "new.description", _name_of("new.customer_id"))
# A contentless table forgets a row by being told exactly what it indexed for it.
_OLD_GRAMS = complaint_grams_sql("old.product", "old.description", _name_of("old.customer_id"))

GRAM_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS complaint_grams_insert AFTER INSERT ON complaint BEGIN
        INSERT INTO complaint_grams(rowid, grams) VALUES (new.id, {_NEW_GRAMS});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS complaint_grams_update
        AFTER UPDATE OF product, description, customer_id ON complaint BEGIN
        INSERT INTO complaint_grams(complaint_grams, rowid, grams) VALUES ('delete', old.id, {_OLD_GRAMS});
        INSERT INTO complaint_grams(rowid, grams) VALUES (new.id, {_NEW_GRAMS});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS complaint_grams_delete AFTER DELETE ON complaint BEGIN
        INSERT INTO complaint_grams(complaint_grams, rowid, grams) VALUES ('delete', old.id, {_OLD_GRAMS});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS customer_grams_rename AFTER UPDATE OF name ON customer
        WHEN new.name IS NOT old.name BEGIN
        INSERT INTO complaint_grams(complaint_grams, rowid, grams)
            SELECT 'delete', id, {complaint_grams_sql("product", "description", "old.name")}
            FROM complaint WHERE customer_id = old.id;
        INSERT INTO complaint_grams(rowid, grams)
            SELECT id, {complaint_grams_sql("product", "description", "new.name")}
            FROM complaint WHERE customer_id = new.id;
    END""",
]

REBUILD_GRAMS = (
    "INSERT INTO complaint_grams(rowid, grams) "
    f"SELECT c.id, {complaint_grams_sql('c.product', 'c.description', 'u.name')} "
    "FROM complaint c JOIN customer u ON u.id = c.customer_id"
)

# Every statement that indexes a range of complaint ids (given as two parameters) in both tables.
REBUILD_RANGE = [f"{REBUILD} WHERE c.id BETWEEN ? AND ?", f"{REBUILD_GRAMS} WHERE c.id BETWEEN ? AND ?"]
INSERT_TRIGGERS = ["complaint_fts_insert", "complaint_grams_insert"]
TRIGGER_NAMES = ["complaint_fts_insert", "complaint_fts_update", "complaint_fts_delete", "customer_fts_rename",
                 "complaint_grams_insert", "complaint_grams_update", "complaint_grams_delete", "customer_grams_rename"]
# What recreates every trigger of TRIGGER_NAMES.
EVERY_TRIGGER = [*CREATE_TRIGGERS, *GRAM_TRIGGERS]


@contextmanager
def indexed_together() -> Iterator[list[int]]:
    """Complaints inserted inside this block (their ids appended to the list it gives) are indexed by
    one statement per index at its end instead of one trigger run each: 5,000 trigger runs cost about
    0.7 s of write lock, the one statement about 0.1 s. Inside the caller's write transaction, so the
    triggers set aside are back before anyone else can write (and a rollback brings them back too).
    SQLite only.
    """
    db = database.obj
    inserted: list[int] = []
    if isinstance(db, PostgresqlDatabase):
        yield inserted
        return
    if not db.in_transaction():
        raise RuntimeError("complaints are indexed together inside a write transaction only")
    # Put back exactly what the database holds, whatever migrations made of it.
    found = []
    for name in INSERT_TRIGGERS:
        row = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)).fetchone()
        if row is not None:
            db.execute_sql(f"DROP TRIGGER {name}")
            found.append(row[0])
    yield inserted
    if inserted:
        for sql in REBUILD_RANGE:
            db.execute_sql(sql, (min(inserted), max(inserted)))
    for sql in found:
        db.execute_sql(sql)
