"""Triggers that keep the reports' summaries in step with the complaints, on SQLite and PostgreSQL, and
their fill.

`report_count` holds counts per local day × shop × category, by `dimension` and `code`, and the same per
local month on rows whose `day` is -YYYYMM (a long period reads its whole months there):
- dimension "" (code ""): complaints received that day (`received`), and of those the ones settled (both
  deadlines' ending work done: acknowledged or closed, and resolved or closed) and settled late
  (`settled`, `settled_late`, the deadline test on the work's own times); the complaints closed that day
  count on the row of the day they were closed (`closed`);
- "severity" (code: the rank), "channel", "remedy" (decided, else asked for), "product": received, settled
  and settled late, as above.

`report_hist` counts the acknowledgement (`measure` "a") and resolution ("r") times of the complaints
received in each local month, per shop × category (severity -1), per shop over every category (category ""),
per severity × category (shop 0) and per category (shop 0, severity -1), in
buckets of whole minutes: a minute wide under 32 minutes; from 2^k minutes on (k ≥ 5), 2^(k-4) minutes
wide, so a bucket is never wider than 1/16 of the times in it (see `bucket_of`, `bucket_width`).

A complaint adds its contribution when inserted; an update of a column the summaries read takes the old
contribution away and adds the new one; a delete takes it away. Days and months are the mall's, at a fixed offset from UTC, as
for `shop_month` (store/shop_summary.py).
"""

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from peewee import Database, SqliteDatabase

from ..domain.reports.buckets import ALL_SEVERITIES, ALL_SHOPS, DAY_SECONDS, EXACT_BITS, LOCAL_OFFSET_SECONDS
from .models import database

COUNT_KEY = ("day", "shop_id", "category", "dimension", "code")
COUNT_SUMS = ("received", "closed", "settled", "settled_late")
HIST_KEY = ("month", "shop_id", "category", "severity_rank", "measure", "bucket")
# While set to "on" in a transaction, PostgreSQL's insert trigger leaves the summing to `summed_together`.
LATER_SETTING = "aftersales.summaries_later"
TRIGGER_NAMES = ["report_summary_insert", "report_summary_update", "report_summary_delete"]
# The complaint columns the summaries read: an update of any other column leaves them alone.
WATCHED = ("created_at", "shop_id", "category", "severity_rank", "channel", "remedy", "remedy_decided", "product",
           "acknowledged_at", "resolved_at", "closed_at", "ack_due_at", "resolve_due_at")
TOP_POWER = 40
DIMENSIONS = {"severity": "CAST({r}.severity_rank AS TEXT)", "channel": "{r}.channel",
              "remedy": "COALESCE({r}.remedy_decided, {r}.remedy)", "product": "{r}.product"}


def _bucket_sql(seconds: str) -> str:
    minutes = f"(({seconds}) / 60)"
    branches = [f"WHEN {minutes} < {2 ** EXACT_BITS} THEN {minutes}"]
    for power in range(EXACT_BITS, TOP_POWER):
        width = 2 ** (power + 1 - EXACT_BITS)
        branches.append(f"WHEN {minutes} < {2 ** (power + 1)} THEN {minutes} / {width} * {width}")
    return f"(CASE {' '.join(branches)} ELSE {minutes} END)"


def _day(moment: str) -> str:
    return f"(({moment} + {LOCAL_OFFSET_SECONDS}) / {DAY_SECONDS})"


def _month(moment: str, sqlite: bool) -> str:
    if sqlite:
        return f"CAST(strftime('%Y%m', {moment} + {LOCAL_OFFSET_SECONDS}, 'unixepoch') AS INTEGER)"
    return f"CAST(to_char(to_timestamp({moment} + {LOCAL_OFFSET_SECONDS}) AT TIME ZONE 'UTC', 'YYYYMM') AS INTEGER)"


def ack_end(r: str) -> str:
    return f"COALESCE({r}.acknowledged_at, {r}.closed_at)"


def resolve_end(r: str) -> str:
    return f"COALESCE({r}.resolved_at, {r}.closed_at)"


def settled_sql(r: str) -> str:
    return f"({ack_end(r)} IS NOT NULL AND {resolve_end(r)} IS NOT NULL)"


def settled_late_sql(r: str) -> str:
    """Settled, and the work that ended a deadline came after it (README, "SLA figures")."""
    return f"({settled_sql(r)} AND ({ack_end(r)} > {r}.ack_due_at OR {resolve_end(r)} > {r}.resolve_due_at))"


def _flag(condition: str) -> str:
    return f"(CASE WHEN {condition} THEN 1 ELSE 0 END)"


