"""A desk with delivery orders in every state around the test's today, and helpers to drive the board."""

from datetime import date, timedelta

from textual.pilot import Pilot

from aftersales.domain.clock import fixed_clock
from aftersales.domain.deliveries import DeliveryOrderView
from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.services.deliveries import orders
from aftersales.ui.screens.deliveries.board import DeliveryBoardScreen
from tests.delivery_helpers import NOW, TODAY, TOMORROW, dispatched, investigating

from .harness import press, settle

YESTERDAY = TODAY - timedelta(days=1)


def _accept(desk: Desk, dc: StaffView, order: DeliveryOrderView, crew: str) -> DeliveryOrderView:
    return orders.accept_order(desk, dc, order.id, {"crew": crew, "promised_date": order.promised_date,
                                                    "slot": order.slot}, order.version)


def seed_board(staff: dict[str, StaffView]) -> dict[str, DeliveryOrderView]:
    """Orders named by what they show: today's requested, accepted, out and delivered ones, yesterday's
    overdue and failed ones (carried over), and tomorrow's."""
    op, dc = staff["op01"], staff["dc01"]
    yesterday = Desk(clock=fixed_clock(NOW - timedelta(days=1)))
    now = Desk(clock=fixed_clock(NOW))
    made: dict[str, DeliveryOrderView] = {}

    def order(name: str, desk: Desk, day: date, slot: str, **extra: object) -> DeliveryOrderView:
        complaint = investigating(desk, op, phone=f"1390000{len(made):04d}", customer_name=f"客户{len(made)}",
                                  shop_code=("S001", "S002", "S003")[len(made) % 3])
        made[name] = dispatched(desk, op, complaint, promised_date=day.isoformat(), slot=slot,
                                items=f"{name} 货品", address=f"浦东新区{name}路{len(made) + 1}号", **extra)
        return made[name]

    overdue = order("overdue", yesterday, YESTERDAY, "afternoon", kind="install")
    made["overdue"] = _accept(yesterday, dc, overdue, "李师傅")
    failed = _accept(yesterday, dc, order("failed", yesterday, YESTERDAY, "afternoon"), "王师傅")
    failed = orders.dispatch_order(yesterday, dc, failed.id, failed.version)
    made["failed"] = orders.fail_order(Desk(clock=fixed_clock(NOW - timedelta(hours=18))), dc, failed.id,
                                       {"reason": "customer_absent", "note": "敲门无人"}, failed.version)
    order("requested", now, TODAY, "afternoon", kind="replace")
    made["accepted"] = _accept(now, dc, order("accepted", now, TODAY, "morning"), "张师傅")
    out = _accept(now, dc, order("out", now, TODAY, "evening"), "赵师傅")
    made["out"] = orders.dispatch_order(now, dc, out.id, out.version)
    done = _accept(now, dc, order("done", now, TODAY, "morning"), "张师傅")
    done = orders.dispatch_order(now, dc, done.id, done.version)
    made["done"] = orders.complete_order(now, dc, done.id, {"note": "已签收"}, done.version)
    order("tomorrow", now, TOMORROW, "morning")
    return made


async def open_board(pilot: Pilot[None]) -> DeliveryBoardScreen:
    """Section 3 with its key, as a user would."""
    await settle(pilot)
    await press(pilot, "3")
    screen = pilot.app.screen
    assert isinstance(screen, DeliveryBoardScreen)
    return screen


async def cursor_to(pilot: Pilot[None], number: str) -> None:
    """Move the board's cursor with the arrow keys until it rests on order `number`."""
    screen = pilot.app.screen
    assert isinstance(screen, DeliveryBoardScreen)
    for key in ("home", *["down"] * 40):
        if key != "home":
            current = screen.board_list.current()
            if current is not None and current.number == number:
                return
        await pilot.press(key)
        await pilot.pause()
    current = screen.board_list.current()
    assert current is not None and current.number == number, f"cursor never reached {number}"
