"""What happened to each demo complaint after intake: the status path, its events and final fields."""

import random
from bisect import bisect_left
from collections import defaultdict
from operator import itemgetter

from ..domain.callbacks import CallbackPurpose
from ..domain.enums import CloseOutcome, ComplaintStatus, EventKind, Remedy
from .callbacks import SATISFACTION, CallbackPlayer
from .catalog import CONTACT_NOTES, RESOLUTIONS, WITHDRAW_REASONS
from .chain import DemoEvent
from .deliveries import Contact, DeliveryPlayer, OrderFacts

S = ComplaintStatus
DAY = 86_400
# Complaints that stop at a stage (the desk never moved them on) cycle through the open statuses,
# so even a small demo shows every one of them.
STALL_STATUSES = [S.NEW, S.ACKNOWLEDGED, S.INVESTIGATING, S.AWAITING_DELIVERY, S.AWAITING_CUSTOMER, S.RESOLVED]
# Remedies that need the delivery center (a visit, a new item, a pick-up).
DELIVERY_REMEDIES = {Remedy.REPAIR.value, Remedy.REPLACE.value, Remedy.RETURN_REFUND.value}

_NEW, _ACK, _INV = S.NEW.value, S.ACKNOWLEDGED.value, S.INVESTIGATING.value
_AW_DELIVERY, _AW_CUSTOMER = S.AWAITING_DELIVERY.value, S.AWAITING_CUSTOMER.value
_RESOLVED, _CLOSED = S.RESOLVED.value, S.CLOSED.value
_K_STATUS, _K_ACK, _K_RESOLVED = EventKind.STATUS.value, EventKind.ACKNOWLEDGED.value, EventKind.RESOLVED.value
_K_CREATED, _K_MERGED, _K_ASSIGNED = EventKind.CREATED.value, EventKind.MERGED.value, EventKind.ASSIGNED.value
_K_CONTACT, _K_WITHDRAWN, _K_CLOSED = EventKind.CONTACT.value, EventKind.WITHDRAWN.value, EventKind.CLOSED.value
_DUPLICATE, _WITHDRAWN = CloseOutcome.DUPLICATE.value, CloseOutcome.WITHDRAWN.value
_CALLBACK = CloseOutcome.CALLBACK_CONFIRMED.value
_UNREACHABLE = CloseOutcome.CALLBACK_UNREACHABLE.value
_K_REOPENED = EventKind.REOPENED.value
_COMPENSATION = Remedy.COMPENSATION.value
_DECISIONS = {remedy.value: texts for remedy, texts in RESOLUTIONS.items()}
_CONFIRM_RESOLUTION = CallbackPurpose.CONFIRM_RESOLUTION.value

_at = itemgetter(0)

# Final fields of a complaint: status, assignee id, acknowledged_at, resolved_at, closed_at, close outcome,
# duplicate_of id, resolution, compensation in fen, satisfaction, version, updated_at.
Outcome = tuple[str, int | None, int | None, int | None, int | None, str | None, int | None, str, int,
                int | None, int, int]


