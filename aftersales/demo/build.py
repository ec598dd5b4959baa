"""Building a realistic, deterministic demo database: staff, shops, customers, complaints and their audit trail.

The same seed and day give the same content. A million complaints load in about a minute and a half because
one process invents the rows while another stores them through `executemany` in one transaction, with the
secondary indexes and full-text triggers set aside until the end, and the indexes are then sorted in small
cache-sized runs.
"""

import hashlib
import random
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from operator import itemgetter
from pathlib import Path
from zoneinfo import ZoneInfo

from faker import Faker

from ..domain.enums import EventKind, Role, ShopCategory
from ..domain.pins import hash_pin
from ..domain.sla import SlaPolicy
from ..store import fts, report_events, report_summary, shop_summary
from ..store.db import close_database, open_database
from ..store.errors import DatabaseRefused
from ..store.fields import to_epoch
from .callbacks import ATTEMPT_COLUMNS, CALLBACK_COLUMNS
from .catalog import BUILDINGS, DEMO_STAFF, SHOP_BRANDS, SHOPS
from .chain import INSERT_EVENT, ChainSealer, DemoEvent
from .complaints import COMPLAINT_COLUMNS, CUSTOMER_COLUMNS, ComplaintMaker, DeadlineTable
from .deliveries import FAILURE_COLUMNS, ORDER_COLUMNS
from .documents import play_documents, write_documents
from .escalations import add_escalations
from .history import DAY, HistoryMaker
from .holds import put_waiting_on_hold
from .marker import DEMO_KEY
from .money import MONEY_COLUMNS, money_rows
from .penalties import events_between, play, write_rows
from .pipeline import DayBatches, store_invented
from .shop_duties import write_partners, write_visits
from .volumes import ShopKey, complaint_counts, daily_picks, document_volumes, first_day

# The desk's staff and shops were set up this many days before the demo's day: before its first complaint
# (at most 13 months and a few weeks back) and its year of penalties.
SETUP_DAYS = 460
# Complaints of the last RECENT_DAYS may stop at a stage the desk never moved them on from, as many of them
# as if all the demo's complaints were spread over those days (STALL_SHARE of them); older ones were all
# taken to their end.
RECENT_DAYS = 90
STALL_SHARE = 0.05
# The inventing process sends its rows once this many complaints are ready (a day's at least).
SEND_AT = 1000
# The demo's "now": 18:00 local time on `today`, so a build never depends on the wall clock.
DEMO_TIME = time(18, 0)
BULK_TABLES = ("complaint", "event", "customer", "delivery_order", "delivery_failure", "callback", "callback_attempt",
               "money_entry")
# Page cache while rows go in (KiB, as a negative cache_size): the load only appends, so a modest cache
# does as well as a big one and keeps the process small.
LOAD_CACHE_KIB = 20_000
# SQLite sizes CREATE INDEX's in-memory sort runs by the page cache. Runs of a few MiB stay in the CPU
# caches and merge quickly: rebuilding a million complaints' indexes took about 13 s this way, 19 s with
# runs of 200 MiB.
INDEX_CACHE_KIB = 2_000
# Helper threads for those sorts (SQLite's own, outside the GIL).
SORT_THREADS = 2


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


INSERT_COMPLAINT = _insert("complaint", COMPLAINT_COLUMNS)
INSERT_CUSTOMER = _insert("customer", CUSTOMER_COLUMNS)
INSERT_STAFF = _insert("staff", ("id", "code", "name", "role", "active", "pin_hash", "failed_logins",
                                 "locked_until", "created_at"))
INSERT_SHOP = _insert("shop", ("id", "code", "name", "brand", "unit", "category", "contact", "phone", "active"))
INSERT_ORDER = _insert("delivery_order", ORDER_COLUMNS)
INSERT_FAILURE = _insert("delivery_failure", FAILURE_COLUMNS)
INSERT_CALLBACK = _insert("callback", CALLBACK_COLUMNS)
INSERT_ATTEMPT = _insert("callback_attempt", ATTEMPT_COLUMNS)
INSERT_MONEY = _insert("money_entry", MONEY_COLUMNS)


