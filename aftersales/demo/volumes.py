"""How much each demo shop sells and complains, month by month.

Every shop has a size: the contract forms and receipt books it is issued each month are its size times a
common volume, with a little noise. A shop's complaints in a month are Poisson with a mean in proportion to
the documents it was issued then (one rate for the whole mall), so complaints per 1,000 documents are
stationary, except for the shifts of `shifts.PLANTED`: their expected rise is in the means, and the rise is
then made sure of in the drawn counts. The counts are drawn per month and shop, then shared out over the
month's days, busier at weekends.
"""

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .shifts import BRAND_DRIFT, PLANT_MINIMUM, SOFA_SPIKE, months_back

# Whole months before the demo's month: with that month so far, every monthly series has twelve months of
# baseline before the last complete one.
MONTHS_BACK = 13
# What a shop of size 1 is issued a month. A shop's contract block is 1,000 forms a month, and its receipt
# block of 100,000 numbers must last the 14 months at the largest size.
CONTRACTS = 400
RECEIPTS = 3000
SMALLEST, LARGEST = 0.5, 2.0
# The planted shops are a little bigger than most, so their shifts stand out at the default size.
PLANTED_SIZE = 1.5
WEEKEND_WEIGHT = 1.35

ShopKey = tuple[str, str]  # shop code, brand


def month_start(day: date, back: int) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def first_day(today: date) -> date:
    """The first day of the demo's complaints: the 1st of the month MONTHS_BACK before `today`'s."""
    return month_start(today, MONTHS_BACK)


@dataclass(frozen=True)
class Volumes:
    """Documents issued to each shop each month: [month][shop], months oldest first (the last is today's)."""

    months: list[date]
    contracts: list[list[int]]
    receipts: list[list[int]]


def _sizes(shops: list[ShopKey], rng: random.Random) -> list[float]:
    planted = {index for index, (code, brand) in enumerate(shops)
               if code == SOFA_SPIKE.key or brand == BRAND_DRIFT.key}
    sizes = []
    for index in range(len(shops)):
        size = min(max(math.exp(rng.gauss(0.0, 0.4)), SMALLEST), LARGEST)
        sizes.append(PLANTED_SIZE if index in planted else size)
    return sizes


def document_volumes(shops: list[ShopKey], today: date, seed: int) -> Volumes:
    rng = random.Random(f"volumes-{seed}")
    sizes = _sizes(shops, rng)
    months = [month_start(today, back) for back in range(MONTHS_BACK, -1, -1)]
    contracts, receipts = [], []
    for _ in months:
        contracts.append([min(999, round(CONTRACTS * size * (0.85 + 0.3 * rng.random()))) for size in sizes])
        receipts.append([round(RECEIPTS * size * (0.85 + 0.3 * rng.random())) for size in sizes])
    return Volumes(months, contracts, receipts)


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 40:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _multipliers(shops: list[ShopKey], months: int) -> list[list[float]]:
    """The planted shifts' expected rise, [month][shop]."""
    out = [[1.0] * len(shops) for _ in range(months)]
    for back in months_back(SOFA_SPIKE):
        for index, (code, _) in enumerate(shops):
            if code == SOFA_SPIKE.key:
                out[months - 1 - back][index] *= SOFA_SPIKE.factor
    drift = months_back(BRAND_DRIFT)
    for back in range(drift[0], -1, -1):
        step = min(drift[0] - back + 1, BRAND_DRIFT.months)
        for index, (_, brand) in enumerate(shops):
            if brand == BRAND_DRIFT.key:
                out[months - 1 - back][index] *= BRAND_DRIFT.factor ** step
    return out


