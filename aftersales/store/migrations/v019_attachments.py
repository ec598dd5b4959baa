"""Schema 19: attachments — files kept in the database, once per SHA-256, on complaints, delivery orders,
violations and supervision visits.

The bytes never change (triggers refuse UPDATE and DELETE on `attachment_content`), and an attachment is
never removed or re-pointed: the only change allowed is its withdrawal, once.
"""

from peewee import Database

from ..models import ATTACHMENT_MODELS
from ..server import is_server

_FIXED = ("complaint_id", "delivery_order_id", "violation_id", "visit_id", "subject", "sha256", "file_name", "note",
          "attached_by_id", "attached_at")

SQLITE_GUARDS = [
    """CREATE TRIGGER IF NOT EXISTS attachment_content_fixed_update BEFORE UPDATE ON attachment_content BEGIN
        SELECT RAISE(ABORT, 'attachment content is append-only');
    END""",
    """CREATE TRIGGER IF NOT EXISTS attachment_content_fixed_delete BEFORE DELETE ON attachment_content BEGIN
        SELECT RAISE(ABORT, 'attachment content is append-only');
    END""",
    """CREATE TRIGGER IF NOT EXISTS attachment_kept BEFORE DELETE ON attachment BEGIN
        SELECT RAISE(ABORT, 'attachments are withdrawn, never deleted');
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS attachment_fixed BEFORE UPDATE OF {', '.join(_FIXED)} ON attachment BEGIN
        SELECT RAISE(ABORT, 'an attachment is withdrawn, never changed');
    END""",
    """CREATE TRIGGER IF NOT EXISTS attachment_withdrawn_once BEFORE UPDATE ON attachment
        WHEN OLD.withdrawn_at IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'an attachment is withdrawn once');
    END""",
]

_CHANGED = " OR ".join(f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in _FIXED)
PG_GUARDS = [
    """CREATE OR REPLACE FUNCTION attachment_content_fixed() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'attachment content is append-only' USING ERRCODE = 'restrict_violation'; END $$
    LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS attachment_content_fixed ON attachment_content",
    """CREATE TRIGGER attachment_content_fixed BEFORE UPDATE OR DELETE ON attachment_content
    FOR EACH ROW EXECUTE FUNCTION attachment_content_fixed()""",
    f"""CREATE OR REPLACE FUNCTION attachment_fixed() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' OR OLD.withdrawn_at IS NOT NULL OR {_CHANGED} THEN
            RAISE EXCEPTION 'an attachment is withdrawn once, never changed or deleted'
                USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS attachment_fixed ON attachment",
    """CREATE TRIGGER attachment_fixed BEFORE UPDATE OR DELETE ON attachment
    FOR EACH ROW EXECUTE FUNCTION attachment_fixed()""",
]


def migrate(db: Database) -> None:
    db.create_tables(ATTACHMENT_MODELS, safe=True)
    for sql in PG_GUARDS if is_server(db) else SQLITE_GUARDS:
        db.execute_sql(sql)
