"""Triggers that keep `report_event` in step with the call-backs, escalations and money entries a report
counts, on SQLite and PostgreSQL, and its fill.

Each row sums, per local day × shop × category of the complaint × source × code:
- "callback" (code: the outcome, "" for none): call-backs finished that day and done; `rated` of them with
  a satisfaction, `score` its sum;
- "escalation" (code: the trigger): escalations raised that day;
- "money" (code: the kind): money entries of that day, `amount` their fen.
A complaint moved to another shop or category takes its rows with it. Days are the mall's, as in
store/report_summary.py, and each count is also kept on its month's row (`day` -YYYYMM).
"""

from peewee import Database, SqliteDatabase

from ..domain.reports.buckets import DAY_SECONDS, LOCAL_OFFSET_SECONDS

KEY = ("day", "shop_id", "category", "source", "code")
SUMS = ("n", "amount", "rated", "score")
TABLES = ("callback", "escalation", "money_entry")
TRIGGER_NAMES = [f"report_event_{table}_{when}" for table in ("callback", "escalation")
                 for when in ("insert", "update", "delete")] + ["report_event_money_entry_insert",
                                                                "report_event_complaint_move"]
# The columns of each source that its contribution reads.
WATCHED = {"callback": ("complaint_id", "status", "finished_at", "outcome", "satisfaction"),
           "escalation": ("complaint_id", "raised_at", "trigger")}


def _moment_day(moment: str) -> str:
    return f"(({moment} + {LOCAL_OFFSET_SECONDS}) / {DAY_SECONDS})"


def _date_day(day: str, sqlite: bool) -> str:
    return f"CAST(julianday({day}) - 2440587.5 AS INTEGER)" if sqlite else f"({day} - DATE '1970-01-01')"


def _source(table: str, x: str, sqlite: bool) -> tuple[str, str, list[str], str]:
    """(source name, code, [n, amount, rated, score] of one row, the condition a row counts under)."""
    if table == "callback":
        rated = f"(CASE WHEN {x}.satisfaction IS NOT NULL THEN 1 ELSE 0 END)"
        return ("callback", f"COALESCE({x}.outcome, '')", ["1", "0", rated, f"COALESCE({x}.satisfaction, 0)"],
                f"{x}.status = 'done' AND {x}.finished_at IS NOT NULL")
    if table == "escalation":
        return "escalation", f'{x}."trigger"', ["1", "0", "0", "0"], "TRUE"
    return "money", f"{x}.kind", ["1", f"{x}.amount_fen", "0", "0"], "TRUE"


def _day(table: str, x: str, sqlite: bool, monthly: bool = False) -> str:
    """The row's local day, or with `monthly` its month keyed as -YYYYMM."""
    if table == "money_entry":
        if not monthly:
            return _date_day(f"{x}.day", sqlite)
        month = f"strftime('%Y%m', {x}.day)" if sqlite else f"to_char({x}.day, 'YYYYMM')"
        return f"-CAST({month} AS INTEGER)"
    moment = f"{x}.finished_at" if table == "callback" else f"{x}.raised_at"
    if not monthly:
        return _moment_day(moment)
    if sqlite:
        return f"-CAST(strftime('%Y%m', {moment} + {LOCAL_OFFSET_SECONDS}, 'unixepoch') AS INTEGER)"
    return (f"-CAST(to_char(to_timestamp({moment} + {LOCAL_OFFSET_SECONDS}) AT TIME ZONE 'UTC', 'YYYYMM') "
            "AS INTEGER)")


ON_CONFLICT = "ON CONFLICT (" + ", ".join(KEY) + ") DO UPDATE SET " + ", ".join(
    f"{name} = report_event.{name} + excluded.{name}" for name in SUMS)


def _insert(values: list[str], rest: str) -> str:
    return f"INSERT INTO report_event ({', '.join(KEY + SUMS)}) SELECT {', '.join(values)} {rest} {ON_CONFLICT};"


def row_upsert(table: str, x: str, sign: str, sqlite: bool) -> str:
    """What one row `x` (`new`/`old`) of `table` adds, times `sign`, to its complaint's shop and category, on
    its day's row and its month's."""
    source, code, sums, counted = _source(table, x, sqlite)
    return " ".join(
        _insert([_day(table, x, sqlite, monthly), "c.shop_id", "c.category", f"'{source}'", code,
                 *(f"{sign}{value}" for value in sums)],
                f"FROM complaint c WHERE c.id = {x}.complaint_id AND {counted}")
        for monthly in (False, True))


def _summed(table: str, sqlite: bool, shop: str, category: str, sign: str, where: str, join: str = "") -> list[str]:
    source, code, sums, counted = _source(table, "x", sqlite)
    return [_insert([_day(table, "x", sqlite, monthly), shop, category, f"'{source}'", code,
                     *(f"{sign}SUM({value})" for value in sums)],
                    f"FROM {table} x {join} WHERE {counted} AND {where} GROUP BY 1, 2, 3, 4, 5")
            for monthly in (False, True)]


