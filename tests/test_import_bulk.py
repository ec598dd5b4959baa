"""A big import writes in one short transaction: the write lock is held at most a second for 5,000
rows, on both engines, with every complaint, customer, number, audit event and search entry, or none."""

import csv
import os
import time
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from aftersales import i18n
from aftersales.domain.enums import EventKind
from aftersales.domain.event_notes import import_note
from aftersales.services import audit
from aftersales.services.audit import verify_chain
from aftersales.services.complaints.queue import QueueFilter, queue_page
from aftersales.services.transfer.imports import import_complaints
from aftersales.store import lock_clock
from aftersales.store.models import Complaint, Customer, Event, NumberSequence

from .factories import NOW, new_complaint

HEADER = ["phone", "customer_name", "shop", "category", "severity", "remedy", "product", "description", "received_at"]
ZONE = ZoneInfo("Asia/Shanghai")
ROWS = 5000
# The share of an import's time the write lock may be held: reading, checking and preparing the rows come
# before it. A share, not seconds: a busy or slower machine slows both parts alike (the seconds, 0.5 s on
# SQLite and 0.9 s on PostgreSQL for 5,000 rows on a quiet machine here, are reported in the figures file).
LOCK_SHARE = 0.6
# Where the measured figure is written, for reports (as tests/test_concurrency.py does).
FIGURES_ENV = "AFTERSALES_TEST_FIGURES"


def _file(path: Path, rows: int) -> Path:
    """`rows` complaints over three days; every tenth row a returning customer of an earlier row."""
    days = [NOW - timedelta(days=d) for d in (2, 1, 0)]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for n in range(rows):
            phone = f"1391{(n // 10 * 10 if n % 10 == 9 else n):07d}"
            at = days[n * 3 // rows].astimezone(ZONE).isoformat()
            writer.writerow([phone, f"客户{n}", ("S001", "S002", "S003")[n % 3], "product_quality",
                             ("low", "normal", "high")[n % 3], "repair", f"product-{n:05d}",
                             f"第{n}号：餐椅椅腿松动 chair leg loose", at])
    return path


@pytest.mark.timing
def test_a_5000_row_import_holds_the_write_lock_for_the_lesser_part_of_its_time(db_target, staff, desk, tmp_path, engine):
    source = _file(tmp_path / "big.csv", ROWS)
    lock_clock.start_recording()
    started = time.perf_counter()
    result = import_complaints(desk, staff["op01"], source, i18n.words())
    took = time.perf_counter() - started
    held = lock_clock.holds()
    assert len(held) == 1
    if os.environ.get(FIGURES_ENV):
        with open(os.environ[FIGURES_ENV], "a", encoding="utf-8") as out:
            out.write(f"{engine}: {ROWS}-row import, write lock held {held[0]:.2f} s of {took:.2f} s\n")
    assert held[0] <= LOCK_SHARE * took, f"the import held the write lock {held[0]:.2f} s of {took:.2f} s"
    assert result.created == ROWS
    assert Complaint.select().count() == ROWS
    assert Customer.select().count() == ROWS - ROWS // 10
    imported = Event.select().where(Event.kind == EventKind.IMPORTED.value)
    assert imported.count() == ROWS
    assert verify_chain().first_broken is None
    # Numbers run on per day in file order, and the next intake of a day continues them.
    assert sum(row.last for row in NumberSequence.select()) == ROWS
    later = new_complaint(desk, staff["op01"], phone="13700001111")
    today = NumberSequence.get(NumberSequence.day == f"{NOW.astimezone(desk.sla.zone):%Y%m%d}")
    assert later.number.endswith(f"-{today.last:04d}")


def test_imported_rows_are_found_and_linked_like_typed_ones(db_target, staff, desk, tmp_path):
    earlier = new_complaint(desk, staff["op01"], phone="13910000000", address="")
    source = _file(tmp_path / "some.csv", 30)
    result = import_complaints(desk, staff["op01"], source, i18n.words())
    assert result.created == 30
    first_day = (NOW - timedelta(days=2)).astimezone(ZONE)
    assert (result.first_number, result.last_number) == (f"TS-{first_day:%Y%m%d}-0001", earlier.number[:-4] + "0011")
    row = Complaint.get(Complaint.product == "product-00007")
    assert row.customer.phone == "13910000007" and row.customer.name == "客户7"
    assert row.shop.code == "S002" and row.severity == "normal" and row.status == "new"
    event = Event.get((Event.complaint == row.id) & (Event.kind == EventKind.IMPORTED.value))
    assert event.note == import_note("some.csv", 9) and event.new == row.number and event.actor.code == "op01"
    # The returning caller of row 0 is the customer who called before the import.
    again = Complaint.get(Complaint.product == "product-00009")
    assert again.customer.id == earlier.customer.id
    found = queue_page(staff["op01"], QueueFilter(search="product-00007"), now=desk.clock())
    assert [r.number for r in found.rows] == [row.number]


def test_a_failure_while_writing_leaves_nothing_of_the_import(db_target, staff, desk, tmp_path, monkeypatch):
    before = (Complaint.select().count(), Customer.select().count(), Event.select().count())

    def broken(drafts):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(audit, "append_events", broken)
    with pytest.raises(RuntimeError):
        import_complaints(desk, staff["op01"], _file(tmp_path / "in.csv", 50), i18n.words())
    assert (Complaint.select().count(), Customer.select().count(), Event.select().count()) == before
    assert NumberSequence.select().count() == 0
