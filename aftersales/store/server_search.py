"""PostgreSQL's search indexes: character grams for every term, pg_trgm for products and descriptions
searched with three characters or more, the tail of a phone number.

`desk_grams(text)` is every character and every pair of neighbouring characters of the lower-cased
text; GIN indexes over it (on complaints' product and description, on customers' names) answer
"which rows hold this one- or two-character term" exactly, and "which rows hold every pair of this
longer term" as a first cut that LIKE then checks. The indexes are on expressions, so PostgreSQL keeps
them in step with every write (bulk COPY and customer renames included) without triggers.

pg_trgm is a trusted extension: the database's owner can create it (PostgreSQL 13 or later, with the
contrib package installed). Where it cannot be created, the gram indexes serve every term alone.
"""

from peewee import Database

from .index_progress import index_progress
from .models import database

EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm"

FUNCTIONS = [
    # PL/pgSQL, not a query: an index over a million rows is built about five times faster (a query is
    # planned and started anew for every row). Appending to an array variable is done in place.
    """CREATE OR REPLACE FUNCTION desk_grams(body text) RETURNS text[]
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
        DECLARE
            low text := lower(body);
            grams text[] := string_to_array(low, NULL);
        BEGIN
            FOR i IN 1 .. length(low) - 1 LOOP
                grams := grams || substr(low, i, 2);
            END LOOP;
            RETURN grams;
        END
    $$""",
    # Product and description apart, so no pair spans the two.
    """CREATE OR REPLACE FUNCTION desk_grams(first text, second text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT desk_grams(first) || desk_grams(second)
    $$""",
    # The pairs of a longer term: a row holding the term holds every one of them.
    """CREATE OR REPLACE FUNCTION desk_pairs(term text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(substr(low.t, i, 2)), '{}')
        FROM (SELECT lower(term) AS t) AS low
        CROSS JOIN LATERAL generate_series(1, length(low.t) - 1) AS i
    $$""",
]

GRAM_INDEXES = [
    "CREATE INDEX IF NOT EXISTS complaint_text_grams ON complaint USING gin (desk_grams(product, description))",
    "CREATE INDEX IF NOT EXISTS customer_name_grams ON customer USING gin (desk_grams(name))",
    # Operators look a caller up by the last digits of the phone (SQLite has its own, on substr).
    "CREATE INDEX IF NOT EXISTS customer_phone_tail ON customer (right(phone, 4))",
]
TRIGRAM_INDEXES = [
    "CREATE INDEX IF NOT EXISTS complaint_product_trgm ON complaint USING gin (product gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS complaint_description_trgm ON complaint USING gin (description gin_trgm_ops)",
]
# Read to know whether terms of three characters or more can use the trigram indexes.
TRIGRAM_PROBE = "complaint_description_trgm"


def install(db: Database) -> bool:
    """Create the functions and indexes (inside the migration's transaction); returns whether pg_trgm
    could be had. A refusal to create the extension is rolled back to a savepoint and left at that."""
    for sql in FUNCTIONS:
        db.execute_sql(sql)
    try:
        with db.atomic():
            db.execute_sql(EXTENSION)
        trigram = True
    except Exception:  # not installed, too old, or not ours to create: the gram indexes serve alone
        trigram = False
    statements = GRAM_INDEXES + (TRIGRAM_INDEXES if trigram else [])
    rows = int(db.execute_sql("SELECT count(*) FROM complaint").fetchone()[0])
    step = index_progress("server", len(statements), rows)
    for done, sql in enumerate(statements):
        step(done)
        db.execute_sql(sql)
    step(len(statements))
    return trigram


def has_trigram_indexes() -> bool:
    """Whether the open PostgreSQL database has the pg_trgm indexes (looked up once per opening)."""
    db = database.obj
    known = getattr(db, "desk_trigram", None)
    if known is None:
        found = db.execute_sql("SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = %s",
                               (TRIGRAM_PROBE,)).fetchone()
        known = found is not None
        db.desk_trigram = known
    return bool(known)
