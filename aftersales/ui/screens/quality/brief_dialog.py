"""Writing the monthly market-information brief (PDF or XLSX) for the other departments."""

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from .... import i18n
from ....domain.errors import DeskError, InvalidInput
from ...dialogs.file_field import default_folder, path_refusal, typed_path
from ...dialogs.form_dialog import FormDialog
from ..penalties.dialogs import FORM_CSS, compact_input, field_row
from ..scorecards.period import valid_period


class BriefDialog(FormDialog[str]):
    """The month and the file; the file's ending chooses PDF or XLSX."""

    DEFAULT_CSS = FORM_CSS
    save_key = "quality_view.brief.write"

    def __init__(self, period: str) -> None:
        super().__init__()
        self.period = period

    def title_text(self) -> str:
        return i18n.t("quality_view.brief.dialog_title")

    def compose_fields(self) -> ComposeResult:
        yield field_row("quality_view.brief.period", compact_input(self.period, "period", 7, classes="narrow"))
        yield self.field_error("period")
        default = str(default_folder() / f"brief-{self.period}.pdf")
        yield field_row("quality_view.brief.path", compact_input(default, "path", 500))
        yield self.field_error("path")
        yield Static(Text(i18n.t("quality_view.brief.hint")), classes="summary")

    def on_mount(self) -> None:
        self.query_one("#field-path", Input).focus()

    def values(self) -> dict[str, Any]:
        text = self.query_one("#field-period", Input).value
        period = valid_period(text)
        if period is None:
            raise InvalidInput("not a month", {"period": i18n.t("scorecard.no_period", period=text.strip())})
        path, suffix = typed_path(self, ("pdf", "xlsx"), "quality_view.brief.bad_suffix")
        return {"period": period, "path": path, "fmt": suffix}

    def perform(self, values: dict[str, Any]) -> str:
        from ....services.quality.brief import write_brief

        try:
            written = write_brief(values["period"], values["path"], values["fmt"], i18n.words())
        except OSError as exc:
            raise path_refusal(exc) from exc
        except DeskError as exc:
            raise InvalidInput(str(exc), {"period": i18n.error_text(exc)}) from exc
        return i18n.t("quality_view.brief.written", path=written)
