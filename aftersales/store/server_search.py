"""PostgreSQL's search: a narrow table of each complaint's searchable text, and its indexes.

`complaint_text` holds, per complaint, product, description and customer name, lower-cased and joined by
a character no one can type (so a term never matches across two of them), kept in step by triggers on
complaints and customers, as SQLite's FTS tables are. GIN hands back every match of a key at once, unordered; to read
newest first a page at a time, each key is the character or pair of neighbouring characters followed by
the complaint's *bucket* (its id // BUCKET ids): asking for a word in a few buckets reads only the
matches of those, so a page costs about a page of rows however common the word. pg_trgm's index over the
same text finds a longer word when it is rare.

pg_trgm is a trusted extension: the database's owner can create it (PostgreSQL 13 or later, with the
contrib package installed). Where it cannot be created, the bucketed keys serve every word alone.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from peewee import Database

from .index_progress import index_progress
from .models import database
from .server import is_server

EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm"
# Complaint ids per bucket: 2**12. A million complaints make 245 buckets.
BUCKET_BITS = 12
SEPARATOR = "chr(31)"  # the unit separator: control characters are stripped from what is typed

TABLE = "CREATE TABLE IF NOT EXISTS complaint_text (complaint_id integer PRIMARY KEY, body text NOT NULL)"
# Lower-cased once when written: a plain test is then LIKE on it (ILIKE lower-cases every row it reads).
BODY = f"lower(c.product || {SEPARATOR} || c.description || {SEPARATOR} || u.name)"
FILL = (f"INSERT INTO complaint_text (complaint_id, body) SELECT c.id, {BODY} "
        "FROM complaint c JOIN customer u ON u.id = c.customer_id")


def functions() -> list[str]:
    """The SQL functions, for buckets of 2**BUCKET_BITS ids (read when called, so a test may make them small)."""
    return [
        # Every character and pair of the (lower-cased) body, each followed by "/" and the bucket. PL/pgSQL,
        # not a query: the index over a million rows builds about five times faster (a query is planned and
        # started for every row); appending to an array variable is done in place. Its cost (tens of
        # microseconds a row) is declared, so the planner reads the index rather than compute it.
        f"""CREATE OR REPLACE FUNCTION desk_keys(id integer, body text) RETURNS text[]
            LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
            DECLARE
                tail text := '/' || (id >> {BUCKET_BITS});
                size integer := length(body);
                keys text[] := '{{}}';
            BEGIN
                FOR i IN 1 .. size LOOP
                    keys := keys || (substr(body, i, 1) || tail);
                    IF i < size THEN
                        keys := keys || (substr(body, i, 2) || tail);
                    END IF;
                END LOOP;
                RETURN keys;
            END
        $$""",
        # The keys of a one- or two-character word in the buckets first .. last (a constant: computed once
        # when the statement is planned).
        """CREATE OR REPLACE FUNCTION desk_word_keys(word text, first integer, last integer) RETURNS text[]
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
            SELECT coalesce(array_agg(lower(word) || '/' || b), '{}') FROM generate_series(first, last) AS b
        $$""",
        # The keys of every pair of a longer word in one bucket: a complaint holding the word holds them all.
        """CREATE OR REPLACE FUNCTION desk_pair_keys(word text, bucket integer) RETURNS text[]
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
            SELECT coalesce(array_agg(substr(lower(word), i, 2) || '/' || bucket), '{}')
            FROM generate_series(1, length(lower(word)) - 1) AS i
        $$""",
        f"""CREATE OR REPLACE FUNCTION complaint_text_added() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO complaint_text (complaint_id, body)
                SELECT c.id, {BODY} FROM added c JOIN customer u ON u.id = c.customer_id;
                RETURN NULL;
            END
        $$""",
        f"""CREATE OR REPLACE FUNCTION complaint_text_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE complaint_text t SET body = {BODY}
                FROM new_rows c JOIN old_rows o ON o.id = c.id JOIN customer u ON u.id = c.customer_id
                WHERE t.complaint_id = c.id AND (o.product, o.description, o.customer_id)
                    IS DISTINCT FROM (c.product, c.description, c.customer_id);
                RETURN NULL;
            END
        $$""",
        """CREATE OR REPLACE FUNCTION complaint_text_removed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM complaint_text t USING removed r WHERE t.complaint_id = r.id;
                RETURN NULL;
            END
        $$""",
        f"""CREATE OR REPLACE FUNCTION customer_text_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE complaint_text t SET body = {BODY}
                FROM new_rows u JOIN old_rows o ON o.id = u.id JOIN complaint c ON c.customer_id = u.id
                WHERE t.complaint_id = c.id AND o.name IS DISTINCT FROM u.name;
                RETURN NULL;
            END
        $$""",
    ]


# (name, table, event, transition tables, function): statement triggers, so a bulk write is one each.
TRIGGERS = [
    ("complaint_text_insert", "complaint", "INSERT", "NEW TABLE AS added", "complaint_text_added"),
    ("complaint_text_update", "complaint", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
     "complaint_text_changed"),
    ("complaint_text_delete", "complaint", "DELETE", "OLD TABLE AS removed", "complaint_text_removed"),
    ("customer_text_rename", "customer", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
     "customer_text_renamed"),
]
KEY_INDEX = "CREATE INDEX IF NOT EXISTS complaint_text_keys ON complaint_text USING gin (desk_keys(complaint_id, body))"
TRIGRAM_INDEX = "CREATE INDEX IF NOT EXISTS complaint_text_trgm ON complaint_text USING gin (body gin_trgm_ops)"
TEXT_INDEXES = ("complaint_text_keys", "complaint_text_trgm")
# Operators look a caller up by the last digits of the phone (SQLite has its own, on substr).
PHONE_TAIL = "CREATE INDEX IF NOT EXISTS customer_phone_tail ON customer (right(phone, 4))"


def install(db: Database) -> bool:
    """Create table, functions, triggers and indexes and fill the table (inside the migration's
    transaction); returns whether pg_trgm could be had. A refusal to create the extension is rolled
    back to a savepoint and left at that."""
    try:
        with db.atomic():
            db.execute_sql(EXTENSION)
        trigram = True
    except Exception:  # not installed, too old, or not ours to create: the keys serve alone
        trigram = False
    db.execute_sql(TABLE)
    for sql in functions():
        db.execute_sql(sql)
    for name, table, event, transitions, function in TRIGGERS:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        db.execute_sql(f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {transitions} "
                       f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()")
    db.execute_sql(PHONE_TAIL)
    refill(db)
    return trigram


def refill(db: Database) -> None:
    """Write complaint_text anew from the complaints (after a bulk load that set the triggers aside),
    with its indexes built once over the rows rather than row by row; then gather the statistics."""
    trigram = bool(db.execute_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone())
    complaints = int(db.execute_sql("SELECT count(*) FROM complaint").fetchone()[0])
    steps = [FILL, KEY_INDEX, *([TRIGRAM_INDEX] if trigram else [])]
    step = index_progress("server", len(steps), complaints)
    for name in TEXT_INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    db.execute_sql("TRUNCATE complaint_text")
    for done, sql in enumerate(steps):
        step(done)
        db.execute_sql(sql)
    db.execute_sql("ANALYZE complaint_text, customer")
    step(len(steps))


def has_trigram_index() -> bool:
    """Whether the open PostgreSQL database has the pg_trgm index (looked up once per opening)."""
    db = database.obj
    known = getattr(db, "desk_trigram", None)
    if known is None:
        found = db.execute_sql("SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = %s",
                               (TEXT_INDEXES[1],)).fetchone()
        known = found is not None
        db.desk_trigram = known
    return bool(known)


@contextmanager
def small_reads(first: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...] | None]:
    """Run the query `first` (with `params`) and give its first row; the statements inside run without parallel workers
    and without JIT compilation. A search reads a few hundred rows at most, and starting workers (10–20 ms
    on a busy machine) or compiling the query (up to a quarter of a second) costs far more than that, yet
    the planner chooses either when its estimates of a bitmap over a large table run high. The settings
    go with `first` in one round trip. On SQLite `first` is only run."""
    db = database.obj
    if not is_server(db):
        yield db.execute_sql(first, params).fetchone()
        return
    row = db.execute_sql(f"SET max_parallel_workers_per_gather = 0; SET jit = off; {first}", params).fetchone()
    try:
        yield row
    finally:
        db.execute_sql("RESET max_parallel_workers_per_gather; RESET jit")
