"""Section 5 with real key presses: proposing, confirming with the consequence spelt out, ledgers, payroll."""

from datetime import date
from pathlib import Path

from textual.widgets import DataTable, Input, Select, TextArea

from aftersales.domain.schemas import StaffView
from aftersales.services.penalties.decide import confirm_violation
from aftersales.store.models import PayrollMonth, PenaltyEntry, Violation
from aftersales.ui.screens.penalties.decide_dialogs import AppealDecisionDialog, ConfirmDialog
from aftersales.ui.screens.penalties.dialogs import ProposeDialog
from aftersales.ui.screens.penalties.ledger import LedgerScreen
from aftersales.ui.screens.penalties.payroll import PayrollScreen
from aftersales.ui.screens.penalties.penalties import PenaltiesScreen
from tests.factories import new_complaint
from tests.penalty_factories import desk_at, propose

from .harness import LoggedIn, press, screen_text, settle
from .penalty_harness import seed_penalties, seed_two_of_this_year

Staff = dict[str, StaffView]


async def test_op01_proposes_lead01_confirms_and_the_third_opens_a_dismissal_review(
    logged_in: LoggedIn, staff: Staff
) -> None:
    seed_two_of_this_year(staff, "op02")
    async with logged_in("op01", "5") as (app, pilot):
        await press(pilot, "p")
        assert isinstance(app.screen, ProposeDialog)
        await pilot.press(*"op02")
        await pilot.click("#field-evidence")
        await pilot.press(*"顾客来电两小时无人受理")
        await press(pilot, "f2")
        assert isinstance(app.screen, PenaltiesScreen)
    proposal = Violation.get(Violation.status == "proposed")
    assert (proposal.subject_staff_id, proposal.proposed_by_id, proposal.rule_code) == (
        staff["op02"].id, staff["op01"].id, "late_acknowledgement")

    async with logged_in("lead01", "5") as (app, pilot):
        assert "To confirm (1)" in screen_text(app)
        await press(pilot, "c")
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(app)
        assert "This is 李娜's 3rd violation in 2026: ¥200.00, and it opens a" in text
        assert "dismissal review." in text and "payroll 2026-11" in text
        await press(pilot, "f2")
        stored = Violation.get_by_id(proposal.id)
        assert (stored.status, stored.tier, stored.amount_fen, stored.review) == ("confirmed", 3, 20000, "open")
        people = app.screen.query_one("#people", DataTable)
        people.focus()
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, LedgerScreen)
        text = screen_text(app)
        assert "李娜 (op02)" in text and "Dismissal review open" in text
        assert "Confirmed ⚑" in text and "¥350.00" in text


async def test_an_operator_sees_only_their_own_ledger_and_may_appeal_it(
    logged_in: LoggedIn, staff: Staff
) -> None:
    ids = seed_penalties(staff)
    async with logged_in("op02", "5") as (app, pilot):
        text = screen_text(app)
        assert "李娜 (op02)" in text and "王芳" not in text and "S002" not in text
        assert "To confirm" not in text and "Payroll" not in text
        assert "Overturned" in text and "↳ 2026-11 Adjustment" in text and "2→1" in text and "−¥50.00" in text
        assert app.screen.check_action("payroll", ()) is False
        table = app.screen.query_one("#ledger-table", DataTable)
        table.move_cursor(row=table.get_row_index(f"v{ids['third']}"))
        await press(pilot, "a")
        await press(pilot, *"顾客已撤回投诉", "f2")
    assert Violation.get_by_id(ids["third"]).status == "appealed"


async def test_the_lead_cannot_decide_what_they_proposed(logged_in: LoggedIn, staff: Staff) -> None:
    violation_id = propose(desk_at(), staff["lead01"], "op02")
    async with logged_in("lead01", "5") as (app, pilot):
        assert app.screen.check_action("decide", ("confirm",)) is None
        await press(pilot, "c", "enter")
        assert isinstance(app.screen, PenaltiesScreen)
    assert Violation.get_by_id(violation_id).status == "proposed"


async def test_v_on_a_complaint_records_a_violation_against_its_assignee(
    logged_in: LoggedIn, staff: Staff
) -> None:
    complaint = new_complaint(desk_at(), staff["op01"])
    from aftersales.services.complaints.actions import acknowledge

    acknowledge(desk_at(), staff["op02"], complaint.id, complaint.version)
    async with logged_in("op01", complaint=complaint.id) as (app, pilot):
        await press(pilot, "v")
        dialog = app.screen
        assert isinstance(dialog, ProposeDialog)
        assert dialog.query_one("#field-subject_code", Input).value == "op02"
        assert dialog.query_one("#field-complaint_number", Input).value == complaint.number
        assert dialog.query_one("#field-evidence", TextArea).has_focus
        await pilot.press(*"回访电话一直未打")
        await press(pilot, "f2")
        assert "Saved" in screen_text(app) or not isinstance(app.screen, ProposeDialog)
    row = Violation.get()
    assert (row.complaint_id, row.subject_staff_id, row.evidence) == (complaint.id, staff["op02"].id, "回访电话一直未打")


