"""Triggers that keep `shop_month` in step with the complaints and their call-backs, on SQLite and
PostgreSQL, and its rebuild.

Each complaint adds its contribution to its (shop, local month, category) row when inserted; an update
takes the old contribution away and adds the new one. A call-back's rating (and an unsatisfied outcome)
counts in its complaint's row the same way. A month is the mall's local month, computed with
a fixed offset from UTC (China keeps no summer time).
"""

from peewee import Database, SqliteDatabase

# Asia/Shanghai, the SLA policy's default zone.
LOCAL_OFFSET_SECONDS = 8 * 3600
UNSATISFIED = "unsatisfied"  # a call-back's outcome (domain.callbacks.CallbackOutcome)
COLUMNS = ("shop_id", "month", "category", "complaints", "acknowledged", "ack_late", "ack_seconds", "resolved",
           "resolve_late", "resolve_seconds", "rated", "rating_sum", "unsatisfied")
SUMS = COLUMNS[3:]
# The tables whose triggers keep the summary (a bulk copy sets them aside and copies the summary too).
TRIGGER_TABLES = ("complaint", "callback")
TRIGGER_NAMES = ["shop_month_insert", "shop_month_update", "shop_month_callback_insert", "shop_month_callback_update"]
# The complaint columns a contribution reads: an update of any other column leaves the summary alone.
WATCHED = ("shop_id", "category", "created_at", "acknowledged_at", "resolved_at", "ack_due_at", "resolve_due_at")


def _month_sqlite(row: str) -> str:
    return f"strftime('%Y-%m', {row}.created_at + {LOCAL_OFFSET_SECONDS}, 'unixepoch')"


def _month_pg(row: str) -> str:
    return f"to_char(to_timestamp({row}.created_at + {LOCAL_OFFSET_SECONDS}) AT TIME ZONE 'UTC', 'YYYY-MM')"


def contribution(row: str, sign: str, month: str) -> list[str]:
    """The values one complaint row (`new`, `old`, or a table alias) adds, times `sign` ("" or "-").

    Ratings come from the call-backs (see `callback_contribution`), not from the complaint.
    """
    acked = f"{row}.acknowledged_at IS NOT NULL"
    resolved = f"{row}.resolved_at IS NOT NULL"
    return [
        f"{row}.shop_id", month, f"{row}.category", f"{sign}1",
        f"{sign}(CASE WHEN {acked} THEN 1 ELSE 0 END)",
        f"{sign}(CASE WHEN {acked} AND {row}.acknowledged_at > {row}.ack_due_at THEN 1 ELSE 0 END)",
        f"{sign}(CASE WHEN {acked} THEN {row}.acknowledged_at - {row}.created_at ELSE 0 END)",
        f"{sign}(CASE WHEN {resolved} THEN 1 ELSE 0 END)",
        f"{sign}(CASE WHEN {resolved} AND {row}.resolved_at > {row}.resolve_due_at THEN 1 ELSE 0 END)",
        f"{sign}(CASE WHEN {resolved} THEN {row}.resolved_at - {row}.created_at ELSE 0 END)",
        "0", "0", "0",
    ]


def callback_contribution(call: str, sign: str, month: str) -> list[str]:
    """What one call-back row adds to its complaint's (shop, month, category): its rating, and whether the
    customer was unsatisfied. `c` is the complaint joined to it."""
    rated = f"{call}.satisfaction IS NOT NULL"
    return [
        "c.shop_id", month, "c.category", "0", "0", "0", "0", "0", "0", "0",
        f"{sign}(CASE WHEN {rated} THEN 1 ELSE 0 END)",
        f"{sign}(CASE WHEN {rated} THEN {call}.satisfaction ELSE 0 END)",
        f"{sign}(CASE WHEN {call}.outcome = '{UNSATISFIED}' THEN 1 ELSE 0 END)",
    ]


ON_CONFLICT = "ON CONFLICT (shop_id, month, category) DO UPDATE SET " + ", ".join(
    f"{name} = shop_month.{name} + excluded.{name}" for name in SUMS)


def _upsert(values: list[str]) -> str:
    return f"INSERT INTO shop_month ({', '.join(COLUMNS)}) VALUES ({', '.join(values)}) {ON_CONFLICT};"


def _callbacks_follow(row: str, sign: str, month: str, moved: str) -> str:
    """When a complaint moves to another shop, category or month, its call-backs' ratings move with it:
    taken from the old row (`sign` "-") or added to the new one, only if `moved`."""
    rated = "b.satisfaction IS NOT NULL"
    values = [f"{row}.shop_id", month, f"{row}.category", "0", "0", "0", "0", "0", "0", "0",
              f"{sign}SUM(CASE WHEN {rated} THEN 1 ELSE 0 END)",
              f"{sign}SUM(CASE WHEN {rated} THEN b.satisfaction ELSE 0 END)",
              f"{sign}SUM(CASE WHEN b.outcome = '{UNSATISFIED}' THEN 1 ELSE 0 END)"]
    return (f"INSERT INTO shop_month ({', '.join(COLUMNS)}) SELECT {', '.join(values)} FROM callback b "
            f"WHERE b.complaint_id = {row}.id AND ({moved}) GROUP BY b.complaint_id {ON_CONFLICT};")


def _moved(old: str, new: str, differs: str) -> str:
    return " OR ".join(f"{old}.{name} {differs} {new}.{name}" for name in ("shop_id", "category", "created_at"))


