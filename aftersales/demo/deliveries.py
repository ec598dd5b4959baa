"""The demo's delivery orders: one for each stretch a complaint waits for delivery, played in step with it.

A complaint that left awaiting_delivery before the demo's moment had its order completed just before
(now and then after a failed run and a new date, or late), or cancelled. One still waiting holds an open
order in one of the open states, promised for days around the demo's today, some overdue.
"""

import random
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

from ..domain.deliveries import DeliveryKind, DeliveryStatus, FailureReason, Slot, event_details
from ..domain.enums import EventKind
from .chain import DemoEvent

DAY = 86_400
HOUR = 3600
# Local seconds of the day each slot runs (09–12, 13–18, 18–21).
SLOT_SPAN = {Slot.MORNING: (9 * HOUR, 12 * HOUR), Slot.AFTERNOON: (13 * HOUR, 18 * HOUR),
             Slot.EVENING: (18 * HOUR, 21 * HOUR)}
CREWS = ["张师傅", "李师傅", "王师傅", "刘师傅", "陈师傅", "杨师傅", "赵师傅", "周师傅"]
KINDS = {
    "repair": [DeliveryKind.REPAIR_VISIT, DeliveryKind.REPAIR_VISIT, DeliveryKind.INSPECT],
    "replace": [DeliveryKind.REPLACE, DeliveryKind.REPLACE, DeliveryKind.REDELIVER, DeliveryKind.INSTALL],
    "return_refund": [DeliveryKind.PICKUP],
}
CANCEL_REASONS = ["顾客改为到店自提", "商家缺货，改为退款", "顾客临时取消上门"]
FAIL_NOTES = {FailureReason.CUSTOMER_ABSENT: "敲门无人应答，电话未接", FailureReason.WRONG_ITEM: "型号与订单不符",
              FailureReason.DAMAGED_AGAIN: "开箱发现再次破损", FailureReason.ADDRESS_WRONG: "小区门牌号不对",
              FailureReason.OTHER: "车辆故障未能按时到达"}
REASONS = list(FailureReason)
# What an order still open at the demo's moment is doing, in turn, so every open state shows.
OPEN_TURNS = ["requested", "accepted", "out", "failed", "rescheduled", "overdue"]
STUCK_TURNS = ["failed", "overdue", "rescheduled"]
STUCK_AFTER = 3 * DAY
_EPOCH = date(1970, 1, 1)
_K = {name: kind.value for name, kind in (
    ("created", EventKind.DELIVERY_CREATED), ("accepted", EventKind.DELIVERY_ACCEPTED),
    ("out", EventKind.DELIVERY_OUT), ("completed", EventKind.DELIVERY_COMPLETED),
    ("failed", EventKind.DELIVERY_FAILED), ("rescheduled", EventKind.DELIVERY_RESCHEDULED),
    ("cancelled", EventKind.DELIVERY_CANCELLED))}
_S = DeliveryStatus

ORDER_COLUMNS = (
    "id", "complaint_id", "complaint_number", "shop_id", "kind", "address", "contact_name", "contact_phone", "items", "promised_date",
    "slot", "first_promised_date", "crew", "status", "failure_reason", "failures", "reschedules", "notes",
    "completion_note", "cancel_reason", "collect_fen", "on_time", "created_by_id", "version", "created_at",
    "updated_at", "completed_at",
)
FAILURE_COLUMNS = ("order_id", "shop_id", "promised_date", "reason", "note", "actor_id", "at")

@lru_cache(maxsize=20_000)
def cached_details(facts: tuple[tuple[str, str | int | None], ...]) -> str:
    """`event_details` of `facts`, worked out once: a million-complaint demo repeats the same few thousand."""
    return event_details(**dict(facts))


# The order's facts the complaint brings: shop id, product, customer id, remedy.
OrderFacts = tuple[int, str, int, str]
Contact = Callable[[int], tuple[str, str, str]]


