"""Choosing a shop by typing part of its Chinese name or its code."""

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.schemas import ShopView
from ...i18n import t
from ...services.complaints.read import list_shops
from ..background import failure_text, run_in_background
from ..language import FollowsLanguage
from ..messages import LoadFailed

# Enough to pick from while typing; narrowing the text finds the rest.
MATCH_LIMIT = 50


@dataclass
class ShopsMatched(Message):
    """The active shops matching `text` (the first MATCH_LIMIT)."""

    text: str
    shops: list[ShopView]


class ShopOptions(OptionList, can_focus=False):
    """Matching shops; driven from the filter input so tab order stays on the form."""


class ShopPicker(FollowsLanguage, Vertical):
    """A filter Input over the active shops; `enter` (or a click) chooses the highlighted one."""

    DEFAULT_CSS = """
    ShopPicker {
        height: auto;
        width: 1fr;
    }
    ShopPicker ShopOptions {
        height: auto;
        max-height: 5;
        border: none;
        padding: 0;
    }
    ShopPicker.-chosen ShopOptions, ShopPicker.-no-matches ShopOptions {
        display: none;
    }
    ShopPicker #shop-status {
        height: auto;
        color: $text-muted;
    }
    ShopPicker #shop-status.-empty {
        display: none;
    }
    ShopPicker.-chosen #shop-status {
        color: $text-success;
    }
    """

    BINDINGS = [
        Binding("down", "move(1)", "intake.binding.next_shop", show=False, id="shop_picker.next"),
        Binding("up", "move(-1)", "intake.binding.previous_shop", show=False, id="shop_picker.previous"),
    ]

    class Chosen(Message):
        """The chosen shop changed (None: the choice was cleared by editing the text)."""

        def __init__(self, picker: "ShopPicker", shop: ShopView | None) -> None:
            super().__init__()
            self.picker = picker
            self.shop = shop

        @property
        def control(self) -> "ShopPicker":
            return self.picker

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shop: ShopView | None = None
        self._matches: list[ShopView] = []
        self._failure: Exception | None = None  # why the shops could not be read

    def compose(self) -> ComposeResult:
        yield Input(placeholder=t("intake.placeholder.shop"), id="shop-filter", compact=True, select_on_focus=False)
        yield ShopOptions(id="shop-options")
        yield Static("", id="shop-status", markup=False, classes="-empty")

    def on_mount(self) -> None:
        self._load("")

    @property
    def filter_text(self) -> str:
        return self.query_one("#shop-filter", Input).value

    @on(Input.Changed, "#shop-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if self.shop is not None and event.value == self.shop.name:
            return  # the name we put there ourselves after a choice
        if self.shop is not None:
            self.shop = None
            self.remove_class("-chosen")
            self.post_message(self.Chosen(self, None))
        self._load(event.value.strip())

    @on(Input.Submitted, "#shop-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        options = self.query_one(ShopOptions)
        if self.shop is None and options.highlighted is not None:
            self._choose(options.highlighted)

    @on(OptionList.OptionSelected, "#shop-options")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def action_move(self, step: int) -> None:
        """Move the highlight through the matches while typing."""
        options = self.query_one(ShopOptions)
        if self.shop is not None or not options.option_count:
            return
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def refresh_language(self) -> None:
        """Texts in the language just chosen; the typed filter and the choice stay."""
        self.query_one("#shop-filter", Input).placeholder = t("intake.placeholder.shop")
        self._draw_status()

    def _draw_status(self) -> None:
        shop, text = self.shop, self.filter_text.strip()
        if shop is not None:
            status = Text(t("intake.shop.chosen", code=shop.code, name=shop.name, unit=shop.unit))
        elif self._failure is not None:
            status = Text(failure_text(self._failure, "intake.shop.failed"))
        elif text and not self._matches:
            status = Text(t("intake.shop.none_found", text=text))
        else:
            status = Text("")
        widget = self.query_one("#shop-status", Static)
        widget.update(status)
        widget.set_class(not status.plain, "-empty")

    def _choose(self, index: int) -> None:
        if not 0 <= index < len(self._matches):
            return
        shop = self._matches[index]
        self.shop = shop
        self.add_class("-chosen")
        self.query_one("#shop-filter", Input).value = shop.name
        self._draw_status()
        self.post_message(self.Chosen(self, shop))

    def _load(self, text: str) -> None:
        """Fetch the shops matching `text` off the event loop (a broken database must not end the form)."""
        run_in_background(self, lambda: ShopsMatched(text, list_shops(text, limit=MATCH_LIMIT)), group="shop-picker",
                          failed="intake.shop.failed")

    def on_shops_matched(self, message: ShopsMatched) -> None:
        message.stop()
        text, shops = message.text, message.shops
        if self.shop is not None or text != self.filter_text.strip():
            return  # an answer to text that is no longer in the box
        self._matches = shops
        self._failure = None
        options = self.query_one(ShopOptions)
        options.set_options(
            Option(Text(f"{s.code}  {s.name}  {s.unit}", overflow="ellipsis", no_wrap=True), id=s.code)
            for s in shops
        )
        options.highlighted = 0 if shops else None
        self.set_class(not shops, "-no-matches")
        self._draw_status()

    def on_load_failed(self, message: LoadFailed) -> None:
        message.stop()
        self._failure = message.error
        self._draw_status()