def build_demo(
    path: Path, complaints: int = 2000, seed: int = 7, today: date | None = None, until: time | None = None
) -> None:
    """Create a new demo database at `path` with `complaints` complaints from the 1st of the month 13 months
    before `today`'s up to `today`, that day's last one just before `until` (local time; 18:00 unless given).

    Leaves the database open and bound to the models. Refuses an existing file; a failed build removes
    the partial file.
    """
    path = Path(path)
    if path.exists():
        raise DatabaseRefused(f"{path}: already exists; a demo database is built into a new file")
    if complaints < 0:
        raise ValueError("the number of complaints cannot be negative")
    open_database(path, create=True)
    close_database()
    # A connection of our own: the bulk load hands it to a writer thread while this one invents rows.
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        _fill(conn, complaints, seed, today or date.today(), until or DEMO_TIME)
    except BaseException:
        conn.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
            leftover.unlink(missing_ok=True)
        raise
    conn.close()
    open_database(path)
    try:
        from .attachments import attach_demo_files

        moment = datetime.combine(today or date.today(), until or DEMO_TIME, tzinfo=SlaPolicy().zone)
        attach_demo_files(moment, seed)
        # The last complete month's quality signals, as the sweep would judge them on the demo's day.
        from ..services.context import Desk
        from ..services.quality.signals import compute_due

        compute_due(Desk(clock=lambda: moment))
    except BaseException:
        close_database()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
            leftover.unlink(missing_ok=True)
        raise


def today_share(until: time) -> float:
    """How much of a whole day's complaints the demo's day has taken by `until`."""
    policy = SlaPolicy()
    elapsed = (until.hour * 60 + until.minute) - (policy.opens.hour * 60 + policy.opens.minute)
    return min(max(elapsed / policy.day_minutes, 0.05), 1.0)


def shop_keys() -> list[ShopKey]:
    """Code and brand of each demo shop, in the order of their ids."""
    return [(f"S{shop_id:03d}", SHOP_BRANDS.get(name, name)) for shop_id, (name, _) in enumerate(SHOPS, 1)]


def _fill(conn: sqlite3.Connection, total: int, seed: int, today: date, until: time) -> None:
    """Invent the demo in another process and store it here as it comes (see `pipeline`)."""
    with _bulk_load(conn):
        penalties, window, (shop_ids, now, desk_ids, lead_id, manager_id, operators) = store_invented(
            conn, fts.REBUILD_RANGE, invent, (total, seed, today, until)
        )
    write_rows(conn, penalties, window)
    put_waiting_on_hold(conn, SlaPolicy().zone)
    add_escalations(conn, now, seed, lead_id, manager_id, operators)
    _shop_duties(conn, shop_ids, today, now, SlaPolicy().zone, desk_ids, lead_id, seed)


