"""The operator's day on screen: one call closes a complaint whose delivery was the remedy, and the board
asks before an order goes out or is delivered ahead of its promised day."""

from textual.widgets import Input, Select

from aftersales.domain.deliveries import DeliveryStatus
from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.services.deliveries import orders
from aftersales.services.deliveries.read import get_order
from aftersales.store.models import Callback, Complaint, DeliveryOrder
from aftersales.ui.dialogs.confirm import ConfirmScreen
from aftersales.ui.screens.callbacks.callback_dialog import CallbackDialog
from aftersales.ui.screens.complaints.detail import DetailScreen
from aftersales.ui.screens.deliveries.board import DeliveryBoardScreen
from aftersales.ui.screens.deliveries.dispatch_dialog import DispatchDialog
from aftersales.ui.screens.deliveries.order_dialogs import CompleteDialog
from tests.delivery_helpers import TODAY, TOMORROW, dispatched, investigating

from .delivery_harness import cursor_to, open_board
from .harness import LoggedIn, press, screen_text


async def _pick(pilot, select: Select, steps: int) -> None:
    """Open `select` and take the option `steps` down from its prompt."""
    select.focus()
    await press(pilot, "enter", *["down"] * steps, "enter")


async def test_dispatch_delivered_and_a_solved_call_back_close_the_complaint_with_one_call(
    logged_in: LoggedIn, staff: dict[str, StaffView], desk: Desk
) -> None:
    complaint = investigating(desk, staff["op01"], product="餐椅", address="上海市徐汇区漕溪北路18号")
    async with logged_in("op01", complaint=complaint.id) as (app, pilot):
        await press(pilot, "o")
        dialog = app.screen
        assert isinstance(dialog, DispatchDialog)
        dialog.query_one("#field-kind", Select).value = "repair_visit"
        dialog.query_one("#field-promised_date", Input).value = TODAY.isoformat()
        dialog.query_one("#field-slot", Select).value = "afternoon"
        await press(pilot, "f2")
        assert isinstance(app.screen, DetailScreen), screen_text(app)
    order = DeliveryOrder.get()
    orders.accept_order(desk, staff["dc01"], order.id, {"crew": "张师傅", "promised_date": TODAY, "slot": "afternoon"},
                        order.version)
    async with logged_in("dc01") as (app, pilot):
        await open_board(pilot)
        number = get_order(order.id).number
        await cursor_to(pilot, number)
        await press(pilot, "o")  # promised for today: no question
        assert get_order(order.id).status is DeliveryStatus.OUT
        await cursor_to(pilot, number)
        await press(pilot, "c")
        assert isinstance(app.screen, CompleteDialog)
        await press(pilot, *"已修好", "f2")
        assert get_order(order.id).status is DeliveryStatus.COMPLETED
    async with logged_in("op01", complaint=complaint.id) as (app, pilot):
        await press(pilot, "b")
        dialog = app.screen
        assert isinstance(dialog, CallbackDialog)
        text = screen_text(app)
        assert "Confirm delivery" in text and "Problem solved?" in text
        await _pick(pilot, dialog.query_one("#field-outcome", Select), 1)  # satisfied
        dialog.query_one("#field-satisfaction", Input).focus()
        await press(pilot, "5")
        await press(pilot, "f2")
        assert "say whether the delivery solved the problem" in screen_text(app)
        assert Complaint.get_by_id(complaint.id).status == "investigating"
        solved = dialog.query_one("#field-solved", Select)
        await _pick(pilot, solved, 1)
        assert "Yes: resolve (Repair) and close" in screen_text(app)
        await press(pilot, "f2")
        assert isinstance(app.screen, DetailScreen)
        stored = Complaint.get_by_id(complaint.id)
        assert (stored.status, stored.close_outcome, stored.remedy_decided, stored.satisfaction) == (
            "closed", "callback_confirmed", "repair", 5)
        assert Callback.select().where(Callback.complaint == complaint.id).count() == 1
        text = screen_text(app)
        assert "Confirmed by call-back" in text and "callback_confirmed" not in text
        assert "op01 " in text


async def test_the_board_asks_before_an_order_goes_out_or_is_delivered_before_its_day(
    logged_in: LoggedIn, staff: dict[str, StaffView], desk: Desk
) -> None:
    order = dispatched(desk, staff["op01"], investigating(desk, staff["op01"]), promised_date=TOMORROW.isoformat(),
                       slot="morning")
    order = orders.accept_order(desk, staff["dc01"], order.id, {"crew": "张师傅", "promised_date": TOMORROW,
                                                               "slot": "morning"}, order.version)
    async with logged_in("dc01", language="zh_CN") as (app, pilot):
        board = await open_board(pilot)
        await press(pilot, "m")
        assert isinstance(app.screen, DeliveryBoardScreen) and board.day == TOMORROW
        await cursor_to(pilot, order.number)
        await press(pilot, "o")
        assert isinstance(app.screen, ConfirmScreen)
        text = screen_text(app)
        assert f"{order.number} 承诺于 11-28 上午 配送。确定今天提前出车吗？" in text and "不算准时" in text
        await press(pilot, "n")
        assert get_order(order.id).status is DeliveryStatus.ACCEPTED
        await press(pilot, "o")
        await press(pilot, "y")
        assert get_order(order.id).status is DeliveryStatus.OUT
        await cursor_to(pilot, order.number)
        await press(pilot, "c")
        assert isinstance(app.screen, ConfirmScreen) and "确定今天提前标记送达吗" in screen_text(app)
        await press(pilot, "y")
        assert isinstance(app.screen, CompleteDialog)
        await press(pilot, *"客户要求提前", "f2")
        stored = DeliveryOrder.get_by_id(order.id)
        assert (stored.status, stored.on_time) == ("completed", None)