async def test_overturning_on_appeal_shows_the_refund_before_deciding(
    logged_in: LoggedIn, staff: Staff
) -> None:
    ids = seed_penalties(staff)
    from aftersales.services.penalties.decide import appeal_violation

    appeal_violation(desk_at(), staff["op02"], ids["second"], {"reason": "顾客电话号码登记错误"})
    async with logged_in("mgr01", "5") as (app, pilot):
        pending = app.screen.query_one("#pending", DataTable)
        pending.move_cursor(row=[item.violation.id for item in app.screen.pending].index(ids["second"]))
        await press(pilot, "d")
        assert isinstance(app.screen, AppealDecisionDialog)
        app.screen.query_one("#field-decision", Select).value = "overturn"
        await settle(pilot)
        text = screen_text(app)
        assert "Overturning refunds ¥50.00 with payroll 2026-11." in text
        assert f"#{ids['third']} (2026-08-19) moves from 2nd to 1st: −¥50.00" in text
        app.screen.query_one("#field-note", Input).focus()
        await press(pilot, *"登记错误属实", "f2")
    assert Violation.get_by_id(ids["second"]).status == "overturned"
    assert Violation.get_by_id(ids["third"]).tier == 1


async def test_a_confirmation_whose_consequence_moved_is_shown_again_before_it_goes_through(
    logged_in: LoggedIn, staff: Staff
) -> None:
    seed_two_of_this_year(staff, "op02")
    late = propose(desk_at(), staff["op01"], "op02", day=date(2026, 11, 20))
    earlier = propose(desk_at(), staff["op01"], "op02", day=date(2026, 1, 5))
    async with logged_in("lead01", "5") as (app, pilot):
        pending = app.screen.query_one("#pending", DataTable)
        pending.move_cursor(row=[item.violation.id for item in app.screen.pending].index(late))
        await press(pilot, "c")
        assert "3rd violation in 2026: ¥200.00" in screen_text(app)
        confirm_violation(desk_at(), staff["mgr01"], earlier)  # another desk, meanwhile
        await press(pilot, "f2")
        text = screen_text(app)
        assert isinstance(app.screen, ConfirmDialog) and "is now tier 4, not 3" in text
        assert "4th violation in 2026: ¥200.00" in text
        await press(pilot, "f2")
    assert Violation.get_by_id(late).tier == 4


async def test_payroll_is_exported_and_finalised_from_its_screen(
    logged_in: LoggedIn, staff: Staff, tmp_path: Path
) -> None:
    seed_penalties(staff)
    async with logged_in("lead01", "5") as (app, pilot):
        await press(pilot, "y")
        assert isinstance(app.screen, PayrollScreen)
        text = screen_text(app)
        assert "Payroll 2026-11" in text and "open" in text and "−¥50.00" in text
        await press(pilot, "x")
        field = app.screen.query_one("#field-path", Input)
        field.value = str(tmp_path / "november.csv")
        await press(pilot, "f2")
        assert (tmp_path / "november.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        await press(pilot, "left_square_bracket")
        assert "Payroll 2026-10" in screen_text(app) and "final — lead01" in screen_text(app)
        assert app.screen.check_action("finalise", ()) is None
        await press(pilot, "right_square_bracket")
        await press(pilot, "f")
        assert "Finalising 2026-11 marks its 4 entries (¥0.00 in all) deducted" in screen_text(app)
        await press(pilot, "f2")
        assert "final — lead01" in screen_text(app)
    assert PayrollMonth.select().count() == 2
    assert PenaltyEntry.select().where(PenaltyEntry.deducted == False).count() == 0  # noqa: E712


async def test_the_section_speaks_chinese_after_f2(logged_in: LoggedIn, staff: Staff) -> None:
    seed_penalties(staff)
    async with logged_in("lead01", "5") as (app, pilot):
        await press(pilot, "f2")
        text = screen_text(app)
        assert "待处理（2）" in text and "有违规记录的员工和商铺" in text
        assert "李娜 (op02)" in text and "确认" in text and "Confirm" not in text
