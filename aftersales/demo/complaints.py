"""Inventing the demo's customers and complaints, one local day at a time, as rows ready for executemany."""

import random
from array import array
from collections import deque
from datetime import UTC, date, datetime

from faker import Faker

from ..domain.enums import SEVERITY_RANK, Category, Channel, MajorReason, Remedy, Severity, ShopCategory
from ..domain.numbering import complaint_number
from ..domain.sla import SlaPolicy, deadlines
from ..store.fields import to_epoch
from .catalog import (
    ATTITUDES,
    CATEGORY_REMEDIES,
    CONTRACT_ISSUES,
    DAMAGES,
    DEFECTS,
    ENGLISH_NOTES,
    INSTALL_ISSUES,
    MAJOR_PHRASES,
    OTHER_ISSUES,
    PARTS,
    PRICE_ISSUES,
    PRODUCTS,
    REMEDY_PHRASES,
    SHOP_PRODUCTS,
    TEMPLATES,
)
from .history import DAY, HistoryMaker
from .volumes import Volumes

COMPLAINT_COLUMNS = (
    "id", "number", "customer_id", "shop_id", "product", "contract_no", "receipt_no", "category", "severity",
    "severity_rank", "channel", "remedy", "description", "major_incident", "major_reason", "status",
    "assignee_id", "ack_due_at", "resolve_due_at", "acknowledged_at", "resolved_at", "closed_at",
    "close_outcome", "duplicate_of_id", "resolution", "compensation_fen", "satisfaction", "version",
    "created_at", "updated_at", "remedy_decided",
)
CUSTOMER_COLUMNS = ("id", "name", "phone", "address", "created_at")

SEVERITIES = [s.value for s in Severity]
SEVERITY_RANKS = {s.value: rank for s, rank in SEVERITY_RANK.items()}
SEVERITY_WEIGHTS = [15, 55, 22, 8]
CATEGORIES = [c.value for c in Category]
CATEGORY_WEIGHTS = [30, 14, 12, 12, 8, 8, 7, 5, 4]
CHANNELS = [c.value for c in Channel]
CHANNEL_WEIGHTS = [45, 30, 18, 4, 3]
MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                   "156", "158", "159", "166", "177", "180", "181", "185", "186", "187", "188", "189", "199"]
# Odd and not a multiple of 5, so i -> i * PHONE_STEP mod 10**8 never repeats: every customer's phone differs.
PHONE_STEP = 73_939_133
VARIANTS = 40
MAJOR_REASONS = [r.value for r in MajorReason]
WITHDRAW_AFTER = ("acknowledged", "investigating")
RECENT_PER_SHOP = 10


def _cumulative(weights: list[int]) -> list[int]:
    out, total = [], 0
    for w in weights:
        total += w
        out.append(total)
    return out