def invent(out: DayBatches, total: int, seed: int, today: date, until: time) -> None:
    """Every row of the demo, in the order it is stored, sent to `out` as the days are made (quiet days
    together)."""
    policy = SlaPolicy()
    zone = policy.zone
    now = to_epoch(datetime.combine(today, until, zone))
    offset = int(zone.utcoffset(datetime.combine(today, until)).total_seconds())  # type: ignore[union-attr]
    first = first_day(today)
    first_start = to_epoch(datetime.combine(first, time(0, 0), zone))
    rng = random.Random(seed)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    chain = ChainSealer()
    setup_at = to_epoch(datetime.combine(today - timedelta(days=SETUP_DAYS), time(9, 0), zone))
    staff, shops, setup_events = _people_and_shops(out, fake, seed, setup_at)
    desk = {sid: code for sid, (code, role) in staff.items() if role in (Role.OPERATOR, Role.LEAD, Role.MANAGER)}
    by_code = {code: sid for sid, (code, _) in staff.items()}
    penalties = play(today, now, zone, seed, by_code, {f"S{shop_id:03d}": shop_id for shop_id, _, _ in shops})
    out.executemany(INSERT_EVENT, chain.seal(setup_events + events_between(penalties, 0, first_start)))
    operators = [sid for sid, (_, role) in staff.items() if role is Role.OPERATOR]
    keys = shop_keys()
    volumes = document_volumes(keys, today, seed)
    history = HistoryMaker(
        rng, now=now, utc_offset=offset, opens=policy.opens.hour * 3600, closes=policy.closes.hour * 3600,
        first_day=(first_start + offset) // DAY, staff_codes=desk, lead_id=by_code["lead01"],
        dispatcher_id=by_code["dc01"], contact_of=lambda customer_id: maker.contact_of(customer_id), seed=seed,
    )
    maker = ComplaintMaker(
        rng, fake, history, DeadlineTable(policy, offset, first_start), shops,
        intake_ids=operators + [by_code["lead01"]], assignee_ids=operators * 3 + [by_code["lead01"]],
        manager_id=by_code["mgr01"], volumes=volumes,
    )
    sequences = []
    share = today_share(until)
    counts = complaint_counts(keys, volumes, total, today, seed, share)
    stall_share = min(STALL_SHARE * ((today - first).days + 1) / RECENT_DAYS, 0.25)
    unsent: tuple[object, object] | None = None  # first and last id of the complaints not yet sent
    waiting = 0  # how many they are
    for index, picks in enumerate(daily_picks(counts, first, today, seed, share)):
        day = first + timedelta(days=index)
        start = first_start + index * DAY
        month = (day.year - first.year) * 12 + day.month - first.month
        recent = (today - day).days < RECENT_DAYS
        rows, customers = maker.make_day(day, start, picks, now - 60, month, stall_share if recent else 0.0)
        count = len(picks)
        played = history.take_day(index)
        fines = events_between(penalties, start, start + DAY)
        events = chain.seal(sorted(played + fines, key=itemgetter(0)) if fines else played)
        out.executemany(INSERT_CUSTOMER, customers)
        out.executemany(INSERT_COMPLAINT, rows)
        out.executemany(INSERT_EVENT, events)
        _deliveries_and_callbacks(out, history, rows, offset)
        if rows:
            sequences.append((f"{day:%Y%m%d}", count))
            unsent = (unsent[0] if unsent else rows[0][0], rows[-1][0])
            waiting += len(rows)
        # Quiet days travel together: a message and a search-index statement cost the same for one row or many.
        if waiting >= SEND_AT:
            out.send(unsent)
            unsent, waiting = None, 0
    if unsent:
        out.send(unsent)
    out.executemany("INSERT INTO number_sequence (day, last) VALUES (?, ?)", sequences)
    # The mark that lets the login screen show the demo accounts (and no other database's).
    out.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                (DEMO_KEY, f"{total} complaints, seed {seed}, up to {today:%Y-%m-%d} {until:%H:%M}"))
    # What the storing side needs to add the penalties and the shops' duties once the days are in.
    shop_ids = [shop_id for shop_id, _, _ in shops]
    out.finish(penalties, (first_start, now), (shop_ids, now, list(desk), by_code["lead01"], by_code["mgr01"], operators))


def _shop_duties(conn: sqlite3.Connection, shop_ids: list[int], today: date, now: int, zone: ZoneInfo,
                 desk_ids: list[int], lead_id: int, seed: int) -> None:
    """Sales documents, supervision visits and outside partners with their referrals."""
    write_documents(conn, play_documents(shop_keys(), shop_ids, today, zone, lead_id, seed))
    write_visits(conn, shop_ids, today, zone, desk_ids, seed)
    write_partners(conn, now, zone, desk_ids, seed)


def _deliveries_and_callbacks(out: DayBatches, history: HistoryMaker, complaints: list[tuple[object, ...]],
                              utc_offset: int) -> None:
    """The day's delivery orders, failed runs, call-backs and attempts (played with its complaints), and the
    money entries of its complaints' compensation and its orders' collections."""
    orders, failures = history.deliveries.take_rows()
    callbacks, attempts = history.calls.take_rows()
    out.executemany(INSERT_ORDER, orders)
    out.executemany(INSERT_MONEY, money_rows(complaints, orders, utc_offset))
    out.executemany(INSERT_FAILURE, failures)
    out.executemany(INSERT_CALLBACK, callbacks)
    out.executemany(INSERT_ATTEMPT, attempts)


