"""Building blocks for tests: staff, shops and complaints written straight to a test database."""

from datetime import UTC, datetime
from functools import cache

from aftersales.demo.catalog import DEMO_STAFF as DEMO_ACCOUNTS
from aftersales.domain.enums import ShopCategory
from aftersales.domain.pins import hash_pin
from aftersales.domain.schemas import ComplaintView, StaffView
from aftersales.services.complaints.intake import create_complaint
from aftersales.services.context import Desk
from aftersales.store.converters import staff_view
from aftersales.store.models import Shop, Staff

# 2026-11-27 10:00 in Shanghai: inside business hours.
NOW = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)

# The demo database's own accounts (the first six: op01, op02, lead01, mgr01, dc01, admin).
DEMO_STAFF = DEMO_ACCOUNTS[:6]

SHOPS = [
    ("S001", "欧派家居", "A-101", ShopCategory.FURNITURE),
    ("S002", "马可波罗瓷砖", "B-205", ShopCategory.TILES),
    ("S003", "TOTO卫浴", "C-310", ShopCategory.SANITARY),
]


@cache
def _pin_hash(pin: str) -> str:
    # scrypt is slow on purpose; tests hash each PIN once.
    return hash_pin(pin, salt=b"test-salt-16byte")


def seed_staff() -> dict[str, StaffView]:
    """The demo accounts, keyed by code."""
    out: dict[str, StaffView] = {}
    for code, name, role, pin in DEMO_STAFF:
        row = Staff.create(code=code, name=name, role=role.value, pin_hash=_pin_hash(pin), created_at=NOW)
        out[code] = staff_view(row)
    return out


def seed_shops() -> None:
    for code, name, unit, category in SHOPS:
        Shop.create(code=code, name=name, unit=unit, category=category.value)


def complaint_data(**overrides: object) -> dict[str, object]:
    """A valid intake, changed by `overrides`."""
    data: dict[str, object] = {
        "phone": "13812345678",
        "customer_name": "赵敏",
        "shop_code": "S001",
        "product": "布艺沙发",
        "category": "product_quality",
        "severity": "normal",
        "channel": "phone",
        "remedy": "repair",
        "description": "沙发腿断裂，要求上门维修",
    }
    data.update(overrides)
    return data


def new_complaint(desk: Desk, actor: StaffView, **overrides: object) -> ComplaintView:
    return create_complaint(desk, actor, complaint_data(**overrides))
