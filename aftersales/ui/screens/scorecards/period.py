"""Choosing the month the scorecards show."""

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input

from .... import i18n
from ....domain.errors import InvalidInput
from ...dialogs.form_dialog import PickDialog
from ..directory.fields import line, text_field

_DIGITS = "0123456789"


def valid_period(text: str) -> str | None:
    """`text` as YYYY-MM when it is a month, else None."""
    clean = text.strip()
    if len(clean) == 7 and clean[4] == "-" and all(c in _DIGITS for c in clean[:4] + clean[5:]):
        return clean if 1 <= int(clean[5:]) <= 12 else None
    return None


def shifted(period: str, months: int) -> str:
    """The month `months` after (before, when negative) `period`."""
    index = int(period[:4]) * 12 + int(period[5:]) - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


class PeriodDialog(PickDialog[str]):
    """A month, typed as YYYY-MM; nothing is stored, the chosen month comes back."""

    save_key = "shops.key.period"
    title_key = "scorecard.period_title"
    field = "period"

    def compose_fields(self) -> ComposeResult:
        yield line("period", "scorecard.period_field", text_field("period", self.current, max_length=7))

    def values(self) -> dict[str, Any]:
        text = self.query_one("#field-period", Input).value
        period = valid_period(text)
        if period is None:
            raise InvalidInput("not a month", {"period": i18n.t("scorecard.no_period", period=text.strip())})
        return {"period": period}
