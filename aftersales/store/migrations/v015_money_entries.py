"""Schema 15: money as dated, append-only entries, and the months a hand-over closed.

Each amount already recorded becomes one entry on the mall's local day it was recorded: a complaint's
compensation (a refund when the remedy decided was return & refund) on the day it was resolved, and a
delivery's collected payment on the day it was completed. Months already handed over are closed.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from peewee import Database, SqliteDatabase

from ...domain.money import MoneyKind
from ...domain.sla import SlaPolicy
from ..models import MONEY_MODELS

COLUMNS = ("complaint_id", "delivery_order_id", "kind", "amount_fen", "day", "amends", "note", "recorded_by_id",
           "recorded_at")
CHUNK = 5_000

MONEY_GUARDS = [
    """CREATE TRIGGER IF NOT EXISTS money_entry_append_only_update BEFORE UPDATE ON money_entry BEGIN
        SELECT RAISE(ABORT, 'money entries are append-only');
    END""",
    """CREATE TRIGGER IF NOT EXISTS money_entry_append_only_delete BEFORE DELETE ON money_entry BEGIN
        SELECT RAISE(ABORT, 'money entries are append-only');
    END""",
]

PG_MONEY_GUARD = [
    """CREATE OR REPLACE FUNCTION money_entry_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'money entries are append-only' USING ERRCODE = 'restrict_violation'; END $$
    LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS money_entry_append_only ON money_entry",
    """CREATE TRIGGER money_entry_append_only BEFORE UPDATE OR DELETE ON money_entry
    FOR EACH ROW EXECUTE FUNCTION money_entry_append_only()""",
]

# The last actor of the event that recorded the amount, as who recorded the entry.
_COMPENSATIONS = """
SELECT c.id, c.remedy_decided, c.compensation_fen, c.resolved_at,
       (SELECT e.actor_id FROM event e WHERE e.complaint_id = c.id AND e.kind = 'resolved' ORDER BY e.id DESC LIMIT 1)
FROM complaint c WHERE c.compensation_fen <> 0 AND c.resolved_at IS NOT NULL ORDER BY c.id"""
_COLLECTIONS = """
SELECT d.complaint_id, d.id, d.collect_fen, d.completed_at, d.created_by_id
FROM delivery_order d WHERE d.status = 'completed' AND d.collect_fen <> 0 AND d.completed_at IS NOT NULL
ORDER BY d.id"""


def _day(epoch: int, zone: ZoneInfo) -> date:
    return datetime.fromtimestamp(int(epoch), UTC).astimezone(zone).date()


def migrate(db: Database) -> None:
    sqlite = isinstance(db, SqliteDatabase)
    fresh = not db.table_exists("money_entry")
    db.create_tables(MONEY_MODELS, safe=True)
    for sql in MONEY_GUARDS if sqlite else PG_MONEY_GUARD:
        db.execute_sql(sql)
    if not fresh:
        return
    zone = SlaPolicy().zone  # the mall's default calendar: the policy file is the desk's, not the database's
    rows: list[tuple[object, ...]] = []
    for cid, remedy, fen, resolved, actor in db.execute_sql(_COMPENSATIONS).fetchall():
        kind = MoneyKind.REFUND if remedy == "return_refund" else MoneyKind.COMPENSATION
        rows.append((cid, None, kind.value, int(fen), _day(resolved, zone), None, "", actor, int(resolved)))
    for cid, order, fen, completed, actor in db.execute_sql(_COLLECTIONS).fetchall():
        rows.append((cid, order, MoneyKind.COLLECTION.value, int(fen), _day(completed, zone), None, "", actor,
                     int(completed)))
    marks = ", ".join([db.param] * len(COLUMNS))
    sql = f"INSERT INTO money_entry ({', '.join(COLUMNS)}) VALUES ({marks})"
    cursor = db.cursor()
    for start in range(0, len(rows), CHUNK):
        cursor.executemany(sql, [_stored(row, sqlite) for row in rows[start:start + CHUNK]])
    _close_handed_over(db, zone)


def _stored(row: tuple[object, ...], sqlite: bool) -> tuple[object, ...]:
    return tuple(value.isoformat() if sqlite and isinstance(value, date) else value for value in row)


def _close_handed_over(db: Database, zone: ZoneInfo) -> None:
    from ..closed_months import month_bounds

    if not db.table_exists("register_handover"):
        return
    for month, handed in db.execute_sql(
            "SELECT month, min(handed_at) FROM register_handover GROUP BY month").fetchall():
        starts, ends = month_bounds(str(month), zone)
        db.execute_sql(f"INSERT INTO closed_month (month, starts_at, ends_at, closed_at) VALUES "
                       f"({db.param}, {db.param}, {db.param}, {db.param})",
                       (month, int(starts.timestamp()), int(ends.timestamp()), int(handed)))
