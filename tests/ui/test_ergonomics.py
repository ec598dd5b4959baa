"""Measured ergonomics: a standard complaint typed from the dashboard, counting the keys that are not its text."""

import pytest
from textual.pilot import Pilot

from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.store.models import Complaint
from aftersales.ui.app import DeskApp
from aftersales.ui.screens.complaints.detail import DetailScreen

from .harness import LoggedIn, press, settle

MOST_KEYS = 12
# The call as an operator takes it: (what is typed, keys that are not that text).
STANDARD_CALL: list[tuple[str, list[str]]] = [
    ("", ["n"]),  # new complaint, from the dashboard
    ("13900001111", ["tab"]),  # the phone; a new customer
    ("钱多多", ["tab"]),  # the name
    ("欧派", ["enter"]),  # two characters of the shop's name; enter takes the highlighted shop
    ("", ["1"]),  # category: 1 Product quality
    ("", ["3"]),  # severity: 3 High
    ("", ["tab"]),  # channel stays Phone
    ("", ["1"]),  # remedy: 1 Repair
    ("", ["tab"]),  # past "major incident"
    ("沙发腿断裂 要求上门维修", ["f10"]),  # the description, then save
]


async def _take_the_call(pilot: Pilot[None], app: DeskApp) -> int:
    """Type STANDARD_CALL with real key presses; returns how many keys were not the complaint's text."""
    counted = 0
    for text, keys in STANDARD_CALL:
        if text:
            await press(pilot, *text)
        for key in keys:
            await pilot.press(key)
            counted += 1
            await settle(pilot)
    return counted


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
@pytest.mark.parametrize("language", ["en", "zh_CN"])
async def test_a_standard_complaint_takes_at_most_twelve_keys_besides_its_text(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView], size: tuple[int, int], language: str
) -> None:
    async with logged_in("op01", language=language, size=size) as (app, pilot):
        counted = await _take_the_call(pilot, app)
        assert isinstance(app.screen, DetailScreen)
        stored = Complaint.get()
        assert stored.customer.phone == "13900001111"
        assert (stored.customer.name, stored.shop.code, stored.category, stored.severity, stored.channel,
                stored.remedy) == ("钱多多", "S001", "product_quality", "high", "phone", "repair")
        assert stored.description == "沙发腿断裂 要求上门维修"
    assert counted == 10 <= MOST_KEYS
