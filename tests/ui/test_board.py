"""The deliveries board: what a dispatcher sees, the keys that move orders, days, run sheets, conflicts."""

import csv
from pathlib import Path

from textual.widgets import Input

from aftersales.domain.deliveries import DeliveryStatus
from aftersales.domain.schemas import StaffView
from aftersales.services.deliveries import orders
from aftersales.services.deliveries.read import get_order
from aftersales.ui.screens.deliveries.order_dialogs import AcceptDialog, OrderDialog
from tests.delivery_helpers import TOMORROW

from .delivery_harness import cursor_to, open_board, seed_board
from .harness import LoggedIn, press, screen_text


async def test_board_groups_todays_orders_by_slot_and_carries_over_yesterdays_open_ones(
    logged_in: LoggedIn, staff: dict[str, StaffView]
) -> None:
    made = seed_board(staff)
    async with logged_in("dc01") as (app, pilot):
        await open_board(pilot)
        lines = screen_text(app).splitlines()
        text = "\n".join(lines)
        assert "Deliveries for 2026-11-27 Fri (today)" in text
        assert "4 orders · 2 carried over" in text and "2 overdue · 1 failed" in text
        order_of = [line for line in lines if "DO-" in line or "▌" in line or "✓" in line]
        headings = [line.strip() for line in order_of if "▌" in line]
        assert headings == ["▌Carried over from earlier days, still open · 2", "▌Morning 09–12 · 2",
                            "▌Afternoon 13–18 · 1", "▌Evening 18–21 · 1"]
        row = {name: next((line for line in order_of if order.number in line), "") for name, order in made.items()}
        assert "⚠ Failed" in row["failed"] and "⚠ Accepted" in row["overdue"] and "李师傅" in row["overdue"]
        assert "Requested" in row["requested"] and "⚠" not in row["requested"]
        assert "Out for delivery" in row["out"]
        # The delivered order is counted under its slot; v lists it.
        assert row["done"] == "" and "✓ 1 delivered · 0 cancelled (v lists them)" in text
        await press(pilot, "v")
        assert any(made["done"].number in line and "Completed" in line for line in screen_text(app).splitlines())
        assert made["tomorrow"].number not in text
        # A line per shop on the board, with its delivery quality.
        assert "Delivery quality of these shops, last 30 days" in text
        assert "欧派家居 S001" in text and "failed runs" in text


async def test_dispatcher_accepts_an_order_with_a_crew(
    logged_in: LoggedIn, staff: dict[str, StaffView]
) -> None:
    made = seed_board(staff)
    async with logged_in("dc01") as (app, pilot):
        await open_board(pilot)
        await cursor_to(pilot, made["requested"].number)
        await press(pilot, "a")
        assert isinstance(app.screen, AcceptDialog)
        await press(pilot, *"孙师傅", "f2")
        stored = get_order(made["requested"].id)
        assert (stored.status, stored.crew) == (DeliveryStatus.ACCEPTED, "孙师傅")
        assert "孙师傅" in screen_text(app)


async def test_the_second_dispatcher_hears_of_the_first_and_keeps_the_typed_crew(
    logged_in: LoggedIn, staff: dict[str, StaffView], desk
) -> None:
    made = seed_board(staff)
    async with logged_in("dc01") as (app, pilot):
        await open_board(pilot)
        await cursor_to(pilot, made["requested"].number)
        await press(pilot, "a")
        await pilot.press(*"孙师傅")
        # Another dispatcher accepts the same order first.
        orders.accept_order(desk, staff["lead01"], made["requested"].id,
                            {"crew": "周师傅", "promised_date": made["requested"].promised_date, "slot": "afternoon"},
                            made["requested"].version)
        await press(pilot, "f2")
        assert isinstance(app.screen, OrderDialog)
        assert "changed by someone else" in screen_text(app)
        assert app.screen.query_one("#field-crew", Input).value == "孙师傅"
        assert get_order(made["requested"].id).crew == "周师傅"