class DeadlineTable:
    """`sla.deadlines` remembered per severity and minute of the local day.

    With no holidays every business day is alike, so a deadline moves with its start by whole days;
    inside business hours it also moves second for second, except when it lands exactly on closing time.
    """

    def __init__(self, policy: SlaPolicy, utc_offset: int, reference: int) -> None:
        self.policy = policy
        self.offset = utc_offset
        self.reference = reference  # epoch of local midnight of an ordinary day
        self.opens = policy.opens.hour * 3600 + policy.opens.minute * 60
        self.closes = policy.closes.hour * 3600 + policy.closes.minute * 60
        self.exact = bool(policy.holidays)
        self.ack_seconds = {s.value: m * 60 for s, m in policy.ack_minutes.items()}
        self.resolve_days = {s.value: d for s, d in policy.resolve_days.items()}
        self.cache: dict[tuple[str, int], tuple[int, int]] = {}

    def direct(self, created: int, severity: str) -> tuple[int, int]:
        ack, resolve = deadlines(datetime.fromtimestamp(created, UTC), Severity(severity), self.policy)
        return to_epoch(ack), to_epoch(resolve)

    def __call__(self, created: int, severity: str) -> tuple[int, int]:
        if self.exact:
            return self.direct(created, severity)
        local = (created + self.offset) % DAY
        second = local % 60
        minute_start = created - second
        key = (severity, local // 60)
        offsets = self.cache.get(key)
        if offsets is None:
            anchor = self.reference + local - second
            ack, resolve = self.direct(anchor, severity)
            offsets = self.cache[key] = (ack - anchor, resolve - anchor)
        ack, resolve = minute_start + offsets[0], minute_start + offsets[1]
        if second and self.opens <= local < self.closes:
            if (ack + self.offset) % DAY == self.closes or (resolve + self.offset) % DAY == self.closes:
                return self.direct(created, severity)
            ack, resolve = ack + second, resolve + second
        return ack, resolve


class ComplaintMaker:
    """Customers, complaints and (through HistoryMaker) their events for each demo day."""

    def __init__(
        self,
        rng: random.Random,
        fake: Faker,
        history: HistoryMaker,
        deadlines_of: DeadlineTable,
        shops: list[tuple[int, str, ShopCategory]],
        intake_ids: list[int],
        assignee_ids: list[int],
        manager_id: int,
        volumes: Volumes,
    ) -> None:
        self.rng = rng
        self.history = history
        self.deadlines_of = deadlines_of
        self.shops = shops
        self.intake_ids = intake_ids
        self.assignee_ids = assignee_ids
        self.manager_id = manager_id
        self.next_id = 1
        self.customers = 0
        self.contacts: array[int] = array("Q")
        # Each shop's latest complaints: a duplicate repeats one of its own shop's, so every shop keeps the
        # number of complaints planned for it.
        self.recent: list[deque[tuple[int, str, int]]] = [deque(maxlen=RECENT_PER_SHOP) for _ in shops]
        self.surnames = [fake.last_name() for _ in range(300)]
        self.given = [fake.first_name() for _ in range(600)]
        self.addresses = [fake.address().rsplit(" ", 1)[0] for _ in range(2000)]
        self.phone_offset = rng.randrange(10**8)
        self.stories = self._stories()
        self.remedies = {c.value: [r.value for r in CATEGORY_REMEDIES[c]] for c in Category}
        self.phrases = {r.value: REMEDY_PHRASES[r] for r in Remedy}
        # The numbers a shop's complaints carry in each month: from the first 500 contract forms issued to it
        # that month, and from all the receipts issued to it so far.
        self.contract_spans = [[min(500, issued) for issued in row] for row in volumes.contracts]
        self.receipt_spans: list[list[int]] = []
        so_far = [0] * len(shops)
        for row in volumes.receipts:
            so_far = [a + b for a, b in zip(so_far, row, strict=True)]
            self.receipt_spans.append(so_far)

    def _stories(self) -> dict[tuple[int, str], list[tuple[str, str]]]:
        """A few dozen (product, description) variants per shop and complaint category."""
        random_, out = self.rng.random, {}

        def pick(words: list[str]) -> str:
            return words[int(random_() * len(words))]

        for index, (_, name, kind) in enumerate(self.shops):
            products = SHOP_PRODUCTS.get(name, PRODUCTS[kind])
            defects = DEFECTS[kind]
            for category in Category:
                templates = TEMPLATES[category]
                variants = []
                for _ in range(VARIANTS):
                    product = pick(products)
                    text = pick(templates).format(
                        p=product, d=pick(defects), g=pick(DAMAGES), i=pick(INSTALL_ISSUES), r=pick(PARTS),
                        a=pick(ATTITUDES), c=pick(PRICE_ISSUES), k=pick(CONTRACT_ISSUES), o=pick(OTHER_ISSUES),
                        n=2 + int(random_() * 8),
                    )
                    variants.append((product, text))
                out[(index, category.value)] = variants
        return out

    def _new_customer(self, created: int) -> tuple[int, str, str, str, int]:
        random_ = self.rng.random
        self.customers += 1
        index = self.customers
        surname, given = int(random_() * 300), int(random_() * 600)
        street, building, room = int(random_() * 2000), 1 + int(random_() * 30), 1 + int(random_() * 4)
        # The choices fit one integer: delivery orders read a customer's contact back without keeping rows.
        self.contacts.append(((surname * 600 + given) * 2000 + street) * 128 + building * 4 + room - 1)
        prefix = MOBILE_PREFIXES[index % len(MOBILE_PREFIXES)]
        # A step coprime with 10**8 gives every customer its own last eight digits.
        tail = (index * PHONE_STEP + self.phone_offset) % 10**8
        name = self.surnames[surname] + self.given[given]
        address = f"{self.addresses[street]}{building}{room:02d}室"
        return (index, name, f"{prefix}{tail:08d}", address, created)

    def contact_of(self, customer_id: int) -> tuple[str, str, str]:
        """Name, phone and address of a demo customer."""
        packed = self.contacts[customer_id - 1]
        rest, spot = divmod(packed, 128)
        rest, street = divmod(rest, 2000)
        surname, given = divmod(rest, 600)
        building, room = divmod(spot, 4)
        room += 1
        prefix = MOBILE_PREFIXES[customer_id % len(MOBILE_PREFIXES)]
        tail = (customer_id * PHONE_STEP + self.phone_offset) % 10**8
        return (self.surnames[surname] + self.given[given], f"{prefix}{tail:08d}",
                f"{self.addresses[street]}{building}{room:02d}室")

    def arrivals(self, day_start: int, count: int, until: int) -> list[int]:
        """`count` sorted arrival times that day: mostly in business hours, some online at night."""
        random_, opens, closes = self.rng.random, self.deadlines_of.opens, self.deadlines_of.closes
        span = closes - opens
        times = []
        for _ in range(count):
            if random_() < 0.06:
                t = day_start + int(random_() * DAY)
            else:
                t = day_start + opens + int(span * (random_() + random_()) / 2)
            if t > until:
                t = day_start + opens + int(random_() * max(until - day_start - opens, 1))
            times.append(min(t, until))
        times.sort()
        return times

    def make_day(
        self, day: date, day_start: int, shop_picks: list[int], until: int, month: int, stall_share: float
    ) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        """Complaint rows and new customer rows of one day, one complaint for each shop (index) of `shop_picks`
        (`until` caps arrival times on the last day); `month` indexes the demo's months, and `stall_share`
        of the complaints stop at a stage (see HistoryMaker.next_stall)."""
        rng = self.rng
        random_ = rng.random
        shops, stories, history, deadlines_of = self.shops, self.stories, self.history, self.deadlines_of
        remedies_of, phrases_of, recent = self.remedies, self.phrases, self.recent
        ack_seconds, resolve_days = deadlines_of.ack_seconds, deadlines_of.resolve_days
        prefix = complaint_number(day, 0)[:-4]  # numbers are this prefix and the day's sequence
        forms = f"HT{day:%Y%m}"
        count = len(shop_picks)
        times = self.arrivals(day_start, count, until)
        contract_spans, receipt_spans = self.contract_spans[month], self.receipt_spans[month]
        stall_below = 0.08 + stall_share
        severities = rng.choices(SEVERITIES, cum_weights=_cumulative(SEVERITY_WEIGHTS), k=count)
        categories = rng.choices(CATEGORIES, cum_weights=_cumulative(CATEGORY_WEIGHTS), k=count)
        channels = rng.choices(CHANNELS, cum_weights=_cumulative(CHANNEL_WEIGHTS), k=count)
        intakes = rng.choices(self.intake_ids, k=count)
        assignees = rng.choices(self.assignee_ids, k=count)
        complaints: list[tuple[object, ...]] = []
        customers: list[tuple[object, ...]] = []
        for seq in range(count):
            created, severity, category = times[seq], severities[seq], categories[seq]
            cid = self.next_id
            self.next_id += 1
            number = f"{prefix}{seq + 1:04d}"
            fate_roll = random_()
            duplicate_of = None
            shop_index = shop_picks[seq]
            earlier = recent[shop_index]
            if fate_roll < 0.03 and earlier:
                fate, stop_at = "duplicate", ""
                earlier_id, earlier_number, customer_id = earlier[int(random_() * len(earlier))]
                duplicate_of = (earlier_id, earlier_number)
            else:
                if fate_roll < 0.08:
                    fate, stop_at = "withdraw", WITHDRAW_AFTER[int(random_() * 2)]
                elif fate_roll < stall_below:
                    fate, stop_at = "stall", history.next_stall()
                else:
                    fate, stop_at = "full", ""
                if self.customers and random_() < 0.12:
                    customer_id = 1 + int(random_() * self.customers)
                else:
                    customer = self._new_customer(created)
                    customers.append(customer)
                    customer_id = customer[0]
            product, text = stories[(shop_index, category)][int(random_() * VARIANTS)]
            remedies = remedies_of[category]
            remedy = remedies[0] if random_() < 0.6 else remedies[int(random_() * len(remedies))]
            phrases = phrases_of[remedy]
            major_reason = None
            assignee = assignees[seq]
            if random_() < 0.01:
                major_reason = MAJOR_REASONS[int(random_() * len(MAJOR_REASONS))]
                severity = "critical" if random_() < 0.7 else "high"
                text = f"{text}，{MAJOR_PHRASES[MajorReason(major_reason)]}"
                assignee = self.manager_id
            description = f"{text}，{phrases[int(random_() * len(phrases))]}。"
            if random_() < 0.06:
                description += " " + ENGLISH_NOTES[int(random_() * len(ENGLISH_NOTES))]
            ack_due, resolve_due = deadlines_of(created, severity)
            (status, who, ack_at, resolved_at, closed_at, close_outcome, dup_id, resolution, fen,
             satisfaction, version, updated) = history.play(
                cid, number, created, intakes[seq], assignee, ack_seconds[severity], resolve_days[severity],
                remedy, fate, stop_at, duplicate_of, (shops[shop_index][0], product, customer_id, remedy),
            )
            # Numbers from the blocks the demo's documents issue to the shop (see demo/documents.py).
            contract = (f"{forms}{shop_index * 1000 + int(random_() * contract_spans[shop_index]):05d}"
                        if random_() < 0.7 else "")
            receipt = (f"XS{shop_index * 100000 + int(random_() * receipt_spans[shop_index]):07d}"
                       if random_() < 0.6 else "")
            complaints.append((
                cid, number, customer_id, shops[shop_index][0], product, contract, receipt, category, severity,
                SEVERITY_RANKS[severity], channels[seq], remedy, description, int(major_reason is not None),
                major_reason, status, who, ack_due, resolve_due, ack_at, resolved_at, closed_at, close_outcome,
                dup_id, resolution, fen, satisfaction, version, created, updated,
                remedy if resolved_at is not None else None,  # the demo desk grants what was asked
            ))
            if fate != "duplicate":
                earlier.append((cid, number, customer_id))
        return complaints, customers
