"""The shifts the demo plants in its otherwise stationary complaint figures, for the quality signals to find.

Every series of the demo (shop, brand, shop category) has complaints in proportion to the sales documents
its shops were issued each month, with Poisson noise, except for what `PLANTED` lists. A shift is placed
by months back from the demo's day: `ends_back` 1 is the last complete month before the demo's month.
"""

from dataclasses import dataclass
from datetime import date

SOFAS = ("布艺沙发", "真皮沙发", "功能沙发")


@dataclass(frozen=True)
class Shift:
    kind: str  # "spike": one month's count is `factor` times its usual; "drift": `factor` more each month
    scope: str  # "shop" (key: shop code) or "brand" (key: shop.brand)
    key: str
    name: str  # the shop's name or the brand, as a person would look for it
    products: tuple[str, ...]  # the products whose complaints rose (all the scope sells)
    months: int  # how many months the shift lasts, ending `ends_back` months before the demo's month
    ends_back: int
    factor: float


# 芝华仕沙发 sells sofas only: its sofa complaints triple in the last complete month.
SOFA_SPIKE = Shift("spike", "shop", "S008", "芝华仕沙发", SOFAS, months=1, ends_back=1, factor=3.0)
# The brand's two shops drift up 20 % a month, compounding, over the six months up to the last complete one
# (and stay at that level in the demo's own month).
BRAND_DRIFT = Shift("drift", "brand", "马可波罗瓷砖", "马可波罗瓷砖", (), months=6, ends_back=1, factor=1.2)
PLANTED = [SOFA_SPIKE, BRAND_DRIFT]
# A shop planted nowhere, for checking that an ordinary series stays within its noise.
STATIONARY_SHOP = "S011"
# Below this many complaints the demo's months are too thin to plant anything beyond the expected rise.
PLANT_MINIMUM = 200


def months_back(shift: Shift) -> list[int]:
    """Months back from the demo's month (1 = the last complete one), oldest first."""
    return list(range(shift.ends_back + shift.months - 1, shift.ends_back - 1, -1))


def months_of(shift: Shift, today: date) -> list[str]:
    """The shift's months as "YYYY-MM", oldest first, for a demo built on `today`."""
    out = []
    for back in months_back(shift):
        index = today.year * 12 + today.month - 1 - back
        out.append(f"{index // 12:04d}-{index % 12 + 1:02d}")
    return out
