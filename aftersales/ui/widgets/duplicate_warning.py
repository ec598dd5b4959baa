"""The intake form's warning that the same caller complained about the same shop lately."""

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from ...i18n import t
from ...services.complaints.intake import recent_duplicates
from ...services.complaints.read import find_complaint
from ...services.context import Desk
from ..background import run_in_background
from ..breakpoints import HORIZONTAL
from ..language import FollowsLanguage

NARROW_BELOW = HORIZONTAL[1][0]  # columns


@dataclass
class DuplicatesFound(Message):
    """Earlier complaints of `phone` about `shop_code` (numbers, newest first; the newest's id)."""

    phone: str
    shop_code: str
    numbers: list[str]
    first_id: int | None


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

    def on_resize(self) -> None:
        self.refresh_language()

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

    def _find(self, desk: Desk, phone: str, shop_code: str) -> None:
        def find() -> DuplicatesFound:
            numbers = recent_duplicates(phone, shop_code, desk.clock())
            first_id = find_complaint(numbers[0]).id if numbers else None
            return DuplicatesFound(phone, shop_code, numbers, first_id)

        # A missed warning must not cost the operator the form: a failed look-up says nothing.
        run_in_background(self, find, group="duplicate-warning", failed=None)

    def on_duplicates_found(self, message: DuplicatesFound) -> None:
        message.stop()
        if (message.phone, message.shop_code) == self._asked:  # else the form moved on while we looked
            self._set(message.numbers, message.first_id)

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
            text = t("intake.duplicate.warning", numbers=shown, first=numbers[0])
            room = self.content_region.width
            if room and cell_len(text) > room and self.app.size.width < NARROW_BELOW:
                # Too long for one line of a narrow terminal: what was found, then the key that opens it, each
                # whole on its own line (a wider one keeps the one sentence).
                text = t("intake.duplicate.found", numbers=shown) + "\n" + t("intake.duplicate.open", first=numbers[0])
            self.update(Text(text))
        else:
            self.update(Text(""))
        self.set_class(bool(numbers), "-shown")
