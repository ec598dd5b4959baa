"""A referral to a manufacturer from the complaint detail, its reply logged; an overdue reply in the queue."""

from datetime import date, timedelta
from pathlib import Path

from textual.widgets import Input

from aftersales.domain.partners import ReferralState
from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.services.partners.directory import add_partner
from aftersales.services.partners.referrals import complaint_referrals, refer_complaint
from aftersales.store.models import Complaint
from aftersales.ui.screens.partners.dialogs import ReferralDialog, ReplyDialog
from aftersales.ui.screens.partners.directory import PartnerDirectoryScreen
from tests.factories import NOW, new_complaint
from tests.ui.queue_harness import desk_app, open_detail, open_queue, screen_text, settle

SIZE = (120, 36)


def partners(desk: Desk, staff: dict[str, StaffView]) -> None:
    add_partner(desk, staff["lead01"], {"code": "KUKA-SC", "name": "顾家售后服务中心", "kind": "manufacturer_service"})
    add_partner(desk, staff["lead01"], {"code": "12315", "name": "12315 热线", "kind": "consumer_association"})


async def test_an_operator_refers_a_complaint_to_the_manufacturer_and_logs_its_reply(
    db_path: Path, desk: Desk, staff: dict[str, StaffView]
) -> None:
    partners(desk, staff)
    view = new_complaint(desk, staff["op01"])
    app = desk_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot, view.id)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReferralDialog)
        dialog.query_one("#field-partner_code").focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "enter")  # the first partner in the list: the manufacturer
        await settle(pilot)
        dialog.query_one("#field-reference", Input).focus()
        await pilot.press(*"SC-2026-118", "f2")
        await settle(pilot)
        [referral] = complaint_referrals(view.id, NOW)
        assert (referral.partner_code, referral.reference, referral.state) == ("KUKA-SC", "SC-2026-118", ReferralState.OPEN)
        assert "Referred" in screen_text(app) and "KUKA-SC SC-2026-118" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ReplyDialog)
        assert "KUKA-SC SC-2026-118 · Awaiting reply" in screen_text(app)
        app.screen.query_one("#field-text", Input).focus()
        await pilot.press(*"厂家同意更换沙发", "f2")
        await settle(pilot)
        assert complaint_referrals(view.id, NOW)[0].state is ReferralState.ANSWERED
        assert "Referral reply" in screen_text(app)
        assert Complaint.get_by_id(view.id).reply_due_at is None


async def test_a_12315_reply_past_its_deadline_shows_in_the_queue_like_an_sla(
    db_path: Path, desk: Desk, staff: dict[str, StaffView]
) -> None:
    partners(desk, staff)
    view = new_complaint(desk, staff["op01"], channel="referral_12315")
    today = date(2026, 11, 27)
    refer_complaint(desk, staff["op01"], view.id, {
        "partner_code": "12315", "direction": "in", "referred_on": today - timedelta(days=9),
        "reference": "3201002611180007", "reply_due_on": today - timedelta(days=2)})
    app = desk_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot)
        line = next(row for row in screen_text(app).splitlines() if view.number in row)
        assert "Reply -" in line


async def test_the_partner_directory_lists_partners_by_kind(db_path: Path, desk: Desk, staff: dict[str, StaffView]) -> None:
    partners(desk, staff)
    app = desk_app(db_path, "lead01")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, PartnerDirectoryScreen)
        text = screen_text(app)
        assert text.index("KUKA-SC") < text.index("12315 热线")
        assert "Manufacturer service centre" in text and "2 partner(s)" in text


async def test_a_lead_corrects_a_partners_phone_and_deactivates_it(
    db_path: Path, desk: Desk, staff: dict[str, StaffView]
) -> None:
    from aftersales.store.models import Partner

    partners(desk, staff)
    app = desk_app(db_path, "lead01")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, PartnerDirectoryScreen)
        await pilot.press("enter")  # the first partner: its details, its code kept
        await settle(pilot)
        assert "Partner KUKA-SC" in screen_text(app)
        app.screen.query_one("#field-phone").focus()
        await pilot.press("ctrl+a", "ctrl+k", *"400-800-1234", "f2")
        await settle(pilot)
        assert isinstance(app.screen, PartnerDirectoryScreen)
        assert "400-800-1234" in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        assert "Deactivate partner KUKA-SC" in screen_text(app)
        await pilot.press("f2")
        await settle(pilot)
        line = next(row for row in screen_text(app).splitlines() if "KUKA-SC" in row)
        assert "inactive" in line
    stored = Partner.get(Partner.code == "KUKA-SC")
    assert (stored.phone, stored.active, stored.version) == ("400-800-1234", False, 3)
