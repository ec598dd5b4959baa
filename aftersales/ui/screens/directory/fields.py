"""Form lines of the directory dialogs: a label beside a compact field, its error underneath."""

from datetime import date
from enum import StrEnum
from typing import Any

from textual.containers import Vertical
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from .... import i18n
from ....domain.errors import InvalidInput
from ...dialogs.form_dialog import filled_input
from ...dialogs.form_rows import form_row
from ...widgets.choice_select import ChoiceSelect


def line(name: str, label_key: str, widget: Widget) -> Vertical:
    """`label  [field]` and, under it, the place for the field's error (id `error-<name>`)."""
    error = Static("", id=f"error-{name}", classes="field-error -empty")
    return Vertical(form_row(i18n.t(label_key), widget), error, classes="form-field")


def text_field(name: str, value: str = "", **kwargs: Any) -> Input:
    return filled_input(value, id=f"field-{name}", compact=True, **kwargs)


def choice_field(name: str, enum: type[StrEnum], value: str | None) -> ChoiceSelect:
    options = [(i18n.label(member), member.value) for member in enum]
    return ChoiceSelect(options, id=f"field-{name}", value=value if value is not None else Select.NULL,
                  allow_blank=value is None, prompt=i18n.t("directory.choose"), compact=True)


def typed_dates(dialog: DOMNode, *names: str) -> dict[str, date | None]:
    """The dates typed as YYYY-MM-DD in `dialog`'s fields `names` (an empty one: None); every wrong one is
    refused under its field."""
    dates: dict[str, date | None] = {}
    errors: dict[str, str] = {}
    for name in names:
        text = dialog.query_one(f"#field-{name}", Input).value.strip()
        try:
            dates[name] = date.fromisoformat(text) if text else None
        except ValueError:
            errors[name] = i18n.t("visits.validation.date")
    if errors:
        raise InvalidInput("dates", errors)
    return dates


def chosen(select: Select[str]) -> str:
    """The value of a choice, or "" when none was made (the service then names the field)."""
    value = select.value
    return "" if value is Select.NULL else str(value)