class HistoryMaker:
    """Plays each complaint forward from intake until the demo's `now`, filing its events by local day."""

    def __init__(
        self,
        rng: random.Random,
        *,
        now: int,
        utc_offset: int,
        opens: int,
        closes: int,
        first_day: int,
        staff_codes: dict[int, str],
        lead_id: int,
        dispatcher_id: int,
        contact_of: Contact,
        seed: int = 0,
    ) -> None:
        self.rng = rng
        self.now = now
        self.offset = utc_offset
        self.opens = opens
        self.closes = closes
        self.first_day = first_day
        self.staff_codes = staff_codes
        self.desk_ids = sorted(staff_codes)
        self.lead_id = lead_id
        self.buckets: dict[int, list[DemoEvent]] = defaultdict(list)
        self.pending: list[DemoEvent] = []
        self._emit = self.pending.append
        self.stall_turn = 0
        # The complaint being played: what its delivery orders need of it.
        self.facts: OrderFacts = (0, "", 0, "")
        self.number = ""
        # Orders and call-backs draw from generators of their own, so the complaints come out as they would
        # without them.
        self.deliveries = DeliveryPlayer(random.Random(f"deliveries-{seed}"), self._emit, now=now,
                                         utc_offset=utc_offset, dispatcher_id=dispatcher_id, contact_of=contact_of)
        self.calls = CallbackPlayer(random.Random(f"callbacks-{seed}"), self._emit, now=now, utc_offset=utc_offset,
                                    opens=opens, closes=closes)

    def take_day(self, index: int) -> list[DemoEvent]:
        """All events of local day `index` in time order (complete once that day's complaints were played)."""
        pending = self.pending
        pending.sort(key=_at)
        # Slice the played events by local day; each bucket then holds a few sorted runs.
        start = 0
        while start < len(pending):
            day = (pending[start][0] + self.offset) // DAY
            end = bisect_left(pending, (day + 1) * DAY - self.offset, lo=start, key=_at)
            self.buckets[day - self.first_day].extend(pending[start:end])
            start = end
        pending.clear()
        events = self.buckets.pop(index, [])
        events.sort(key=_at)
        return events

    def _business(self, t: int) -> int:
        """`t`, or a moment just after the next opening when `t` falls outside business hours."""
        local = (t + self.offset) % DAY
        if local < self.opens:
            return t + self.opens - local + int(self.rng.random() * 1800)
        if local >= self.closes:
            return t + DAY - local + self.opens + int(self.rng.random() * 1800)
        return t

    def next_stall(self) -> str:
        status = STALL_STATUSES[self.stall_turn % len(STALL_STATUSES)].value
        self.stall_turn += 1
        return status

    def play(self, cid: int, number: str, created: int, intake: int, assignee: int, ack_target: int,
             resolve_days: int, remedy: str, fate: str, stop_at: str, duplicate_of: tuple[int, str] | None,
             facts: OrderFacts) -> Outcome:
        """Emit the events of one complaint, its delivery orders and call-backs; return its final fields."""
        self.facts, self.number = facts, number
        outcome = self._play(cid, number, created, intake, assignee, ack_target, resolve_days, remedy, fate,
                             stop_at, duplicate_of)
        self.calls.settle(outcome[4])
        return outcome

    def _play(
        self,
        cid: int,
        number: str,
        created: int,
        intake: int,
        assignee: int,
        ack_target: int,
        resolve_days: int,
        remedy: str,
        fate: str,
        stop_at: str,
        duplicate_of: tuple[int, str] | None,
    ) -> Outcome:
        """The complaint's own path: `fate` is "full" (through call-back and close), "duplicate", "withdraw"
        or "stall"; `stop_at` is the status a stalled complaint stays in, or the stage a withdrawal follows.
        """
        rng, now, emit, business = self.rng, self.now, self._emit, self._business
        random_ = rng.random
        emit((created, cid, intake, _K_CREATED, "status", "", number, "", False))
        if fate == "stall" and stop_at == _NEW:
            return (_NEW, None, None, None, None, None, None, "", 0, None, 1, created)
        t = business(created + 60 + int(ack_target * 1.4 * random_() ** 3))
        if t > now:
            return (_NEW, None, None, None, None, None, None, "", 0, None, 1, created)
        ack_at, version, who = t, 2, assignee
        emit((t, cid, who, _K_ACK, "status", _NEW, _ACK, "", False))
        # As the acknowledge service does: whoever acknowledges an unassigned complaint takes it.
        emit((t, cid, who, _K_ASSIGNED, "assignee", "", self.staff_codes[who], "", False))
        status = _ACK
        if fate == "duplicate" and duplicate_of is not None:
            t += 300 + int(random_() * 7200)
            if t > now:
                return (_ACK, who, ack_at, None, None, None, None, "", 0, None, version, ack_at)
            emit((t, cid, who, _K_MERGED, "duplicate_of", _ACK, duplicate_of[1], "", False))
            return (_CLOSED, who, ack_at, None, t, _DUPLICATE, duplicate_of[0], "", 0, None,
                    version + 1, t)
        updated = t
        if fate != "stall" and random_() < 0.04:
            # The team lead hands the complaint to someone else.
            t += 600 + int(random_() * 3600)
            other = self.desk_ids[int(random_() * len(self.desk_ids))]
            if t <= now and other != who:
                emit((t, cid, self.lead_id, _K_ASSIGNED, "assignee", self.staff_codes[who],
                      self.staff_codes[other], "", False))
                who, version, updated = other, version + 1, t
        if not (fate == "stall" and stop_at == _ACK) and not (fate == "withdraw" and stop_at == _ACK):
            t = business(t + 1800 + int(random_() * 19_800))
            if t <= now:
                emit((t, cid, who, _K_STATUS, "status", _ACK, _INV, "", False))
                status, version, updated = _INV, version + 1, t
                if random_() < 0.12 and t + 3000 <= now:
                    emit((t + 600 + int(random_() * 2400), cid, who, _K_CONTACT, "", "", "",
                          CONTACT_NOTES[int(random_() * len(CONTACT_NOTES))], True))
        if status == _INV and not (fate in ("stall", "withdraw") and stop_at == _INV):
            status, version, updated, t = self._resolve_path(cid, who, t, resolve_days, remedy, fate, stop_at,
                                                             version, updated)
            if status == _RESOLVED:
                stays = fate == "stall" and stop_at == _RESOLVED
                return self._finish(cid, who, ack_at, t, remedy, stays, version)
        if fate == "withdraw" and status == stop_at:
            t = business(t + 7200 + int(random_() * 2 * DAY))
            if t <= now:
                emit((t, cid, who, _K_WITHDRAWN, "status", status, _CLOSED,
                      WITHDRAW_REASONS[int(random_() * len(WITHDRAW_REASONS))], False))
                return (_CLOSED, who, ack_at, None, t, _WITHDRAWN, None, "", 0, None,
                        version + 1, t)
        return (status, who, ack_at, None, None, None, None, "", 0, None, version, updated)

    def _resolve_path(
        self, cid: int, who: int, t: int, resolve_days: int, remedy: str, fate: str, stop_at: str,
        version: int, updated: int,
    ) -> tuple[str, int, int, int]:
        """From investigating: maybe wait for delivery or the customer, then resolve. Returns status,
        version, updated_at and the time of the last step reached."""
        rng, now, emit, business = self.rng, self.now, self._emit, self._business
        roll = rng.random()
        wait = None
        if fate == "stall" and stop_at in (_AW_DELIVERY, _AW_CUSTOMER):
            wait = stop_at
        elif roll < 0.22 and remedy in DELIVERY_REMEDIES:
            wait = _AW_DELIVERY
        elif roll > 0.95:
            wait = _AW_CUSTOMER
        if wait is not None:
            t = business(t + 3600 + int(rng.random() * 25_200))
            if t > now:
                return _INV, version, updated, t
            leave = None
            if fate != "stall":
                back = business(t + DAY + int(rng.random() * 4 * DAY))
                leave = back if back <= now else None
            if wait == _AW_DELIVERY:
                # The order is dispatched in the same moment (its event first, as the service writes them).
                done = self.deliveries.play(cid, self.number, who, t, leave, self.facts)
                if done is not None:
                    self.calls.delivery(cid, who, done[2], done[0], done[1])
            emit((t, cid, who, _K_STATUS, "status", _INV, wait, "", False))
            version, updated = version + 1, t
            if leave is None:
                return wait, version, updated, t
            t = leave
            emit((t, cid, who, _K_STATUS, "status", wait, _INV, "", False))
            version, updated = version + 1, t
        t = business(t + 7200 + int(resolve_days * DAY * 1.2 * rng.random() ** 2))
        if t > now:
            return _INV, version, updated, t
        return _RESOLVED, version + 1, t, t

    def _finish(
        self, cid: int, who: int, ack_at: int, resolved_at: int, remedy: str, stays: bool, version: int
    ) -> Outcome:
        """Record the resolution reached at `resolved_at` and its call-back, then what the call-back did: closed
        (confirmed, or unreachable on three days), reopened and resolved again, or still pending now."""
        rng, now, emit, calls = self.rng, self.now, self._emit, self.calls
        decisions = _DECISIONS[remedy]
        decision = decisions[int(rng.random() * len(decisions))]
        fen = 0
        if remedy == _COMPENSATION or (remedy in DELIVERY_REMEDIES and rng.random() < 0.1):
            fen = rng.randint(5, 300) * 1000
        # As the resolve service writes it: remedy and compensation in the event, the decision as its note.
        emit((resolved_at, cid, who, _K_RESOLVED, "remedy", str(fen), remedy, decision, False))
        t = self._business(resolved_at + DAY + int(rng.random() * 2 * DAY))
        pending = (_RESOLVED, who, ack_at, resolved_at, None, None, None, decision, fen, None, version, resolved_at)
        if stays or t > now:
            calls.tried_so_far(calls.open(cid, _CONFIRM_RESOLUTION, resolved_at, who, fen), resolved_at, who)
            return pending
        # Drawn here whatever the call-back's path, so the complaints after this one come out the same; the
        # call-backs' own turns draw from their player's generator.
        satisfaction = SATISFACTION[int(rng.random() * 100)]
        path = calls.next_path()
        if path == "confirmed":
            calls.confirmed(cid, _CONFIRM_RESOLUTION, resolved_at, who, fen, t, satisfaction)
            emit((t, cid, who, _K_CLOSED, "status", _RESOLVED, _CLOSED, "", True))
            return (_CLOSED, who, ack_at, resolved_at, t, _CALLBACK, None, decision, fen, satisfaction, version + 1, t)
        call = calls.open(cid, _CONFIRM_RESOLUTION, resolved_at, who, fen)
        if path == "unreachable":
            given_up = calls.unreachable_days(call, t, who)
            if given_up is None:
                return pending
            emit((given_up, cid, who, _K_CLOSED, "status", _RESOLVED, _CLOSED, "", False))
            return (_CLOSED, who, ack_at, resolved_at, given_up, _UNREACHABLE, None, decision, fen, None, version + 1,
                    given_up)
        if path == "unsatisfied":
            reason = calls.unsatisfied(call, t, who)
            emit((t, cid, who, _K_REOPENED, "status", _RESOLVED, _INV, reason, False))
            version += 1
            again = calls.business(t + 7200 + int(calls.rng.random() * DAY))
            if again > now:
                return (_INV, who, ack_at, resolved_at, None, None, None, decision, fen, None, version, t)
            decision = decisions[int(calls.rng.random() * len(decisions))]
            resolved_at, version = again, version + 1
            emit((resolved_at, cid, who, _K_RESOLVED, "remedy", str(fen), remedy, decision, False))
            call = calls.open(cid, _CONFIRM_RESOLUTION, resolved_at, who, fen)
            t = calls.business(resolved_at + DAY + int(calls.rng.random() * DAY))
            pending = (_RESOLVED, who, ack_at, resolved_at, None, None, None, decision, fen, None, version,
                       resolved_at)
            if t > now:
                return pending
        satisfaction = calls.confirm(call, t, who)
        # The satisfaction is kept on the complaint; the closing event records the status move.
        emit((t, cid, who, _K_CLOSED, "status", _RESOLVED, _CLOSED, "", True))
        return (_CLOSED, who, ack_at, resolved_at, t, _CALLBACK, None, decision, fen, satisfaction, version + 1, t)
