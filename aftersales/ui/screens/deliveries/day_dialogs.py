"""The board's small dialogs: choosing a day, and writing the day's run sheet to a file."""

from datetime import date
from pathlib import Path
from typing import Any

from textual.app import ComposeResult

from .... import i18n
from ....domain.errors import InvalidInput
from ....services.deliveries.runsheet import export_runsheet
from ....services.transfer.exports import ExportFormat
from ...dialogs.file_field import path_refusal
from ...dialogs.form_dialog import FormDialog, PickDialog, filled_input
from ...dialogs.form_rows import form_row


def parse_day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"not a date: {text!r}", {field: i18n.t("validation.date")}) from None


class DayDialog(PickDialog[date]):
    """Which day the board shows."""

    long_labels = True
    title_key = "deliveries.dialog.day_title"
    field = "day"

    def compose_fields(self) -> ComposeResult:
        yield form_row(i18n.t("deliveries.dialog.date"), filled_input(self.current.isoformat(), id="field-day",
                                                                      max_length=10, compact=True))
        yield self.field_error("day")

    def values(self) -> dict[str, Any]:
        return {"day": parse_day(self.query_one("#field-day").value, "day")}  # type: ignore[attr-defined]


class RunsheetDialog(FormDialog[tuple[Path, int]]):
    """Write the run sheet of the board's day; the file's suffix (.csv or .xlsx) picks the format."""

    long_labels = True

    def __init__(self, day: date, folder: Path | None = None) -> None:
        super().__init__()
        self.day = day
        self.folder = folder or Path.cwd()

    def title_text(self) -> str:
        return i18n.t("deliveries.dialog.runsheet_title", day=self.day.isoformat())

    def compose_fields(self) -> ComposeResult:
        proposal = str(self.folder / f"runsheet-{self.day.isoformat()}.csv")
        yield form_row(i18n.t("deliveries.dialog.file"), filled_input(proposal, id="field-out", compact=True))
        yield self.field_error("out")

    def values(self) -> dict[str, Any]:
        text = self.query_one("#field-out").value.strip()  # type: ignore[attr-defined]
        if not text:
            raise InvalidInput("no file", {"out": i18n.t("validation.required")})
        return {"out": Path(text).expanduser()}

    def perform(self, values: dict[str, Any]) -> tuple[Path, int]:
        out: Path = values["out"]
        fmt = ExportFormat.XLSX if out.suffix.lower() == ".xlsx" else ExportFormat.CSV
        try:
            return out, export_runsheet(self.day, out, fmt, i18n.words())
        except OSError as exc:
            raise path_refusal(exc, "out") from exc