def _people_and_shops(
    cursor: DayBatches, fake: Faker, seed: int, at: int
) -> tuple[dict[int, tuple[str, Role]], list[tuple[int, str, ShopCategory]], list[DemoEvent]]:
    """Staff (demo accounts first) and shops, with the events an admin setting them up would leave."""
    staff: dict[int, tuple[str, Role]] = {}
    events: list[DemoEvent] = []
    admin_id = next(i for i, row in enumerate(DEMO_STAFF, 1) if row[2] is Role.ADMIN)
    for sid, (code, name, role, pin) in enumerate(DEMO_STAFF, 1):
        # scrypt is slow on purpose: one hash per account, salted from the seed so builds repeat.
        salt = hashlib.sha256(f"aftersales-demo:{seed}:{code}".encode()).digest()[:16]
        cursor.execute(INSERT_STAFF, (sid, code, name, role.value, 1, hash_pin(pin, salt), 0, None, at))
        staff[sid] = (code, role)
    order = [admin_id] + [sid for sid in staff if sid != admin_id]
    for step, sid in enumerate(order):
        code, role = staff[sid]
        actor = None if sid == admin_id else admin_id
        events.append((at + step * 60, None, actor, EventKind.STAFF_CREATED.value, "staff", "", f"{code}:{role.value}",
                       "", False))
    shops: list[tuple[int, str, ShopCategory]] = []
    rooms: dict[str, int] = {}
    shop_rows = []
    for shop_id, (name, kind) in enumerate(SHOPS, 1):
        building = BUILDINGS[kind]
        rooms[building] = rooms.get(building, 0) + 1
        floor, room = divmod(rooms[building] - 1, 8)
        unit = f"{building}-{floor + 1}{room + 1:02d}"
        code = f"S{shop_id:03d}"
        shop_rows.append((shop_id, code, name, SHOP_BRANDS.get(name, ""), unit, kind.value, fake.name(),
                          fake.phone_number(), 1))
        shops.append((shop_id, name, kind))
        events.append((at + 3600 + shop_id * 60, None, admin_id, EventKind.SHOP_CREATED.value, "shop", "", code,
                       name, False))
    cursor.executemany(INSERT_SHOP, shop_rows)
    return staff, shops, events


@contextmanager
def _bulk_load(conn: sqlite3.Connection) -> Iterator[None]:
    """One transaction on a new file: no journal, no fsync, secondary indexes and FTS triggers recreated after.

    Every secondary index of the bulk tables (the queue's, the phone-tail expression index, the ones peewee
    makes for foreign keys) is dropped and rebuilt from the `sql` SQLite stored for it.

    The full-text indexes are filled day by day with `fts.REBUILD_RANGE` over each day's complaints (see `_fill`).
    """
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    marks = ", ".join("?" * len(BULK_TABLES))
    indexes = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks}) "
        "ORDER BY name",
        BULK_TABLES,
    ).fetchall()
    conn.execute("BEGIN")
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    for name in [*fts.TRIGGER_NAMES, *shop_summary.TRIGGER_NAMES, *report_summary.TRIGGER_NAMES,
                 *report_events.TRIGGER_NAMES]:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    yield
    conn.execute(f"PRAGMA cache_size = -{INDEX_CACHE_KIB}")
    conn.execute(f"PRAGMA threads = {SORT_THREADS}")
    for _, sql in indexes:
        conn.execute(sql)
    for sql in fts.EVERY_TRIGGER:
        conn.execute(sql)
    # The scorecards' monthly summary, summed once from the loaded complaints rather than row by row.
    for sql in [*shop_summary.sqlite_triggers(), *shop_summary.rebuild_sql(sqlite=True)]:
        conn.execute(sql)
    # The reports' summaries likewise, a range of ids at a time.
    for sql in [*report_summary.sqlite_triggers(), *report_events.sqlite_triggers()]:
        conn.execute(sql)
    _fill_report_summaries(conn)
    for sql in report_events.fill_sql(sqlite=True):
        conn.execute(sql)
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _fill_report_summaries(conn: sqlite3.Connection, chunk: int = 100_000) -> None:
    """Sum the loaded complaints into the reports' summaries, `chunk` ids per statement."""
    conn.execute("DELETE FROM report_count")
    conn.execute("DELETE FROM report_hist")
    low, high = conn.execute("SELECT min(id), max(id) FROM complaint").fetchone()
    if low is None:
        return
    statements = report_summary.fill_sql(sqlite=True)
    for start in range(int(low), int(high) + 1, chunk):
        for sql in statements:
            conn.execute(sql, (start, start + chunk - 1))
