"""The intake form's line under a contract or receipt number: which shop the number was issued to."""

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from ....domain.documents.enums import DocumentKind, NumberState
from ....domain.documents.schemas import NumberLookup
from ....i18n import label, t
from ....services.documents.read import number_on_complaint
from ...background import run_in_background
from ...language import FollowsLanguage

DEBOUNCE_S = 0.3


@dataclass
class NumberLookedUp(Message):
    """What the ranges say of `number` (None: no range holds it)."""

    number: str
    found: NumberLookup | None


class DocumentCheck(FollowsLanguage, Static):
    """Says which shop had the number typed above it; warns (without refusing) when no range holds it."""

    DEFAULT_CSS = """
    DocumentCheck {
        display: none;
        height: auto;
        padding: 0 0 0 15;
        color: $text-success;
    }
    DocumentCheck.-shown {
        display: block;
    }
    DocumentCheck.-warning {
        color: $text-warning;
    }
    """

    def __init__(self, kind: DocumentKind, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.kind = kind
        self.number = ""
        self.shop_code = ""
        self.found: NumberLookup | None = None
        self._timer: Timer | None = None

    def check(self, number: str, shop_code: str) -> None:
        """Look the number up again shortly (typing restarts the wait); empty hides the line."""
        self.number, self.shop_code = number.strip(), shop_code
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.number:
            self.found = None
            self.refresh_language()
            return
        self._timer = self.set_timer(DEBOUNCE_S, lambda: self._look_up(self.number))

    def shop_chosen(self, shop_code: str) -> None:
        """The form's shop changed: say again whether the number belongs to it."""
        self.shop_code = shop_code
        self.refresh_language()

    def _look_up(self, number: str) -> None:
        # A missed hint must not cost the operator the form: a failed look-up says nothing.
        run_in_background(self, lambda: NumberLookedUp(number, number_on_complaint(number, self.kind)),
                          group="document-check", failed=None)

    def on_number_looked_up(self, message: NumberLookedUp) -> None:
        message.stop()
        if message.number == self.number:  # else the operator typed on while we looked
            self.found = message.found
            self.refresh_language()

    def refresh_language(self) -> None:
        """Draw the line in the current language."""
        found, kind = self.found, label(self.kind)
        warning = False
        if not self.number:
            text = ""
        elif found is None:
            text, warning = t("documents.intake.unknown", kind=kind, number=self.number), True
        elif found.issued_at is None:
            text, warning = t("documents.intake.state", kind=kind, number=found.written, state=label(found.state),
                              shop=t("documents.desk")), True
        else:
            holder = found.holder_code
            if self.shop_code and holder and holder != self.shop_code:
                text, warning = t("documents.intake.other_shop", kind=kind, number=found.written, shop=holder), True
            else:
                zone = self.app.session.desk.sla.zone  # type: ignore[attr-defined]
                shop_name = found.shop_name if found.shop_code == holder else ""
                text = t("documents.intake.known", kind=kind, number=found.written, shop=holder, name=shop_name,
                         date=f"{found.issued_at.astimezone(zone):%Y-%m-%d}")
                if found.state is not NumberState.ISSUED:
                    text += f" · {label(found.state)}"
        self.update(Text(text))
        self.set_class(bool(text), "-shown")
        self.set_class(warning, "-warning")