class _Counts:
    """Complaints per month and shop, drawn, then the planted rises made sure of, then summed back to the total."""

    def __init__(self, shops: list[ShopKey], means: list[list[float]], rng: random.Random) -> None:
        self.shops, self.means, self.rng = shops, means, rng
        self.counts = [[_poisson(rng, mean) for mean in row] for row in means]
        # The planted shops: their counts, baseline included, are left as drawn and planted.
        self.planted: set[int] = set()

    def spike(self) -> None:
        last = len(self.counts) - 1
        for back in months_back(SOFA_SPIKE):
            month = last - back
            for index, (code, _) in enumerate(self.shops):
                if code == SOFA_SPIKE.key and month >= 12:
                    usual = sum(row[index] for row in self.counts[month - 12:month]) / 12
                    target = math.ceil(SOFA_SPIKE.factor * usual)
                    self.counts[month][index] = max(self.counts[month][index], target)
                    self.planted.add(index)

    def drift(self) -> None:
        last = len(self.counts) - 1
        members = [index for index, (_, brand) in enumerate(self.shops) if brand == BRAND_DRIFT.key]
        months = [last - back for back in months_back(BRAND_DRIFT)]
        if not members or months[0] < 1:
            return
        before = [sum(row[i] for i in members) for row in self.counts[:months[0]]]
        usual = sum(before) / len(before)
        previous = usual
        for step, month in enumerate(months, 1):
            target = math.ceil(usual * BRAND_DRIFT.factor ** step)
            if usual >= 1:
                target = max(target, math.floor(previous) + 1)
            now = sum(self.counts[month][i] for i in members)
            if now < target:
                weights = [self.means[month][i] for i in members]
                for index in self.rng.choices(members, weights=weights, k=target - now):
                    self.counts[month][index] += 1
            previous = max(now, target)
        self.planted.update(members)

    def to_total(self, total: int) -> list[list[int]]:
        cells = [(m, s) for m in range(len(self.counts)) for s in range(len(self.shops)) if s not in self.planted]
        rng, counts = self.rng, self.counts
        while True:
            surplus = sum(map(sum, counts)) - total
            if surplus == 0:
                return counts
            if surplus < 0:
                weights = [self.means[m][s] for m, s in cells]
                for m, s in rng.choices(cells, weights=weights, k=-surplus):
                    counts[m][s] += 1
                continue
            weights = [counts[m][s] for m, s in cells]
            if not any(weights):
                raise ValueError("too few complaints for the planted shifts")
            for m, s in rng.choices(cells, weights=weights, k=surplus):
                if counts[m][s] and surplus:
                    counts[m][s] -= 1
                    surplus -= 1


def complaint_counts(shops: list[ShopKey], volumes: Volumes, total: int, today: date, seed: int,
                     today_share: float) -> list[list[int]]:
    """Complaints per month and shop, [month][shop], `total` in all."""
    rng = random.Random(f"counts-{seed}")
    months = len(volumes.months)
    # Today's month so far: whole days before today and today's share of a day.
    days_in_month = (month_start(today, -1) - volumes.months[-1]).days
    coverage = [1.0] * (months - 1) + [(today.day - 1 + today_share) / days_in_month]
    rise = _multipliers(shops, months)
    weights = [[(c + r) * coverage[m] * rise[m][s] for s, (c, r) in enumerate(zip(cs, rs, strict=True))]
               for m, (cs, rs) in enumerate(zip(volumes.contracts, volumes.receipts, strict=True))]
    scale = total / sum(map(sum, weights))
    draw = _Counts(shops, [[w * scale for w in row] for row in weights], rng)
    if total >= PLANT_MINIMUM:
        draw.spike()
        draw.drift()
    return draw.to_total(total)


def daily_picks(counts: list[list[int]], first: date, today: date, seed: int,
                today_share: float) -> Iterator[list[int]]:
    """The shop (index) of each complaint, day by day from `first` to `today`: each month's complaints
    in a random order, shared out over its days, busier at weekends, today only up to its share."""
    rng = random.Random(f"days-{seed}")
    day = first
    for row in counts:
        following = month_start(day, -1)
        days = [day + timedelta(days=i) for i in range(min((following - day).days, (today - day).days + 1))]
        weights = []
        for each in days:
            weight = WEEKEND_WEIGHT if each.weekday() >= 5 else 1.0
            weight *= 0.85 + 0.3 * rng.random()
            weights.append(weight * (today_share if each == today else 1.0))
        picks = [shop for shop, count in enumerate(row) for _ in range(count)]
        rng.shuffle(picks)
        shares = _shares(len(picks), weights)
        if days[-1] == today and picks and not shares[-1]:
            # However small the demo, the desk has taken something today.
            shares[shares.index(max(shares))] -= 1
            shares[-1] = 1
        start = 0
        for count in shares:
            yield picks[start:start + count]
            start += count
        day = following


def _shares(total: int, weights: list[float]) -> list[int]:
    """`total` shared in proportion to `weights` by largest remainders."""
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - weights[i] * scale, i))
    for index in order[: total - sum(counts)]:
        counts[index] += 1
    return counts