class DeliveryPlayer:
    """Plays delivery orders for HistoryMaker, emitting their events and collecting their rows."""

    def __init__(self, rng: random.Random, emit: Callable[[DemoEvent], None], *, now: int, utc_offset: int,
                 dispatcher_id: int, contact_of: Contact) -> None:
        self.rng = rng
        self.emit = emit
        self.now = now
        self.offset = utc_offset
        self.dispatcher = dispatcher_id
        self.contact_of = contact_of
        self.orders: list[tuple[object, ...]] = []
        self.failures: list[tuple[object, ...]] = []
        self.next_id = 1
        self.turn = 0
        self.today = (now + utc_offset) // DAY
        self._dates: dict[int, str] = {}
        self._pending_failures: list[tuple[int, str, str]] = []
        self._moves = 0

    def take_rows(self) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        orders, failures = self.orders, self.failures
        self.orders, self.failures = [], []
        return orders, failures

    def _day(self, day: int) -> str:
        text = self._dates.get(day)
        if text is None:
            text = self._dates[day] = (_EPOCH + timedelta(days=day)).isoformat()
        return text

    def _local(self, t: int) -> tuple[int, int]:
        local = t + self.offset
        return local // DAY, local % DAY

    def _at(self, day: int, seconds: int) -> int:
        return day * DAY + seconds - self.offset

    def _event(self, t: int, cid: int, actor: int, what: str, number: str, old: str, note: str = "",
               **facts: str | int | None) -> None:
        self._moves += 1
        self.emit((t, cid, actor, _K[what], number, old, cached_details(tuple(facts.items())), note, False))

    def play(self, cid: int, complaint_number: str, who: int, enter: int, leave: int | None,
             facts: OrderFacts) -> tuple[int, int, int] | None:
        """An order from `enter` until just before `leave` (None: still open now). Returns (order id, payment
        collected, completion time) when it completed, None when it was cancelled or is still open."""
        rng = self.rng
        random_ = rng.random
        shop_id, product, customer_id, remedy = facts
        order_id = self.next_id
        self.next_id += 1
        number = f"DO-{order_id:06d}"
        kinds = KINDS.get(remedy, [DeliveryKind.REDELIVER])
        kind = kinds[int(random_() * len(kinds))]
        name, phone, address = self.contact_of(customer_id)
        items = f"{product} 1 件"
        crew = CREWS[int(random_() * len(CREWS))]
        collect = rng.randint(1, 40) * 5000 if kind is DeliveryKind.REPLACE and random_() < 0.25 else 0
        self._moves = 0
        self._pending_failures = []
        if leave is not None:
            row, completed = self._settled(cid, who, enter, leave, number, kind, crew)
        else:
            row, completed = self._open(cid, who, enter, number, kind, crew), False
        promised, slot, first, status, reason, failures, reschedules, cancel, on_time, updated, done_at = row
        self.orders.append((
            order_id, cid, complaint_number, shop_id, kind.value, address, name, phone, items, promised, slot, first,
            crew if status != _S.REQUESTED.value else "", status, reason, failures, reschedules, "",
            "已签收" if completed else "", cancel, collect, on_time, who, self._moves,
            enter, updated, done_at,
        ))
        for fail_at, fail_day, fail_reason in self._pending_failures:
            self.failures.append((order_id, shop_id, fail_day, fail_reason, FAIL_NOTES[FailureReason(fail_reason)],
                                  self.dispatcher, fail_at))
        return (order_id, collect, int(done_at)) if completed else None  # type: ignore[call-overload]

    def _created(self, cid: int, who: int, enter: int, number: str, kind: DeliveryKind, day: int, slot: Slot) -> None:
        self._event(enter, cid, who, "created", number, "", kind=kind.value, date=self._day(day), slot=slot.value)

    def _settled(self, cid: int, who: int, enter: int, leave: int, number: str, kind: DeliveryKind,
                 crew: str) -> tuple[tuple[object, ...], bool]:
        """Completed (or cancelled) before `leave`, the day the complaint went back to investigating."""
        random_ = self.rng.random
        done = max(enter + 2 * HOUR, leave - 60 - int(random_() * 1800))
        day, seconds = self._local(done)
        slot = Slot.MORNING if seconds < 12 * HOUR else Slot.AFTERNOON if seconds < 18 * HOUR else Slot.EVENING
        late = random_() < 0.08 and slot is not Slot.MORNING
        promised_slot = Slot.MORNING if late and slot is Slot.AFTERNOON else Slot.AFTERNOON if late else slot
        failed = random_() < 0.1 and done - DAY > enter + 3 * HOUR
        first_day = day - 1 if failed else day
        dispatcher, emit_event = self.dispatcher, self._event
        self._created(cid, who, enter, number, kind, first_day, promised_slot)
        accept_at = enter + 1800 + int(random_() * 5400)
        emit_event(accept_at, cid, dispatcher, "accepted", number, _S.REQUESTED.value, crew=crew,
                   date=self._day(first_day), slot=promised_slot.value)
        failures = 0
        if failed:
            fail_at = max(accept_at + 600, done - DAY)
            reason = REASONS[int(random_() * len(REASONS))]
            emit_event(fail_at - 2400, cid, dispatcher, "out", number, _S.ACCEPTED.value, crew=crew)
            emit_event(fail_at, cid, dispatcher, "failed", number, _S.OUT.value, FAIL_NOTES[reason], crew=crew,
                       reason=reason.value)
            emit_event(fail_at + 900, cid, dispatcher, "rescheduled", number, _S.FAILED.value, crew=crew,
                       date=self._day(day), slot=promised_slot.value)
            emit_event(fail_at + 1200, cid, dispatcher, "accepted", number, _S.RESCHEDULED.value, crew=crew,
                       date=self._day(day), slot=promised_slot.value)
            self._pending_failures.append((fail_at, self._day(first_day), reason.value))
            failures = 1
        if random_() < 0.05:
            reason_text = CANCEL_REASONS[int(random_() * len(CANCEL_REASONS))]
            emit_event(done, cid, dispatcher, "cancelled", number, _S.ACCEPTED.value, reason_text, crew=crew)
            return (self._day(day), promised_slot.value, self._day(first_day), _S.CANCELLED.value,
                    REASONS[0].value if failures else None, failures, failures, reason_text, None, done, None), False
        out_at = max(accept_at + 300, done - 1800 - int(random_() * 3600))
        emit_event(out_at, cid, dispatcher, "out", number, _S.ACCEPTED.value, crew=crew)
        on_time = not late
        emit_event(done, cid, dispatcher, "completed", number, _S.OUT.value, "已签收", crew=crew, on_time=int(on_time))
        last_reason = self._pending_failures[0][2] if failures else None
        return (self._day(day), promised_slot.value, self._day(first_day), _S.COMPLETED.value, last_reason, failures,
                failures, "", int(on_time), done, done), True

    def _open(self, cid: int, who: int, enter: int, number: str, kind: DeliveryKind, crew: str) -> tuple[object, ...]:
        """Still open at the demo's moment: the next of OPEN_TURNS whose steps fit between `enter` and now.

        An order waiting for longer than STUCK_AFTER is stuck: it failed (or was never sent out) the day after
        it was ordered, or failed then and waits for a new date; such a backlog spreads over the past days.
        """
        random_, now, today, dispatcher, emit_event = self.rng.random, self.now, self.today, self.dispatcher, \
            self._event
        stuck = now - enter > STUCK_AFTER
        turn = (STUCK_TURNS if stuck else OPEN_TURNS)[self.turn % (3 if stuck else len(OPEN_TURNS))]
        self.turn += 1
        _, now_seconds = self._local(now)
        current = Slot.MORNING if now_seconds < 12 * HOUR else Slot.AFTERNOON if now_seconds < 18 * HOUR \
            else Slot.EVENING
        accept_at = enter + 1800 + int(random_() * 3600)
        # Crews leave the depot up to half an hour before their slot starts.
        out_at = self._at(today, SLOT_SPAN[current][0]) - 1800 + int(random_() * 1800)
        if turn == "out" and out_at > accept_at + 600:
            if out_at <= now:
                self._created(cid, who, enter, number, kind, today, current)
                emit_event(accept_at, cid, dispatcher, "accepted", number, _S.REQUESTED.value, crew=crew,
                           date=self._day(today), slot=current.value)
                emit_event(out_at, cid, dispatcher, "out", number, _S.ACCEPTED.value, crew=crew)
                return (self._day(today), current.value, self._day(today), _S.OUT.value, None, 0, 0, "", None,
                        out_at, None)
        if turn in ("failed", "rescheduled", "overdue"):
            day = self._local(enter)[0] + 1 if stuck else today - 1
            fail_at = self._at(day, 15 * HOUR + int(random_() * 2 * HOUR))
            if fail_at - 3600 > accept_at and fail_at + 1800 <= now:
                self._created(cid, who, enter, number, kind, day, Slot.AFTERNOON)
                emit_event(accept_at, cid, dispatcher, "accepted", number, _S.REQUESTED.value, crew=crew,
                           date=self._day(day), slot=Slot.AFTERNOON.value)
                if turn == "overdue":
                    return (self._day(day), Slot.AFTERNOON.value, self._day(day), _S.ACCEPTED.value, None, 0, 0, "",
                            None, accept_at, None)
                reason = REASONS[self.turn % len(REASONS)]
                emit_event(fail_at - 3000, cid, dispatcher, "out", number, _S.ACCEPTED.value, crew=crew)
                emit_event(fail_at, cid, dispatcher, "failed", number, _S.OUT.value, FAIL_NOTES[reason], crew=crew,
                           reason=reason.value)
                self._pending_failures.append((fail_at, self._day(day), reason.value))
                if turn == "failed":
                    return (self._day(day), Slot.AFTERNOON.value, self._day(day), _S.FAILED.value, reason.value, 1,
                            0, "", None, fail_at, None)
                later = today + 1 + int(random_() * 2)
                slot = Slot.MORNING if random_() < 0.5 else Slot.EVENING
                emit_event(fail_at + 1200, cid, dispatcher, "rescheduled", number, _S.FAILED.value, crew=crew,
                           date=self._day(later), slot=slot.value)
                return (self._day(later), slot.value, self._day(day), _S.RESCHEDULED.value, reason.value, 1, 1, "",
                        None, fail_at + 1200, None)
        day = today + 1 + int(random_() * 3)
        slot = list(Slot)[int(random_() * 3)]
        self._created(cid, who, enter, number, kind, day, slot)
        if turn == "accepted" and accept_at <= now:
            emit_event(accept_at, cid, dispatcher, "accepted", number, _S.REQUESTED.value, crew=crew,
                       date=self._day(day), slot=slot.value)
            return (self._day(day), slot.value, self._day(day), _S.ACCEPTED.value, None, 0, 0, "", None, accept_at,
                    None)
        return (self._day(day), slot.value, self._day(day), _S.REQUESTED.value, None, 0, 0, "", None, enter, None)
