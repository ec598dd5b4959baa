"""Full-text index over product, description and customer name (trigram, so Chinese works)."""

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

TRIGGER_NAMES = ["complaint_fts_insert", "complaint_fts_update", "complaint_fts_delete", "customer_fts_rename"]

REBUILD = (
    "INSERT INTO complaint_fts(rowid, product, description, customer_name) "
    "SELECT c.id, c.product, c.description, u.name FROM complaint c JOIN customer u ON u.id = c.customer_id"
)
