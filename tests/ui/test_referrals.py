"""A referral to a manufacturer from the complaint detail, its reply logged; an overdue reply in the queue."""

from datetime import date, timedelta

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

from .harness import LoggedIn, press, screen_text


def partners(desk: Desk, staff: dict[str, StaffView]) -> None:
    add_partner(desk, staff["lead01"], {"code": "KUKA-SC", "name": "顾家售后服务中心", "kind": "manufacturer_service"})
    add_partner(desk, staff["lead01"], {"code": "12315", "name": "12315 热线", "kind": "consumer_association"})


async def test_an_operator_refers_a_complaint_to_the_manufacturer_and_logs_its_reply(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    partners(desk, staff)
    view = new_complaint(desk, staff["op01"])
    async with logged_in("op01", complaint=view.id) as (app, pilot):
        await press(pilot, "x")
        dialog = app.screen
        assert isinstance(dialog, ReferralDialog)
        dialog.query_one("#field-partner_code").focus()
        await press(pilot, "enter")
        await press(pilot, "down", "enter")  # the first partner in the list: the manufacturer
        dialog.query_one("#field-reference", Input).focus()
        await press(pilot, *"SC-2026-118", "f2")
        [referral] = complaint_referrals(view.id, NOW)
        assert (referral.partner_code, referral.reference, referral.state) == ("KUKA-SC", "SC-2026-118", ReferralState.OPEN)
        assert "Referred" in screen_text(app) and "KUKA-SC SC-2026-118" in screen_text(app)
        await press(pilot, "y")
        assert isinstance(app.screen, ReplyDialog)
        assert "KUKA-SC SC-2026-118 · Awaiting reply" in screen_text(app)
        app.screen.query_one("#field-text", Input).focus()
        await press(pilot, *"厂家同意更换沙发", "f2")
        assert complaint_referrals(view.id, NOW)[0].state is ReferralState.ANSWERED
        assert "Referral reply" in screen_text(app)
        assert Complaint.get_by_id(view.id).reply_due_at is None


async def test_a_12315_reply_past_its_deadline_shows_in_the_queue_like_an_sla(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    partners(desk, staff)
    view = new_complaint(desk, staff["op01"], channel="referral_12315")
    today = date(2026, 11, 27)
    refer_complaint(desk, staff["op01"], view.id, {
        "partner_code": "12315", "direction": "in", "referred_on": today - timedelta(days=9),
        "reference": "3201002611180007", "reply_due_on": today - timedelta(days=2)})
    async with logged_in("op01", "2") as (app, pilot):
        line = next(row for row in screen_text(app).splitlines() if view.number in row)
        assert "Reply -" in line


async def test_the_partner_directory_lists_partners_by_kind(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    partners(desk, staff)
    async with logged_in("lead01", "6") as (app, pilot):
        await press(pilot, "o")
        assert isinstance(app.screen, PartnerDirectoryScreen)
        text = screen_text(app)
        assert text.index("KUKA-SC") < text.index("12315 热线")
        assert "Manufacturer service centre" in text and "2 partner(s)" in text


async def test_a_lead_corrects_a_partners_phone_and_deactivates_it(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    from aftersales.store.models import Partner

    partners(desk, staff)
    async with logged_in("lead01", "6") as (app, pilot):
        await press(pilot, "o")
        assert isinstance(app.screen, PartnerDirectoryScreen)
        await press(pilot, "enter")  # the first partner: its details, its code kept
        assert "Partner KUKA-SC" in screen_text(app)
        app.screen.query_one("#field-phone").focus()
        await press(pilot, "ctrl+a", "ctrl+k", *"400-800-1234", "f2")
        assert isinstance(app.screen, PartnerDirectoryScreen)
        assert "400-800-1234" in screen_text(app)
        await press(pilot, "x")
        assert "Deactivate partner KUKA-SC" in screen_text(app)
        await press(pilot, "f2")
        line = next(row for row in screen_text(app).splitlines() if "KUKA-SC" in row)
        assert "inactive" in line
    stored = Partner.get(Partner.code == "KUKA-SC")
    assert (stored.phone, stored.active, stored.version) == ("400-800-1234", False, 3)
