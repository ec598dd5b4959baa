"""A stand-in for the desk shell (the small app API the intake form relies on) and typing helpers."""

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Select, TextArea

from aftersales import i18n
from aftersales.domain.enums import Category, Remedy
from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.ui.screens.complaints.intake import IntakeScreen
from aftersales.ui.session import DeskSession
from aftersales.ui.widgets.field_error import FieldError
from aftersales.ui.widgets.shop_picker import ShopPicker

from .harness import press, settle

SIZE = (120, 36)


class IntakeHarness(App[None]):
    """Pushes the intake form and records what the form asks of the app."""

    def __init__(self, session: DeskSession) -> None:
        super().__init__()
        self.session = session
        self.opened: list[int] = []
        self.sections: list[str] = []
        self.changes = 0

    def on_mount(self) -> None:
        self.open_intake()

    def open_intake(self) -> None:
        self.push_screen(IntakeScreen())

    def open_complaint(self, complaint_id: int) -> None:
        self.opened.append(complaint_id)

    def show_section(self, name: str) -> None:
        self.sections.append(name)

    def data_changed(self) -> None:
        self.changes += 1


def intake_app(target: str, desk: Desk, staff: dict[str, StaffView]) -> IntakeHarness:
    """The intake form on the test database, taken by op01."""
    return IntakeHarness(DeskSession(target, desk, staff["op01"]))


async def paste(pilot: Pilot[None], text: str) -> None:
    """Paste `text` into the focused field, as a terminal delivers a paste (typing it takes minutes)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def error_of(app: App[None], field: str) -> str:
    """The inline error under `field` as the operator reads it."""
    return app.screen.query_one(f"#error-{field}", FieldError).message


async def type_valid_complaint(pilot: Pilot[None], *, shop: str = "欧派") -> None:
    """Phone, name, shop, category, remedy, description and product, all by key presses."""
    await settle(pilot)
    await press(pilot, *"13900001111", "tab")
    await pilot.press(*"钱多多", "tab")
    await press(pilot, *shop)
    await press(pilot, "enter")  # choose the highlighted shop, move on to the category
    screen = pilot.app.screen
    assert screen.focused is screen.query_one("#category", Select)
    # Open the list, type-to-search its label in the current language, choose it.
    await pilot.press("enter", *i18n.label(Category.PRODUCT_QUALITY), "enter")
    screen.query_one("#remedy", Select).focus()
    await pilot.press("enter", *i18n.label(Remedy.REPAIR), "enter")
    screen.query_one("#description", TextArea).focus()
    await press(pilot, *"沙发腿断裂 要求上门维修", "tab", *"布艺沙发")


def typed_values(app: App[None]) -> dict[str, object]:
    """Every value the form holds, including the shop filter text."""
    screen = app.screen
    assert isinstance(screen, IntakeScreen)
    return {**screen.form_data(), "shop_text": screen.query_one(ShopPicker).filter_text}
