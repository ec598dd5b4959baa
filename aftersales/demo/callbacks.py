"""The demo's call-backs: one after each resolution and each completed delivery, with their attempts.

Most resolutions are confirmed at the first call; in turn one is reopened by an unsatisfied customer and
resolved again, and one closes after three unreachable days. Calls not made by the demo's moment stay
pending, some already tried once or twice, so the due list has overdue and fresh work.
"""

import random
from collections.abc import Callable

from ..domain.callbacks import CallbackOutcome, CallbackPurpose, CallbackStatus
from ..domain.enums import EventKind
from .chain import DemoEvent
from .deliveries import cached_details

DAY = 86_400
CALLBACK_COLUMNS = (
    "id", "complaint_id", "delivery_order_id", "purpose", "confirm_payment", "payment_fen", "due_at", "status",
    "outcome", "satisfaction", "assignee_id", "attempts", "version", "created_at", "finished_at",
)
ATTEMPT_COLUMNS = ("callback_id", "at", "outcome", "satisfaction", "note", "actor_id")
# Call-back satisfaction, 1 to 5: mostly content customers (45 % fives, 30 % fours, ...).
SATISFACTION = [5] * 45 + [4] * 30 + [3] * 15 + [2] * 6 + [1] * 4
PRAISE = ["顾客对处理结果表示满意", "顾客确认已解决，感谢商场", "顾客表示基本满意，希望加快速度", ""]
COMPLAINTS_AGAIN = ["维修后问题依旧", "换来的商品仍有瑕疵", "退款金额与约定不符"]
NO_ANSWER = ["电话无人接听", "电话关机", "占线，稍后再拨"]
# Every so many resolutions, in turn: one reopened by an unsatisfied customer, one given up on after three
# unreachable days (so even a small demo shows both).
UNSATISFIED_EVERY = 20
UNREACHABLE_EVERY = 25

_ATTEMPT = EventKind.CALLBACK_ATTEMPT.value
_PENDING, _DONE, _CANCELLED = CallbackStatus.PENDING.value, CallbackStatus.DONE.value, CallbackStatus.CANCELLED.value
_SAT, _PARTLY = CallbackOutcome.SATISFIED, CallbackOutcome.PARTLY_SATISFIED
_UNSAT, _UNREACHABLE = CallbackOutcome.UNSATISFIED, CallbackOutcome.UNREACHABLE
_VALUE = {outcome: outcome.value for outcome in CallbackOutcome}
_RESOLUTION, _DELIVERY = CallbackPurpose.CONFIRM_RESOLUTION.value, CallbackPurpose.CONFIRM_DELIVERY.value
# Positions in a call-back row (see CALLBACK_COLUMNS).
_STATUS, _OUTCOME, _SCORE, _ATTEMPTS, _VERSION, _FINISHED = 7, 8, 9, 11, 12, 14