def _callback_upsert(call: str, month: str, sign: str) -> str:
    values = callback_contribution(call, sign, month)
    return (f"INSERT INTO shop_month ({', '.join(COLUMNS)}) SELECT {', '.join(values)} FROM complaint c "
            f"WHERE c.id = {call}.complaint_id {ON_CONFLICT};")


def sqlite_triggers() -> list[str]:
    watched = ", ".join(WATCHED)
    return [
        f"CREATE TRIGGER IF NOT EXISTS shop_month_insert AFTER INSERT ON complaint BEGIN "
        f"{_upsert(contribution('new', '', _month_sqlite('new')))} END",
        f"CREATE TRIGGER IF NOT EXISTS shop_month_update AFTER UPDATE OF {watched} ON complaint BEGIN "
        f"{_upsert(contribution('old', '-', _month_sqlite('old')))} "
        f"{_upsert(contribution('new', '', _month_sqlite('new')))} "
        f"{_callbacks_follow('old', '-', _month_sqlite('old'), _moved('old', 'new', 'IS NOT'))} "
        f"{_callbacks_follow('new', '', _month_sqlite('new'), _moved('old', 'new', 'IS NOT'))} END",
        f"CREATE TRIGGER IF NOT EXISTS shop_month_callback_insert AFTER INSERT ON callback BEGIN "
        f"{_callback_upsert('new', _month_sqlite('c'), '')} END",
        f"CREATE TRIGGER IF NOT EXISTS shop_month_callback_update AFTER UPDATE OF satisfaction, outcome ON callback "
        f"BEGIN {_callback_upsert('old', _month_sqlite('c'), '-')} {_callback_upsert('new', _month_sqlite('c'), '')} END",
    ]


def pg_triggers() -> list[str]:
    watched = ", ".join(WATCHED)
    return [
        "CREATE OR REPLACE FUNCTION shop_month_keep() RETURNS trigger AS $$ BEGIN "
        "IF TG_OP = 'UPDATE' THEN "
        f"{_upsert(contribution('OLD', '-', _month_pg('OLD')))} "
        f"{_callbacks_follow('OLD', '-', _month_pg('OLD'), _moved('OLD', 'NEW', 'IS DISTINCT FROM'))} "
        f"{_callbacks_follow('NEW', '', _month_pg('NEW'), _moved('OLD', 'NEW', 'IS DISTINCT FROM'))} "
        "END IF; "
        f"{_upsert(contribution('NEW', '', _month_pg('NEW')))} "
        "RETURN NULL; END $$ LANGUAGE plpgsql",
        "DROP TRIGGER IF EXISTS shop_month_insert ON complaint",
        "CREATE TRIGGER shop_month_insert AFTER INSERT ON complaint FOR EACH ROW EXECUTE FUNCTION shop_month_keep()",
        "DROP TRIGGER IF EXISTS shop_month_update ON complaint",
        f"CREATE TRIGGER shop_month_update AFTER UPDATE OF {watched} ON complaint "
        "FOR EACH ROW EXECUTE FUNCTION shop_month_keep()",
        "CREATE OR REPLACE FUNCTION shop_month_callback_keep() RETURNS trigger AS $$ BEGIN "
        "IF TG_OP = 'UPDATE' THEN "
        f"{_callback_upsert('OLD', _month_pg('c'), '-')} "
        "END IF; "
        f"{_callback_upsert('NEW', _month_pg('c'), '')} "
        "RETURN NULL; END $$ LANGUAGE plpgsql",
        "DROP TRIGGER IF EXISTS shop_month_callback_insert ON callback",
        "CREATE TRIGGER shop_month_callback_insert AFTER INSERT ON callback FOR EACH ROW "
        "EXECUTE FUNCTION shop_month_callback_keep()",
        "DROP TRIGGER IF EXISTS shop_month_callback_update ON callback",
        "CREATE TRIGGER shop_month_callback_update AFTER UPDATE OF satisfaction, outcome ON callback FOR EACH ROW "
        "EXECUTE FUNCTION shop_month_callback_keep()",
    ]


def rebuild_sql(sqlite: bool) -> list[str]:
    """Statements that recompute every summary row from the complaints and their call-backs (after a bulk
    load or an upgrade)."""
    month = _month_sqlite("c") if sqlite else _month_pg("c")
    values = contribution("c", "", month)
    sums = ", ".join(f"SUM({value})" for value in values[3:])
    calls = callback_contribution("b", "", month)
    call_sums = ", ".join(f"SUM({value})" for value in calls[3:])
    return [
        "DELETE FROM shop_month",
        f"INSERT INTO shop_month ({', '.join(COLUMNS)}) SELECT c.shop_id, {month}, c.category, {sums} "
        f"FROM complaint c GROUP BY c.shop_id, {month}, c.category",
        f"INSERT INTO shop_month ({', '.join(COLUMNS)}) SELECT c.shop_id, {month}, c.category, {call_sums} "
        f"FROM callback b JOIN complaint c ON c.id = b.complaint_id "
        f"WHERE b.satisfaction IS NOT NULL OR b.outcome = '{UNSATISFIED}' "
        f"GROUP BY c.shop_id, {month}, c.category {ON_CONFLICT}",
    ]


def install(db: Database) -> None:
    """Create the triggers (idempotent) and bring the summary in step with the complaints."""
    sqlite = isinstance(db, SqliteDatabase)
    for sql in sqlite_triggers() if sqlite else pg_triggers():
        db.execute_sql(sql)
    for sql in rebuild_sql(sqlite):
        db.execute_sql(sql)
