"""The intake form's warning that the same caller complained about the same shop lately."""

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from ...i18n import t
from ...services.complaints.intake import recent_duplicates
from ...services.complaints.read import find_complaint
from ...services.context import Desk
from ...store.db import connection
from ..language import FollowsLanguage


class DuplicateWarning(FollowsLanguage, Static):
    """Earlier complaints of one phone about one shop within 14 days; hidden when there are none."""

    DEFAULT_CSS = """
    DuplicateWarning {
        display: none;
        height: auto;
        margin-top: 1;
        padding: 0 1;
        color: $text-warning;
        background: $warning-muted;
    }
    DuplicateWarning.-shown {
        display: block;
    }
    """

    class Changed(Message):
        """The warning appeared, changed or went away."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.numbers: list[str] = []
        self.first_id: int | None = None  # the newest earlier complaint, for opening it
        self._asked: tuple[str, str] = ("", "")

    def check(self, desk: Desk, phone: str | None, shop_code: str | None) -> None:
        """Look again for `phone` + `shop_code`; either missing clears the warning."""
        if not phone or not shop_code:
            self._asked = ("", "")
            self._set([], None)
            return
        self._asked = (phone, shop_code)
        self._find(desk, phone, shop_code)

    @work(thread=True, exclusive=True, group="duplicate-warning")
    def _find(self, desk: Desk, phone: str, shop_code: str) -> None:
        worker = get_current_worker()
        try:
            with connection():
                numbers = recent_duplicates(phone, shop_code, desk.clock())
                first_id = find_complaint(numbers[0]).id if numbers else None
        except Exception:  # a missed warning must not cost the operator the form
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._found, phone, shop_code, numbers, first_id)

    def _found(self, phone: str, shop_code: str, numbers: list[str], first_id: int | None) -> None:
        if (phone, shop_code) == self._asked:  # else the form moved on while we looked
            self._set(numbers, first_id)

    def _set(self, numbers: list[str], first_id: int | None) -> None:
        changed = (numbers, first_id) != (self.numbers, self.first_id)
        self.numbers, self.first_id = numbers, first_id
        self.refresh_language()
        if changed:
            self.post_message(self.Changed())

    def refresh_language(self) -> None:
        """Draw the warning in the current language."""
        numbers = self.numbers
        if numbers:
            shown = ", ".join(numbers[:3]) + (" …" if len(numbers) > 3 else "")
            self.update(Text(t("intake.duplicate.warning", numbers=shown, first=numbers[0])))
        else:
            self.update(Text(""))
        self.set_class(bool(numbers), "-shown")
