"""Triggers that keep `shop_month` in step with the complaints, on SQLite and PostgreSQL, and its rebuild.

Each complaint adds its contribution to its (shop, local month, category) row when inserted; an update
takes the old contribution away and adds the new one. A month is the mall's local month, computed with
a fixed offset from UTC (China keeps no summer time).
"""

from peewee import Database, SqliteDatabase

# Asia/Shanghai, the SLA policy's default zone.
LOCAL_OFFSET_SECONDS = 8 * 3600
UNSATISFIED_AT_MOST = 2  # ratings 1-2 of 5 count as unsatisfied
COLUMNS = ("shop_id", "month", "category", "complaints", "acknowledged", "ack_late", "ack_seconds", "resolved",
           "resolve_late", "resolve_seconds", "rated", "rating_sum", "unsatisfied")
SUMS = COLUMNS[3:]
TRIGGER_NAMES = ["shop_month_insert", "shop_month_update"]
# The complaint columns a contribution reads: an update of any other column leaves the summary alone.
WATCHED = ("shop_id", "category", "created_at", "acknowledged_at", "resolved_at", "satisfaction", "ack_due_at",
           "resolve_due_at")


def _month_sqlite(row: str) -> str:
    return f"strftime('%Y-%m', {row}.created_at + {LOCAL_OFFSET_SECONDS}, 'unixepoch')"


def _month_pg(row: str) -> str:
    return f"to_char(to_timestamp({row}.created_at + {LOCAL_OFFSET_SECONDS}) AT TIME ZONE 'UTC', 'YYYY-MM')"


def contribution(row: str, sign: str, month: str) -> list[str]:
    """The values one complaint row (`new`, `old`, or a table alias) adds, times `sign` ("" or "-")."""
    acked = f"{row}.acknowledged_at IS NOT NULL"
    resolved = f"{row}.resolved_at IS NOT NULL"
    rated = f"{row}.satisfaction IS NOT NULL"
    return [
        f"{row}.shop_id", month, f"{row}.category", f"{sign}1",
        f"{sign}(CASE WHEN {acked} THEN 1 ELSE 0 END)",
        f"{sign}(CASE WHEN {acked} AND {row}.acknowledged_at > {row}.ack_due_at THEN 1 ELSE 0 END)",
        f"{sign}(CASE WHEN {acked} THEN {row}.acknowledged_at - {row}.created_at ELSE 0 END)",
        f"{sign}(CASE WHEN {resolved} THEN 1 ELSE 0 END)",
        f"{sign}(CASE WHEN {resolved} AND {row}.resolved_at > {row}.resolve_due_at THEN 1 ELSE 0 END)",
        f"{sign}(CASE WHEN {resolved} THEN {row}.resolved_at - {row}.created_at ELSE 0 END)",
        f"{sign}(CASE WHEN {rated} THEN 1 ELSE 0 END)",
        f"{sign}(CASE WHEN {rated} THEN {row}.satisfaction ELSE 0 END)",
        f"{sign}(CASE WHEN {rated} AND {row}.satisfaction <= {UNSATISFIED_AT_MOST} THEN 1 ELSE 0 END)",
    ]


def _upsert(values: list[str]) -> str:
    adds = ", ".join(f"{name} = shop_month.{name} + excluded.{name}" for name in SUMS)
    return (f"INSERT INTO shop_month ({', '.join(COLUMNS)}) VALUES ({', '.join(values)}) "
            f"ON CONFLICT (shop_id, month, category) DO UPDATE SET {adds};")


def sqlite_triggers() -> list[str]:
    watched = ", ".join(WATCHED)
    return [
        f"CREATE TRIGGER IF NOT EXISTS shop_month_insert AFTER INSERT ON complaint BEGIN "
        f"{_upsert(contribution('new', '', _month_sqlite('new')))} END",
        f"CREATE TRIGGER IF NOT EXISTS shop_month_update AFTER UPDATE OF {watched} ON complaint BEGIN "
        f"{_upsert(contribution('old', '-', _month_sqlite('old')))} "
        f"{_upsert(contribution('new', '', _month_sqlite('new')))} END",
    ]


def pg_triggers() -> list[str]:
    watched = ", ".join(WATCHED)
    return [
        "CREATE OR REPLACE FUNCTION shop_month_keep() RETURNS trigger AS $$ BEGIN "
        "IF TG_OP = 'UPDATE' THEN "
        f"{_upsert(contribution('OLD', '-', _month_pg('OLD')))} "
        "END IF; "
        f"{_upsert(contribution('NEW', '', _month_pg('NEW')))} "
        "RETURN NULL; END $$ LANGUAGE plpgsql",
        "DROP TRIGGER IF EXISTS shop_month_insert ON complaint",
        "CREATE TRIGGER shop_month_insert AFTER INSERT ON complaint FOR EACH ROW EXECUTE FUNCTION shop_month_keep()",
        "DROP TRIGGER IF EXISTS shop_month_update ON complaint",
        f"CREATE TRIGGER shop_month_update AFTER UPDATE OF {watched} ON complaint "
        "FOR EACH ROW EXECUTE FUNCTION shop_month_keep()",
    ]


def rebuild_sql(sqlite: bool) -> list[str]:
    """Statements that recompute every summary row from the complaints (after a bulk load or an upgrade)."""
    month = _month_sqlite("c") if sqlite else _month_pg("c")
    values = contribution("c", "", month)
    sums = ", ".join(f"SUM({value})" for value in values[3:])
    return [
        "DELETE FROM shop_month",
        f"INSERT INTO shop_month ({', '.join(COLUMNS)}) SELECT c.shop_id, {month}, c.category, {sums} "
        f"FROM complaint c GROUP BY c.shop_id, {month}, c.category",
    ]


def install(db: Database) -> None:
    """Create the triggers (idempotent) and bring the summary in step with the complaints."""
    sqlite = isinstance(db, SqliteDatabase)
    for sql in sqlite_triggers() if sqlite else pg_triggers():
        db.execute_sql(sql)
    for sql in rebuild_sql(sqlite):
        db.execute_sql(sql)