def _count_upsert(values: list[str], where: str, aggregate: bool = False, source: str = "") -> str:
    on_conflict = "ON CONFLICT (" + ", ".join(COUNT_KEY) + ") DO UPDATE SET " + ", ".join(
        f"{name} = report_count.{name} + excluded.{name}" for name in COUNT_SUMS)
    if aggregate:
        keys = values[:5]
        values = keys + [f"SUM({value})" for value in values[5:]]
        group = " GROUP BY " + ", ".join(str(place) for place in range(1, len(keys) + 1))
    else:
        group = ""
    return (f"INSERT INTO report_count ({', '.join(COUNT_KEY + COUNT_SUMS)}) SELECT {', '.join(values)} "
            f"{source} WHERE {where}{group} {on_conflict};")


def _hist_upsert(values: list[str], where: str, aggregate: bool = False, source: str = "") -> str:
    on_conflict = ("ON CONFLICT (" + ", ".join(HIST_KEY) + ") DO UPDATE SET n = report_hist.n + excluded.n")
    if aggregate:
        keys = values[:6]
        values = keys + [f"SUM({values[6]})"]
        group = " GROUP BY " + ", ".join(str(place) for place in range(1, len(keys) + 1))
    else:
        group = ""
    return (f"INSERT INTO report_hist ({', '.join(HIST_KEY)}, n) SELECT {', '.join(values)} {source} "
            f"WHERE {where}{group} {on_conflict};")


def contribution(r: str, sign: str, sqlite: bool, aggregate: bool = False, source: str = "",
                 where: str = "TRUE") -> list[str]:
    """Upserts adding what one complaint row `r` (`new`, `old`, or a table alias) counts, times `sign`
    ("" or "-"); with `aggregate`, summed over the rows of `source` that pass `where`."""
    counted = [f"{sign}1", "0", f"{sign}{_flag(settled_sql(r))}", f"{sign}{_flag(settled_late_sql(r))}"]
    statements = []
    # Each count goes on its day's row and on its month's (keyed by -YYYYMM), which a long period reads.
    for day in (_day(f"{r}.created_at"), f"-{_month(f'{r}.created_at', sqlite)}"):
        statements.append(_count_upsert([day, f"{r}.shop_id", f"{r}.category", "''", "''", *counted], where,
                                        aggregate, source))
        for dimension, code in DIMENSIONS.items():
            values = [day, f"{r}.shop_id", f"{r}.category", f"'{dimension}'", code.format(r=r), *counted]
            statements.append(_count_upsert(values, where, aggregate, source))
    for day in (_day(f"{r}.closed_at"), f"-{_month(f'{r}.closed_at', sqlite)}"):
        closed = [day, f"{r}.shop_id", f"{r}.category", "''", "''", "0", f"{sign}1", "0", "0"]
        statements.append(_count_upsert(closed, f"{where} AND {r}.closed_at IS NOT NULL", aggregate, source))
    month = _month(f"{r}.created_at", sqlite)
    for measure, done in (("a", f"{r}.acknowledged_at"), ("r", f"{r}.resolved_at")):
        bucket = _bucket_sql(f"{done} - {r}.created_at")
        present = f"{where} AND {done} IS NOT NULL"
        for shop, category, severity in ((f"{r}.shop_id", f"{r}.category", str(ALL_SEVERITIES)),
                                         (f"{r}.shop_id", "''", str(ALL_SEVERITIES)),
                                         (str(ALL_SHOPS), f"{r}.category", f"{r}.severity_rank"),
                                         (str(ALL_SHOPS), f"{r}.category", str(ALL_SEVERITIES))):
            values = [month, shop, category, severity, f"'{measure}'", bucket, f"{sign}1"]
            statements.append(_hist_upsert(values, present, aggregate, source))
    return statements


def _changed(old: str, new: str, differs: str) -> str:
    return " OR ".join(f"{old}.{name} {differs} {new}.{name}" for name in WATCHED)


def sqlite_triggers() -> list[str]:
    watched = ", ".join(WATCHED)
    return [
        "CREATE TRIGGER IF NOT EXISTS report_summary_insert AFTER INSERT ON complaint BEGIN "
        f"{' '.join(contribution('new', '', True))} END",
        f"CREATE TRIGGER IF NOT EXISTS report_summary_update AFTER UPDATE OF {watched} ON complaint "
        f"WHEN {_changed('old', 'new', 'IS NOT')} BEGIN "
        f"{' '.join(contribution('old', '-', True))} {' '.join(contribution('new', '', True))} END",
        "CREATE TRIGGER IF NOT EXISTS report_summary_delete AFTER DELETE ON complaint BEGIN "
        f"{' '.join(contribution('old', '-', True))} END",
    ]