def fill_sql(sqlite: bool) -> list[str]:
    """Statements that add every row of the three sources (after emptying the table)."""
    return ["DELETE FROM report_event"] + [
        sql for table in TABLES
        for sql in _summed(table, sqlite, "c.shop_id", "c.category", "", "TRUE",
                           "JOIN complaint c ON c.id = x.complaint_id")]


def _moves(old: str, new: str, sqlite: bool) -> list[str]:
    out = []
    for table in TABLES:
        out += _summed(table, sqlite, f"{old}.shop_id", f"{old}.category", "-", f"x.complaint_id = {old}.id")
        out += _summed(table, sqlite, f"{new}.shop_id", f"{new}.category", "", f"x.complaint_id = {new}.id")
    return out


def sqlite_triggers() -> list[str]:
    out = []
    for table in ("callback", "escalation"):
        watched = ", ".join(f'"{name}"' for name in WATCHED[table])
        out += [
            f"CREATE TRIGGER IF NOT EXISTS report_event_{table}_insert AFTER INSERT ON {table} BEGIN "
            f"{row_upsert(table, 'new', '', True)} END",
            f"CREATE TRIGGER IF NOT EXISTS report_event_{table}_update AFTER UPDATE OF {watched} ON {table} BEGIN "
            f"{row_upsert(table, 'old', '-', True)} {row_upsert(table, 'new', '', True)} END",
            f"CREATE TRIGGER IF NOT EXISTS report_event_{table}_delete AFTER DELETE ON {table} BEGIN "
            f"{row_upsert(table, 'old', '-', True)} END",
        ]
    out.append("CREATE TRIGGER IF NOT EXISTS report_event_money_entry_insert AFTER INSERT ON money_entry BEGIN "
               f"{row_upsert('money_entry', 'new', '', True)} END")
    out.append("CREATE TRIGGER IF NOT EXISTS report_event_complaint_move AFTER UPDATE OF shop_id, category "
               "ON complaint WHEN old.shop_id IS NOT new.shop_id OR old.category IS NOT new.category BEGIN "
               f"{' '.join(_moves('old', 'new', True))} END")
    return out


def pg_triggers() -> list[str]:
    out = []
    for table in ("callback", "escalation"):
        watched = ", ".join(f'"{name}"' for name in WATCHED[table])
        out += [
            f"CREATE OR REPLACE FUNCTION report_event_{table}_keep() RETURNS trigger AS $$ BEGIN "
            f"IF TG_OP <> 'INSERT' THEN {row_upsert(table, 'OLD', '-', False)} END IF; "
            f"IF TG_OP <> 'DELETE' THEN {row_upsert(table, 'NEW', '', False)} END IF; "
            "RETURN NULL; END $$ LANGUAGE plpgsql",
        ]
        for when, event in (("insert", "INSERT"), ("update", f"UPDATE OF {watched}"), ("delete", "DELETE")):
            out += [f"DROP TRIGGER IF EXISTS report_event_{table}_{when} ON {table}",
                    f"CREATE TRIGGER report_event_{table}_{when} AFTER {event} ON {table} FOR EACH ROW "
                    f"EXECUTE FUNCTION report_event_{table}_keep()"]
    out += [
        "CREATE OR REPLACE FUNCTION report_event_money_keep() RETURNS trigger AS $$ BEGIN "
        f"{row_upsert('money_entry', 'NEW', '', False)} RETURN NULL; END $$ LANGUAGE plpgsql",
        "DROP TRIGGER IF EXISTS report_event_money_entry_insert ON money_entry",
        "CREATE TRIGGER report_event_money_entry_insert AFTER INSERT ON money_entry FOR EACH ROW "
        "EXECUTE FUNCTION report_event_money_keep()",
        "CREATE OR REPLACE FUNCTION report_event_move() RETURNS trigger AS $$ BEGIN "
        f"{' '.join(_moves('OLD', 'NEW', False))} RETURN NULL; END $$ LANGUAGE plpgsql",
        "DROP TRIGGER IF EXISTS report_event_complaint_move ON complaint",
        "CREATE TRIGGER report_event_complaint_move AFTER UPDATE OF shop_id, category ON complaint FOR EACH ROW "
        "WHEN (OLD.shop_id IS DISTINCT FROM NEW.shop_id OR OLD.category IS DISTINCT FROM NEW.category) "
        "EXECUTE FUNCTION report_event_move()",
    ]
    return out


def install(db: Database) -> None:
    """Create the triggers (idempotent) and fill the table from the three sources."""
    sqlite = isinstance(db, SqliteDatabase)
    for sql in sqlite_triggers() if sqlite else pg_triggers():
        db.execute_sql(sql)
    for sql in fill_sql(sqlite):
        db.execute_sql(sql)
