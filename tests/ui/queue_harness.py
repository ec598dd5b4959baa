"""Helpers for the queue and detail tests: varied complaints, the desk opened on them, screen text."""

from datetime import timedelta
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.ui.app import DeskApp
from tests.factories import new_complaint

from .conftest import make_app

SHOPS = ["S001", "S002", "S003"]
CATEGORIES = ["product_quality", "delivery_delay", "installation", "missing_parts", "price_dispute"]
SEVERITIES = ["low", "normal", "high", "critical"]
NAMES = ["赵敏", "钱伟", "孙丽", "李强", "周杰", "吴芳", "Smith", "郑爽"]
PRODUCTS = ["布艺沙发", "实木餐桌", "瓷砖", "马桶", "oak wardrobe", "吸顶灯"]


def seed_complaints(desk: Desk, actor: StaffView, count: int) -> None:
    """`count` varied complaints, one minute apart, the newest received just before the desk's now."""
    now = desk.clock()
    for i in range(count):
        new_complaint(
            desk, actor,
            phone=f"139{i:08d}",
            customer_name=NAMES[i % len(NAMES)],
            shop_code=SHOPS[i % len(SHOPS)],
            product=PRODUCTS[i % len(PRODUCTS)],
            category=CATEGORIES[i % len(CATEGORIES)],
            severity=SEVERITIES[i % len(SEVERITIES)],
            description=f"第{i}号投诉：{PRODUCTS[i % len(PRODUCTS)]}有问题，complaint number {i}",
            received_at=now - timedelta(minutes=count - i),
        )


def desk_app(db_path: Path, actor_code: str = "op01", language: str = "en") -> DeskApp:
    """The desk at the fixed test time, logged in as `actor_code`."""
    return make_app(db_path, language, actor_code)


async def settle(pilot: Pilot[None]) -> None:
    """Wait until database workers and the messages they post have all been handled."""
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_queue(pilot: Pilot[None]) -> None:
    """Go to the complaints section with its key, as an operator would."""
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)


async def open_detail(pilot: Pilot[None], complaint_id: int) -> None:
    """The complaints section with one complaint's detail on top."""
    await open_queue(pilot)
    app = pilot.app
    assert isinstance(app, DeskApp)
    app.open_complaint(complaint_id)
    await settle(pilot)


def screen_text(app: App[None]) -> str:
    """What the terminal shows now, as plain lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