async def test_out_delivered_failed_reschedule_and_cancel_from_the_keys(
    logged_in: LoggedIn, staff: dict[str, StaffView]
) -> None:
    made = seed_board(staff)
    async with logged_in("dc01") as (app, pilot):
        await open_board(pilot)
        await cursor_to(pilot, made["accepted"].number)
        await press(pilot, "o")
        assert get_order(made["accepted"].id).status is DeliveryStatus.OUT
        await cursor_to(pilot, made["accepted"].number)
        await press(pilot, "c")
        await press(pilot, *"签收无误", "f2")
        assert get_order(made["accepted"].id).status is DeliveryStatus.COMPLETED
        await cursor_to(pilot, made["out"].number)
        await press(pilot, "f")
        await press(pilot, "enter", "down", "down", "enter", "f2")  # the second reason: wrong item
        failed = get_order(made["out"].id)
        assert (failed.status, failed.failure_reason.value) == (DeliveryStatus.FAILED, "wrong_item")
        await cursor_to(pilot, made["out"].number)
        await press(pilot, "r")
        await press(pilot, "f2")  # the proposed next day and the same slot
        moved = get_order(made["out"].id)
        assert (moved.status, moved.promised_date) == (DeliveryStatus.RESCHEDULED, TOMORROW)
        await cursor_to(pilot, made["requested"].number)
        await press(pilot, "x")
        await press(pilot, *"客户改为自提", "f2")
        assert get_order(made["requested"].id).cancel_reason == "客户改为自提"


async def test_a_move_the_orders_state_forbids_is_greyed_and_does_nothing(
    logged_in: LoggedIn, staff: dict[str, StaffView]
) -> None:
    made = seed_board(staff)
    async with logged_in("dc01") as (app, pilot):
        board = await open_board(pilot)
        await press(pilot, "v")
        await cursor_to(pilot, made["done"].number)
        assert board.check_action("move", ("accept",)) is None
        await press(pilot, "a", "o", "f")
        assert app.screen is board
        assert get_order(made["done"].id).status is DeliveryStatus.COMPLETED


async def test_an_operator_sees_the_board_but_moves_nothing(
    logged_in: LoggedIn, staff: dict[str, StaffView]
) -> None:
    made = seed_board(staff)
    async with logged_in("op01") as (app, pilot):
        board = await open_board(pilot)
        await cursor_to(pilot, made["requested"].number)
        assert board.check_action("move", ("accept",)) is False
        footer = screen_text(app).splitlines()[-1]
        assert "Accept" not in footer and "Run sheet" in footer
        await press(pilot, "a", "o")
        assert app.screen is board and get_order(made["requested"].id).status is DeliveryStatus.REQUESTED


async def test_day_keys_show_tomorrow_the_day_before_and_a_chosen_day(
    logged_in: LoggedIn, staff: dict[str, StaffView]
) -> None:
    made = seed_board(staff)
    async with logged_in("dc01") as (app, pilot):
        await open_board(pilot)
        await press(pilot, "m")
        text = screen_text(app)
        assert "2026-11-28 Sat (tomorrow)" in text and made["tomorrow"].number in text
        assert made["requested"].number not in text
        await press(pilot, "left_square_bracket", "left_square_bracket")
        text = screen_text(app)
        assert "2026-11-26 Thu (yesterday)" in text and made["overdue"].number in text
        await press(pilot, "d")
        await press(pilot, "ctrl+a", "ctrl+k", *"2026-13-01", "f2")
        assert "a date such as 2026-11-28" in screen_text(app)
        await press(pilot, "ctrl+a", "ctrl+k", *"2026-11-30", "f2")
        assert "Deliveries for 2026-11-30 Mon" in screen_text(app)
        await press(pilot, "t")
        assert "(today)" in screen_text(app)


async def test_run_sheet_of_the_shown_day_is_written_from_the_board(
    logged_in: LoggedIn, staff: dict[str, StaffView], tmp_path: Path
) -> None:
    made = seed_board(staff)
    out = tmp_path / "派车单.csv"
    async with logged_in("dc01") as (app, pilot):
        await open_board(pilot)
        await press(pilot, "e")
        await press(pilot, "ctrl+a", "ctrl+k", *str(out), "f2")
        assert out.exists()
        assert any("Run sheet written" in str(n.message) for n in app._notifications)
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    numbers = {row[2] for row in rows[1:]}
    assert numbers == {made[name].number for name in ("requested", "accepted", "out", "done")}


async def test_a_crew_name_of_control_characters_gets_its_field_error_and_nothing_is_stored(
    logged_in: LoggedIn, staff: dict[str, StaffView]
) -> None:
    made = seed_board(staff)
    async with logged_in("dc01") as (app, pilot):
        await open_board(pilot)
        await cursor_to(pilot, made["requested"].number)
        await press(pilot, "a")
        # What a paste from a terminal could bring: an escape sequence and a bell.
        app.screen.query_one("#field-crew", Input).value = "\x1b[2J\x07"
        await press(pilot, "f2")
        assert isinstance(app.screen, AcceptDialog)
        assert "control characters are not allowed" in screen_text(app)
        assert get_order(made["requested"].id).status is DeliveryStatus.REQUESTED
