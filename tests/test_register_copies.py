"""A register handed over keeps its bytes: a reprint is the file handed over whatever changed since, `check`
names a kept copy altered, and a register handed over before copies were kept is not reprinted."""

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from aftersales import i18n
from aftersales.domain.clock import fixed_clock
from aftersales.domain.errors import ConflictError
from aftersales.domain.reports.period import parse_register_month
from aftersales.services.context import Desk
from aftersales.services.maintenance import check_database
from aftersales.services.reports.handover import hand_over_register, handed_over, verify_file
from aftersales.services.reports.register import write_register
from aftersales.services.reports.register_rows import register_lines
from aftersales.store.db import close_database, open_database, write_transaction
from aftersales.store.migrations import LATEST
from aftersales.store.models import Complaint, Customer, RegisterHandover, database

from .factories import NOW
from .report_factories import paid_around_october

LATER = Desk(clock=fixed_clock(NOW + timedelta(days=40)))  # January: October long closed


def _hand_over_october(desk: Desk, staff, tmp_path: Path, suffix: str) -> tuple[Path, dict[str, int]]:
    ids = paid_around_october()
    out = tmp_path / f"handed.{suffix}"
    hand_over_register(desk, staff["lead01"], "2026-10", out, i18n.words())
    return out, ids


@pytest.mark.parametrize("suffix", ["pdf", "xlsx"])
def test_a_reprint_is_the_file_handed_over_after_its_complaints_changed(db_target, staff, desk, tmp_path, suffix):
    handed, ids = _hand_over_october(desk, staff, tmp_path, suffix)
    october = Complaint.get_by_id(ids["october"])
    with write_transaction("later work on an October complaint"):
        Customer.update(name="赵敏（已改名）").where(Customer.id == october.customer_id).execute()
        Complaint.update(status="closed", close_outcome="callback_confirmed").where(
            Complaint.id == october.id).execute()
    period = parse_register_month("2026-10", LATER.clock().date())
    live = {line.number: line for line in register_lines(period, LATER.sla.zone)}
    assert live[october.number].customer == "赵敏（已改名）"  # printed from the complaints, it would differ

    reprint = write_register(LATER, "2026-10", tmp_path / f"again.{suffix}", i18n.words())
    assert (tmp_path / f"again.{suffix}").read_bytes() == handed.read_bytes()
    assert reprint.reprint_of is not None and reprint.handed_by == "lead01"
    assert reprint.totals.lines == handed_over("2026-10")[0].totals.lines
    assert verify_file(Path(reprint.path)) is not None


def test_check_names_an_altered_kept_copy_and_it_is_not_reprinted(db_target, staff, desk, tmp_path):
    handed, _ = _hand_over_october(desk, staff, tmp_path, "pdf")
    assert check_database().altered_copies == []
    flipped = bytearray(handed.read_bytes())
    flipped[len(flipped) // 2] ^= 0x01
    with write_transaction("a byte flipped in a kept copy"):
        RegisterHandover.update(content=bytes(flipped)).execute()
    report = check_database()
    assert report.altered_copies == ["2026-10 pdf"] and not report.ok
    out = tmp_path / "again.pdf"
    with pytest.raises(ConflictError) as refused:
        write_register(LATER, "2026-10", out, i18n.words())
    assert refused.value.key == "reports.error.kept_copy_altered"
    assert not out.exists()


def test_a_register_handed_over_before_copies_were_kept_is_not_reprinted(db_target, staff, desk, tmp_path):
    _hand_over_october(desk, staff, tmp_path, "xlsx")
    with write_transaction("a hand-over from before copies were kept"):
        RegisterHandover.update(content=None).execute()
    out = tmp_path / "again.xlsx"
    with pytest.raises(ConflictError) as refused:
        write_register(LATER, "2026-10", out, i18n.words())
    text = i18n.error_text(refused.value)
    assert "2026-10" in text and "XLSX" in text and "\n" not in text
    assert not out.exists()
    assert check_database().ok  # nothing kept, nothing altered
    # The other format was never handed over: it prints from the complaints as before.
    fresh = write_register(LATER, "2026-10", tmp_path / "fresh.pdf", i18n.words())
    assert fresh.reprint_of is None and fresh.totals.lines > 0


def test_a_schema_16_database_gains_the_kept_copies_column(db_path: Path, staff, desk, tmp_path):
    _hand_over_october(desk, staff, tmp_path, "pdf")
    close_database()
    raw = sqlite3.connect(db_path)
    raw.execute("ALTER TABLE register_handover DROP COLUMN content")
    raw.execute("PRAGMA user_version = 16")
    raw.commit()
    raw.close()
    open_database(db_path)
    assert database.obj.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST
    [kept] = RegisterHandover.select(RegisterHandover.month, RegisterHandover.content).tuples()
    assert kept == ("2026-10", None)