class CallbackPlayer:
    """Plays call-backs for HistoryMaker, emitting attempt events and collecting rows."""

    def __init__(self, rng: random.Random, emit: Callable[[DemoEvent], None], *, now: int, utc_offset: int,
                 opens: int, closes: int) -> None:
        self.rng = rng
        self.emit = emit
        self.now = now
        self.offset = utc_offset
        self.opens = opens
        self.closes = closes
        self.callbacks: list[list[object]] = []
        self.attempts: list[tuple[object, ...]] = []
        self.next_id = 1
        self.turn = 0
        self.tries_turn = 0
        # Delivery call-backs of the complaint being played, made once its closing time is known.
        self.waiting: list[tuple[list[object], int, int]] = []

    def take_rows(self) -> tuple[list[list[object]], list[tuple[object, ...]]]:
        callbacks, attempts = self.callbacks, self.attempts
        self.callbacks, self.attempts = [], []
        return callbacks, attempts

    def business(self, t: int) -> int:
        """`t`, or a moment just after the next opening when `t` falls outside business hours."""
        local = (t + self.offset) % DAY
        if local < self.opens:
            return t + self.opens - local + int(self.rng.random() * 1800)
        if local >= self.closes:
            return t + DAY - local + self.opens + int(self.rng.random() * 1800)
        return t

    def due_after(self, t: int) -> int:
        """24 business hours after `t`, as `sla.add_business_minutes` counts them with 12 business hours every
        day and no holidays: two days on from inside business hours; from an opening (or the night before it),
        closing time the day after."""
        local = (t + self.offset) % DAY
        if local <= self.opens:
            return t - local + self.closes + DAY
        if local >= self.closes:
            return t - local + self.closes + 2 * DAY
        return t + 2 * DAY

    def open(self, cid: int, purpose: str, created: int, assignee: int, payment: int,
             order_id: int | None = None) -> list[object]:
        row: list[object] = [self.next_id, cid, order_id, purpose, int(payment > 0), payment, self.due_after(created),
                             _PENDING, None, None, assignee, 0, 1, created, None]
        self.next_id += 1
        self.callbacks.append(row)
        return row

    def attempt(self, row: list[object], t: int, outcome: CallbackOutcome, score: int | None, note: str,
                actor: int) -> None:
        value = _VALUE[outcome]
        self.attempts.append((row[0], t, value, score, note, actor))
        self.emit((t, int(row[1]), actor, _ATTEMPT, "callback", str(row[3]),  # type: ignore[call-overload]
                   cached_details((("outcome", value), ("satisfaction", score))), note, outcome is not _UNREACHABLE))
        row[_ATTEMPTS] = int(row[_ATTEMPTS]) + 1  # type: ignore[call-overload]
        row[_VERSION] = int(row[_VERSION]) + 1  # type: ignore[call-overload]

    def finish(self, row: list[object], t: int, outcome: CallbackOutcome | None, score: int | None,
               status: str = _DONE) -> None:
        row[_STATUS], row[_OUTCOME], row[_SCORE], row[_FINISHED] = status, _VALUE[outcome] if outcome else None, score, t
        if status == _CANCELLED or outcome is _UNREACHABLE:
            row[_VERSION] = int(row[_VERSION]) + 1  # type: ignore[call-overload]

    def confirmed(self, cid: int, purpose: str, created: int, actor: int, payment: int, t: int, score: int) -> None:
        """A call-back made and confirmed at the first call at `t` with satisfaction `score`, written in one go
        (most of the demo's are)."""
        random_ = self.rng.random
        outcome = _SAT if score >= 4 else _PARTLY
        value, note = _VALUE[outcome], PRAISE[int(random_() * len(PRAISE))]
        callback_id = self.next_id
        self.next_id += 1
        self.callbacks.append([callback_id, cid, None, purpose, int(payment > 0), payment, self.due_after(created),
                               _DONE, value, score, actor, 1, 2, created, t])
        self.attempts.append((callback_id, t, value, score, note, actor))
        self.emit((t, cid, actor, _ATTEMPT, "callback", purpose, cached_details((("outcome", value),
                   ("satisfaction", score))), note, True))

    def confirm(self, row: list[object], t: int, actor: int) -> int:
        """The customer is reached and content (or partly); returns the satisfaction."""
        score = SATISFACTION[int(self.rng.random() * 100)]
        outcome = _SAT if score >= 4 else _PARTLY
        self.attempt(row, t, outcome, score, PRAISE[int(self.rng.random() * len(PRAISE))], actor)
        self.finish(row, t, outcome, score)
        return score

    def next_path(self) -> str:
        self.turn += 1
        if self.turn % UNREACHABLE_EVERY == 0:
            return "unreachable"
        if self.turn % UNSATISFIED_EVERY == 1:
            return "unsatisfied"
        return "confirmed"

    def unsatisfied(self, row: list[object], t: int, actor: int) -> str:
        """An unsatisfied customer at `t`; returns their reason."""
        reason = COMPLAINTS_AGAIN[int(self.rng.random() * len(COMPLAINTS_AGAIN))]
        score = 1 + int(self.rng.random() * 2)
        self.attempt(row, t, _UNSAT, score, reason, actor)
        self.finish(row, t, _UNSAT, score)
        return reason

    def no_answer(self, row: list[object], t: int, actor: int) -> None:
        self.attempt(row, t, _UNREACHABLE, None, NO_ANSWER[int(self.rng.random() * len(NO_ANSWER))], actor)

    def unreachable_days(self, row: list[object], first: int, actor: int) -> int | None:
        """Three unanswered calls on three days from `first`; the moment the desk gives up, or None if the
        third day is still to come."""
        t = first
        for day in range(3):
            if t > self.now:
                return None
            self.no_answer(row, t, actor)
            if day < 2:
                t = self.business(t + DAY + int(self.rng.random() * 3600))
        give_up = t + 600
        if give_up > self.now:
            return None
        self.finish(row, give_up, _UNREACHABLE, None)
        return give_up

    def tried_so_far(self, row: list[object], resolved_at: int, actor: int) -> None:
        """A call-back still pending at the demo's moment: none, one or two unanswered calls already, in turn."""
        self.tries_turn += 1
        t = self.business(resolved_at + 3 * 3600)
        for _ in range(self.tries_turn % 3):
            if t > self.now:
                return
            self.no_answer(row, t, actor)
            t = self.business(t + DAY)

    def delivery(self, cid: int, who: int, done: int, order_id: int, collect: int) -> None:
        """A call to confirm a completed delivery, made within a day or so (settled with the complaint)."""
        row = self.open(cid, _DELIVERY, done, who, collect, order_id)
        self.waiting.append((row, self.business(done + 3600 + int(self.rng.random() * 0.6 * DAY)), who))

    def settle(self, closed_at: int | None) -> None:
        """The delivery calls of the complaint just played: made if due before it closed, else dropped
        when it closed, else still pending."""
        for row, t, who in self.waiting:
            if t <= self.now and (closed_at is None or t <= closed_at):
                self.confirm(row, t, who)
            elif closed_at is not None:
                self.finish(row, closed_at, None, None, _CANCELLED)
        self.waiting.clear()
