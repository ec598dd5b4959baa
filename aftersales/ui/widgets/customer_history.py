"""What the intake form knows about the caller: new or returning, and their last complaints."""

from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from rich.console import RenderableType
from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from ...domain.schemas import QueueRow
from ...i18n import label, t
from ...services.complaints.read import customer_history, customer_name
from ..background import failure_text, run_in_background
from ..language import FollowsLanguage
from ..messages import LoadFailed

HISTORY_ROWS = 5
SHOP_CELLS = 16


@dataclass
class LookUpFailed(LoadFailed):
    """The look-up of `phone` failed; `text` says why."""

    phone: str


class CustomerHistory(FollowsLanguage, Static):
    """A caller's latest complaints (number, date, shop, status) under the phone field."""

    DEFAULT_CSS = """
    CustomerHistory {
        height: auto;
        max-height: 7;
        padding-left: 2;
        color: $text-muted;
    }
    CustomerHistory.-empty {
        display: none;
    }
    """

    def __init__(self, zone: ZoneInfo, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="-empty")
        self.zone = zone
        self.rows: list[QueueRow] = []
        self.phone = ""  # the number whose caller is shown or being looked up
        self._redraw: Callable[[], None] = self.clear

    @dataclass
    class Found(Message):
        """The caller behind `phone` is known as `name` (None: a new customer)."""

        phone: str
        name: str | None

    @dataclass
    class Looked(Message):
        """The look-up of `phone` came back: the caller's name (None: new) and latest complaints."""

        phone: str
        name: str | None
        rows: list[QueueRow]

    def look_up(self, phone: str) -> None:
        """Find the caller of `phone` (a stored-form number); the answer arrives as Found."""
        self.phone = phone
        self.show_looking()
        self._look_up(phone)

    def forget(self) -> None:
        """The phone field no longer holds a whole number."""
        self.phone = ""
        self.clear()

    def _look_up(self, phone: str) -> None:
        def look() -> CustomerHistory.Looked:
            name = customer_name(phone)
            rows = customer_history(phone, limit=HISTORY_ROWS) if name is not None else []
            return self.Looked(phone, name, rows)

        # The form stays usable when the look-up fails; the line says why.
        run_in_background(self, look, group="customer-history", failed="intake.history.failed",
                          failure=lambda text, error: LookUpFailed(text, error, phone))

    def on_look_up_failed(self, message: LookUpFailed) -> None:
        message.stop()
        if message.phone == self.phone:
            self.phone = ""  # so leaving the field tries again
            self.show_failed(message.error)

    def on_customer_history_looked(self, message: Looked) -> None:
        message.stop()
        if message.phone != self.phone:
            return  # the phone was changed while we looked
        self.show_rows(message.rows)
        self.post_message(self.Found(message.phone, message.name))

    def show_looking(self) -> None:
        self._redraw = self.show_looking
        self._show(Text(t("intake.history.looking")), [])

    def show_failed(self, error: Exception) -> None:
        self._redraw = lambda: self.show_failed(error)
        self._show(Text(failure_text(error, "intake.history.failed")), [])

    def clear(self) -> None:
        self._redraw = self.clear
        self._show(Text(""), [])

    def refresh_language(self) -> None:
        """Draw the same state again in the language just chosen."""
        self._redraw()

    def _show(self, content: RenderableType, rows: list[QueueRow]) -> None:
        self.rows = rows
        self.update(content)
        self.set_class(isinstance(content, Text) and not content.plain, "-empty")

    def show_rows(self, rows: list[QueueRow]) -> None:
        """Render the caller's complaints, or say this is a new customer."""
        self._redraw = lambda: self.show_rows(rows)
        if not rows:
            self._show(Text(t("intake.history.new_customer")), [])
        else:
            self._show(self._render_rows(rows), rows)

    def _render_rows(self, rows: list[QueueRow]) -> Text:
        out = Text(t("intake.history.returning", count=len(rows)), style="bold", no_wrap=True)
        for row in rows:
            day = row.created_at.astimezone(self.zone).strftime("%Y-%m-%d")
            # Shop names are typed by people: plain Text, never markup; cut to a fixed width in cells.
            shop = Text(row.shop_name)
            shop.truncate(SHOP_CELLS, overflow="ellipsis", pad=True)
            out.append(f"\n{row.number}  {day}  ")
            out.append(shop)
            out.append("  " + label(row.status))
        return out
