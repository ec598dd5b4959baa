"""Pictures of section 5 at 120 × 36 and 80 × 24, in English and Chinese, at a fixed time and data."""

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import DataTable

from aftersales.domain.penalties.enums import SubjectKind
from aftersales.domain.penalties.schemas import SubjectRef
from aftersales.domain.schemas import StaffView
from aftersales.ui.navigation import prepared
from aftersales.ui.screens.penalties.ledger import LedgerScreen
from aftersales.ui.screens.penalties.payroll import PayrollScreen
from tests.penalty_factories import desk_at, propose

from .harness import press, settle
from .penalty_harness import seed_penalties, seed_two_of_this_year
from .snapshot_variants import variants

Snap = Callable[..., bool]
Staff = dict[str, StaffView]
LI_NA = SubjectRef(kind=SubjectKind.STAFF, code="op02", name="李娜")


async def _penalties(pilot: Pilot[None]) -> None:
    await press(pilot, "5")


async def _li_nas_ledger(pilot: Pilot[None]) -> None:
    await _penalties(pilot)
    pilot.app.push_screen(prepared(LedgerScreen(LI_NA)))
    await settle(pilot)
    table = pilot.app.screen.query_one("#ledger-table", DataTable)
    await press(pilot, *["down"] * (table.row_count - 1))  # the last: the third that stands, its review open


@variants({"120x36-en": "test_ledger_in_english", "120x36-zh": "test_ledger_in_chinese"})
def test_ledger(snap_desk: Snap, staff: Staff) -> None:
    seed_penalties(staff)
    assert snap_desk("lead01", _li_nas_ledger)


@variants({"80x24-en": "test_own_ledger_at_80_by_24_in_english",
           "80x24-zh": "test_own_ledger_at_80_by_24_in_chinese"})
def test_own_ledger(snap_desk: Snap, staff: Staff) -> None:
    seed_penalties(staff)
    assert snap_desk("op02", _penalties)


@variants({"120x36-en": "test_to_confirm_and_people_for_a_lead",
           "80x24-zh": "test_to_confirm_and_people_for_a_lead_in_chinese_at_80_by_24"})
def test_to_confirm_and_people_for_a_lead(snap_desk: Snap, staff: Staff) -> None:
    seed_penalties(staff)
    assert snap_desk("lead01", _penalties)


async def _confirm(pilot: Pilot[None]) -> None:
    await _penalties(pilot)
    await press(pilot, "c")


@variants({"80x24-en": "test_confirm_dialog_spells_out_the_third_violation_at_80_by_24",
           "120x36-zh": "test_confirm_dialog_in_chinese"})
def test_confirm_dialog_spells_out_the_third_violation(snap_desk: Snap, staff: Staff) -> None:
    seed_two_of_this_year(staff, "op01")
    propose(desk_at(), staff["op02"], "op01")
    assert snap_desk("lead01", _confirm)


async def _propose(pilot: Pilot[None]) -> None:
    await _penalties(pilot)
    await press(pilot, "p")
    await press(pilot, *"op02")


@variants({"80x24-en": "test_propose_dialog_at_80_by_24", "120x36-zh": "test_propose_dialog_in_chinese"})
def test_propose_dialog(snap_desk: Snap, staff: Staff) -> None:
    assert snap_desk("op01", _propose)


async def _payroll(pilot: Pilot[None]) -> None:
    await _penalties(pilot)
    pilot.app.push_screen(prepared(PayrollScreen("2026-10")))
    await settle(pilot)


@variants({"120x36-en": "test_payroll_month_in_english",
           "80x24-zh": "test_payroll_month_at_80_by_24_in_chinese"})
def test_payroll_month(snap_desk: Snap, staff: Staff) -> None:
    seed_penalties(staff)
    assert snap_desk("lead01", _payroll)
