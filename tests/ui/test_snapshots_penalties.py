"""Pictures of section 5 at 120 × 36 and 80 × 24, in English and Chinese, at a fixed time and data."""

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable

from aftersales.domain.penalties.enums import SubjectKind
from aftersales.domain.penalties.schemas import SubjectRef
from aftersales.domain.schemas import StaffView
from aftersales.ui.navigation import prepared
from aftersales.ui.screens.penalties.ledger import LedgerScreen
from aftersales.ui.screens.penalties.payroll import PayrollScreen
from tests.penalty_factories import desk_at, propose

from .penalty_harness import seed_penalties, seed_two_of_this_year
from .queue_harness import desk_app, settle

WIDE, NARROW = (120, 36), (80, 24)
Staff = dict[str, StaffView]
LI_NA = SubjectRef(kind=SubjectKind.STAFF, code="op02", name="李娜")


async def _penalties(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)


async def _li_nas_ledger(pilot: Pilot[None]) -> None:
    await _penalties(pilot)
    pilot.app.push_screen(prepared(LedgerScreen(LI_NA)))
    await settle(pilot)
    table = pilot.app.screen.query_one("#ledger-table", DataTable)
    await pilot.press(*["down"] * (table.row_count - 1))  # the last: the third that stands, its review open
    await settle(pilot)


def test_ledger_in_english(snap_compare: Any, db_path: Path, staff: Staff) -> None:
    seed_penalties(staff)
    assert snap_compare(desk_app(db_path, "lead01"), terminal_size=WIDE, run_before=_li_nas_ledger)


def test_ledger_in_chinese(snap_compare: Any, db_path: Path, staff: Staff) -> None:
    seed_penalties(staff)
    assert snap_compare(desk_app(db_path, "lead01", "zh_CN"), terminal_size=WIDE, run_before=_li_nas_ledger)


def test_own_ledger_at_80_by_24_in_english(snap_compare: Any, db_path: Path, staff: Staff) -> None:
    seed_penalties(staff)
    assert snap_compare(desk_app(db_path, "op02"), terminal_size=NARROW, run_before=_penalties)


def test_own_ledger_at_80_by_24_in_chinese(snap_compare: Any, db_path: Path, staff: Staff) -> None:
    seed_penalties(staff)
    assert snap_compare(desk_app(db_path, "op02", "zh_CN"), terminal_size=NARROW, run_before=_penalties)


def test_to_confirm_and_people_for_a_lead(snap_compare: Any, db_path: Path, staff: Staff) -> None:
    seed_penalties(staff)
    assert snap_compare(desk_app(db_path, "lead01"), terminal_size=WIDE, run_before=_penalties)


def test_to_confirm_and_people_for_a_lead_in_chinese_at_80_by_24(snap_compare: Any, db_path: Path,
                                                                 staff: Staff) -> None:
    seed_penalties(staff)
    assert snap_compare(desk_app(db_path, "lead01", "zh_CN"), terminal_size=NARROW, run_before=_penalties)


async def _confirm(pilot: Pilot[None]) -> None:
    await _penalties(pilot)
    await pilot.press("c")
    await settle(pilot)


def test_confirm_dialog_spells_out_the_third_violation_at_80_by_24(snap_compare: Any, db_path: Path, staff: Staff) -> None:
    seed_two_of_this_year(staff, "op01")
    propose(desk_at(), staff["op02"], "op01")
    assert snap_compare(desk_app(db_path, "lead01"), terminal_size=NARROW, run_before=_confirm)


def test_confirm_dialog_in_chinese(snap_compare: Any, db_path: Path, staff: Staff) -> None:
    seed_two_of_this_year(staff, "op01")
    propose(desk_at(), staff["op02"], "op01")
    assert snap_compare(desk_app(db_path, "lead01", "zh_CN"), terminal_size=WIDE, run_before=_confirm)


async def _propose(pilot: Pilot[None]) -> None:
    await _penalties(pilot)
    await pilot.press("p")
    await settle(pilot)
    await pilot.press(*"op02")
    await settle(pilot)


def test_propose_dialog_at_80_by_24(snap_compare: Any, db_path: Path, staff: Staff) -> None:
    assert snap_compare(desk_app(db_path, "op01"), terminal_size=NARROW, run_before=_propose)


def test_propose_dialog_in_chinese(snap_compare: Any, db_path: Path, staff: Staff) -> None:
    assert snap_compare(desk_app(db_path, "op01", "zh_CN"), terminal_size=WIDE, run_before=_propose)


async def _payroll(pilot: Pilot[None]) -> None:
    await _penalties(pilot)
    pilot.app.push_screen(prepared(PayrollScreen("2026-10")))
    await settle(pilot)


def test_payroll_month_in_english(snap_compare: Any, db_path: Path, staff: Staff) -> None:
    seed_penalties(staff)
    assert snap_compare(desk_app(db_path, "lead01"), terminal_size=WIDE, run_before=_payroll)


def test_payroll_month_at_80_by_24_in_chinese(snap_compare: Any, db_path: Path, staff: Staff) -> None:
    seed_penalties(staff)
    assert snap_compare(desk_app(db_path, "lead01", "zh_CN"), terminal_size=NARROW, run_before=_payroll)
