"""Logged in as the delivery dispatcher: the board and its orders' complaints, read-only, and nothing else."""

from aftersales.domain.permissions import Action, allowed
from aftersales.domain.schemas import StaffView
from aftersales.ui.screens.complaints.detail import DetailScreen
from aftersales.ui.screens.complaints.detail_actions import DETAIL_ACTIONS
from aftersales.ui.screens.complaints.intake import IntakeScreen
from aftersales.ui.screens.deliveries.board import DeliveryBoardScreen

from .delivery_harness import cursor_to, seed_board
from .harness import LoggedIn, press, screen_text, settle


async def test_dispatcher_lands_on_the_board_and_other_sections_stay_shut(
    logged_in: LoggedIn, staff: dict[str, StaffView]
) -> None:
    seed_board(staff)
    async with logged_in("dc01") as (app, pilot):
        assert isinstance(app.screen, DeliveryBoardScreen) and app.current_mode == "deliveries"
        bar = screen_text(app).splitlines()[0]
        assert "3 Deliveries" in bar and "Complaints" not in bar and "Dashboard" not in bar
        for key in ("1", "2", "4", "slash", "n", "escape"):
            await press(pilot, key)
            assert isinstance(app.screen, DeliveryBoardScreen), key
            assert not isinstance(app.screen, IntakeScreen)
        assert app.check_action("section", ("complaints",)) is False
        assert app.check_action("search", ()) is False
        app.show_section("complaints")
        await settle(pilot)
        assert app.current_mode == "deliveries"


async def test_dispatcher_palette_offers_the_board_alone(
    logged_in: LoggedIn, staff: dict[str, StaffView]
) -> None:
    from aftersales.ui.palette import DeskCommands

    async with logged_in("dc01") as (app, pilot):
        provider = DeskCommands(app.screen)
        titles = [text for text, _, _ in provider._commands()]
        assert "Go to Deliveries" in titles
        assert not any(name in " ".join(titles) for name in ("Complaints", "Dashboard", "New complaint",
                                                              "Call-backs"))
        hits = [hit async for hit in provider.search("TS-20261127-0001")]
        assert not any("Open complaint" in str(hit.text) for hit in hits)


async def test_enter_opens_the_orders_complaint_read_only(
    logged_in: LoggedIn, staff: dict[str, StaffView]
) -> None:
    made = seed_board(staff)
    async with logged_in("dc01") as (app, pilot):
        await cursor_to(pilot, made["requested"].number)
        await press(pilot, "enter")
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.complaint is not None and app.screen.complaint.id == made["requested"].complaint_id
        text = screen_text(app)
        assert made["requested"].complaint_number in text and f"Delivery order {made['requested'].number}" in text
        footer = text.splitlines()[-1]
        # Nothing that changes the complaint; its photos and papers may be looked at (f).
        assert all(app.screen.check_action("run", (entry.name,)) is False for entry in DETAIL_ACTIONS
                   if entry.name != "files")
        assert app.screen.check_action("run", ("files",)) is True
        assert "Note" not in footer and "Resolve" not in footer
        for key in ("a", "t", "s", "o", "b"):
            await press(pilot, key)
            assert isinstance(app.screen, DetailScreen), key
        await press(pilot, "escape")
        assert isinstance(app.screen, DeliveryBoardScreen)


def test_the_dispatcher_role_moves_orders_and_nothing_of_the_desk() -> None:
    from aftersales.domain.enums import Role

    assert allowed(Role.DELIVERY, Action.UPDATE_DELIVERY)
    assert allowed(Role.DELIVERY, Action.ATTACH)  # the crews' photos of what they delivered
    assert not any(allowed(Role.DELIVERY, action) for action in Action
                   if action not in (Action.UPDATE_DELIVERY, Action.VIEW, Action.ATTACH))
