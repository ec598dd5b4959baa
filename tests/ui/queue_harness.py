"""Varied complaints for the queue and detail tests."""

from datetime import timedelta

from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from tests.factories import new_complaint

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