def pg_triggers() -> list[str]:
    watched = ", ".join(WATCHED)
    return [
        "CREATE OR REPLACE FUNCTION report_summary_keep() RETURNS trigger AS $$ BEGIN "
        f"IF TG_OP = 'INSERT' AND current_setting('{LATER_SETTING}', true) = 'on' THEN RETURN NULL; END IF; "
        f"IF TG_OP <> 'INSERT' THEN {' '.join(contribution('OLD', '-', False))} END IF; "
        f"IF TG_OP <> 'DELETE' THEN {' '.join(contribution('NEW', '', False))} END IF; "
        "RETURN NULL; END $$ LANGUAGE plpgsql",
        "DROP TRIGGER IF EXISTS report_summary_insert ON complaint",
        "CREATE TRIGGER report_summary_insert AFTER INSERT ON complaint FOR EACH ROW "
        "EXECUTE FUNCTION report_summary_keep()",
        "DROP TRIGGER IF EXISTS report_summary_update ON complaint",
        f"CREATE TRIGGER report_summary_update AFTER UPDATE OF {watched} ON complaint FOR EACH ROW "
        f"WHEN ({_changed('OLD', 'NEW', 'IS DISTINCT FROM')}) EXECUTE FUNCTION report_summary_keep()",
        "DROP TRIGGER IF EXISTS report_summary_delete ON complaint",
        "CREATE TRIGGER report_summary_delete AFTER DELETE ON complaint FOR EACH ROW "
        "EXECUTE FUNCTION report_summary_keep()",
    ]


def triggers(sqlite: bool) -> list[str]:
    return sqlite_triggers() if sqlite else pg_triggers()


def fill_sql(sqlite: bool) -> list[str]:
    """Statements adding the complaints whose ids lie between two parameters (both included) to the
    summaries, summed by the database (a fill after a bulk load or an upgrade)."""
    mark = "?" if sqlite else "%s"
    return contribution("c", "", sqlite, aggregate=True, source="FROM complaint c",
                        where=f"c.id BETWEEN {mark} AND {mark}")


def fill_listed_sql(sqlite: bool) -> list[str]:
    """Statements adding the complaints whose ids are listed in one parameter (a JSON list on SQLite, an
    array on PostgreSQL)."""
    where = "c.id IN (SELECT value FROM json_each(?))" if sqlite else "c.id = ANY(%s)"
    return contribution("c", "", sqlite, aggregate=True, source="FROM complaint c", where=where)


@contextmanager
def summed_together() -> Iterator[list[int]]:
    """Complaints inserted inside this block (their ids appended to the list it gives) are added to the
    summaries by one statement per summary row kind at its end instead of a trigger run each. Inside the
    caller's write transaction: SQLite's insert trigger is set aside and put back (a rollback brings it
    back too); PostgreSQL's is told to wait by a setting local to the transaction."""
    db = database.obj
    inserted: list[int] = []
    if not db.in_transaction():
        raise RuntimeError("complaints are summed together inside a write transaction only")
    sqlite = isinstance(db, SqliteDatabase)
    found = None
    if sqlite:
        found = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                               ("report_summary_insert",)).fetchone()
        if found is not None:
            db.execute_sql("DROP TRIGGER report_summary_insert")
    else:
        db.execute_sql(f"SET LOCAL {LATER_SETTING} = 'on'")
    yield inserted
    if inserted:
        listed = json.dumps(inserted) if sqlite else list(inserted)
        for sql in fill_listed_sql(sqlite):
            db.execute_sql(sql, (listed,))
    if sqlite:
        if found is not None:
            db.execute_sql(found[0])
    else:
        db.execute_sql(f"SET LOCAL {LATER_SETTING} = 'off'")


def refill(db: Database, step: Callable[[int], None] | None = None, chunk: int = 100_000) -> None:
    """Empty the summaries and add every complaint, `chunk` ids at a time; `step(done)` follows the
    complaints added so far, when given."""
    sqlite = isinstance(db, SqliteDatabase)
    db.execute_sql("DELETE FROM report_count")
    db.execute_sql("DELETE FROM report_hist")
    low, high = db.execute_sql("SELECT min(id), max(id) FROM complaint").fetchone()
    if low is None:
        return
    statements = fill_sql(sqlite)
    done = 0
    for start in range(int(low), int(high) + 1, chunk):
        if step is not None:
            step(done)
        bounds = (start, start + chunk - 1)
        for sql in statements:
            db.execute_sql(sql, bounds)
        done += int(db.execute_sql(f"SELECT count(*) FROM complaint WHERE id BETWEEN {int(bounds[0])} "
                                   f"AND {int(bounds[1])}").fetchone()[0])
    if step is not None:
        step(done)


def install(db: Database, step: Callable[[int], None] | None = None) -> None:
    """Create the triggers (idempotent) and fill the summaries from the complaints."""
    sqlite = isinstance(db, SqliteDatabase)
    for sql in triggers(sqlite):
        db.execute_sql(sql)
    refill(db, step)
