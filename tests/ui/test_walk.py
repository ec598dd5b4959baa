"""One complaint from new to closed through the screens, with key presses only, as the operator and the
delivery dispatcher in turn: dispatched for delivery, delivered, resolved, called back, closed."""

from datetime import datetime, timedelta

from textual.pilot import Pilot

from aftersales.domain.callbacks import CallbackStatus
from aftersales.domain.clock import fixed_clock
from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.settings import DeskConfig
from aftersales.store.models import Callback, Complaint, DeliveryOrder, Event
from aftersales.ui.app import DeskApp
from aftersales.ui.screens.callbacks.callback_dialog import CallbackDialog
from aftersales.ui.screens.complaints.detail import DetailScreen
from aftersales.ui.screens.deliveries.board import DeliveryBoardScreen
from aftersales.ui.session import DeskSession
from tests.factories import NOW, new_complaint

from .harness import press, screen_text, settle

SIZE = (120, 36)


def desk_at(target: str, moment: datetime) -> DeskApp:
    """The desk at its login screen, its clock standing at `moment`."""
    session = DeskSession(db_target=target, desk=Desk(clock=fixed_clock(moment)))
    return DeskApp(session, language="en", config=DeskConfig(), watch_interval=None, cursor_blink=False)


async def log_in(pilot: Pilot[None], code: str, pin: str) -> None:
    await settle(pilot)
    await press(pilot, *code, "enter", *pin, "enter")


async def open_the_complaint(pilot: Pilot[None]) -> DetailScreen:
    """The complaints section, and the (only) complaint in it."""
    await press(pilot, "2")
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, DetailScreen)
    return pilot.app.screen


def status(complaint_id: int) -> str:
    return str(Complaint.get_by_id(complaint_id).status)


async def test_a_complaint_walks_from_new_to_closed_as_operator_and_dispatcher_in_turn(
    db_target: str, staff: dict[str, StaffView]
) -> None:
    complaint = new_complaint(Desk(clock=fixed_clock(NOW - timedelta(hours=1))), staff["op01"],
                              address="上海市浦东新区锦绣路1001弄5号602室")
    assert status(complaint.id) == "new"

    # The operator acknowledges, investigates and dispatches a delivery order for tomorrow morning.
    app = desk_at(db_target, NOW)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "op01", "1111")
        await open_the_complaint(pilot)
        await press(pilot, "a")
        assert status(complaint.id) == "acknowledged"
        await press(pilot, "s")
        await press(pilot, "f2")  # the one status offered: investigating
        assert status(complaint.id) == "investigating"
        await press(pilot, "o")
        # Address, items and date (tomorrow) are filled in: the cursor starts at the slot, the first left empty.
        await press(pilot, "enter", "down", "enter", "f2")
        assert status(complaint.id) == "awaiting_delivery"
        assert "Delivery order DO-000001 requested" in screen_text(app)

    # The dispatcher takes tomorrow's order, sends it out and marks it delivered.
    app = desk_at(db_target, NOW + timedelta(days=1))  # 10:00 the next day
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "dc01", "4444")
        assert isinstance(app.screen, DeliveryBoardScreen)
        assert "DO-000001" in screen_text(app) and "Requested" in screen_text(app)
        await press(pilot, "a")
        await press(pilot, *"张师傅", "f2")
        await press(pilot, "o")
        await press(pilot, "c")
        await press(pilot, *"客户已签收", "f2")
        order = DeliveryOrder.get()
        assert (order.status, order.crew, order.on_time) == ("completed", "张师傅", True)
        assert status(complaint.id) == "investigating"
        # Delivered, the order is counted under its slot; listed again (v), it opens its complaint, which the
        # dispatcher reads and can do nothing to.
        assert "1 delivered" in screen_text(app)
        await press(pilot, "v")
        await press(pilot, "enter")
        assert isinstance(app.screen, DetailScreen)
        await press(pilot, "r", "t")
        assert isinstance(app.screen, DetailScreen) and status(complaint.id) == "investigating"

    # The operator resolves it.
    app = desk_at(db_target, NOW + timedelta(days=1, hours=2))
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "op01", "1111")
        await open_the_complaint(pilot)
        await press(pilot, "r")
        await press(pilot, *"已重新送货并安装完毕", "f2")
        assert status(complaint.id) == "resolved"

    # Two days on, both call-backs (the delivery's and the resolution's) are due: the operator makes them.
    app = desk_at(db_target, NOW + timedelta(days=3, hours=3))
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "op01", "1111")
        assert "Call-backs due today: 2 of yours" in screen_text(app)
        await press(pilot, "b")
        for score in ("5", "4"):
            await press(pilot, "enter")
            assert isinstance(app.screen, CallbackDialog)
            assert "☎ 13812345678" in screen_text(app)
            await press(pilot, "enter", "down", "enter", "tab", score, "tab", *"满意", "f2")
        assert "Call-backs due today: 0 of yours" in screen_text(app)

    stored = Complaint.get_by_id(complaint.id)
    assert (stored.status, stored.close_outcome, stored.satisfaction) == ("closed", "callback_confirmed", 4)
    assert [cb.status for cb in Callback.select().order_by(Callback.id)] == [CallbackStatus.DONE.value] * 2
    kinds = [e.kind for e in Event.select().where(Event.complaint == complaint.id).order_by(Event.id)]
    assert kinds == [
        "created", "acknowledged", "assigned", "status", "delivery_created", "status", "delivery_accepted", "delivery_out",
        "delivery_completed", "status", "resolved", "callback_attempt", "callback_attempt", "closed",
    ]
