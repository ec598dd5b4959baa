"""Exporting a payroll month to a file for finance, and finalising (locking) it."""

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from .... import i18n
from ....domain.penalties.months import next_month
from ....domain.penalties.schemas import PayrollReport
from ....services.penalties.payroll import finalise_month, payroll_report
from ....services.penalties.payroll_files import PayrollFormat, write_payroll
from ...dialogs.file_field import default_folder, path_refusal, typed_path
from ...dialogs.form_dialog import FormDialog
from .dialogs import FORM_CSS, compact_input, field_row
from .wording import money


class ExportDialog(FormDialog[tuple[Path, int]]):
    """Where to write the month: a new .xlsx or .csv file."""

    DEFAULT_CSS = FORM_CSS
    save_key = "penalties.key.export"

    def __init__(self, month: str, folder: Path | None = None) -> None:
        super().__init__()
        self.month = month
        self.folder = folder or default_folder()

    def title_text(self) -> str:
        return i18n.t("penalties.export.title", month=self.month)

    def compose_fields(self) -> ComposeResult:
        default = str(self.folder / f"payroll-{self.month}.xlsx")
        yield field_row("penalties.export.path", compact_input(default, "path", 500))
        yield self.field_error("path")
        yield Static(Text(i18n.t("penalties.export.hint")), classes="summary")

    def on_mount(self) -> None:
        self.query_one("#field-path", Input).focus()

    def values(self) -> dict[str, Any]:
        path, suffix = typed_path(self, ("csv", "xlsx"), "penalties.export.bad_suffix")
        return {"path": path, "format": PayrollFormat(suffix)}

    def perform(self, values: dict[str, Any]) -> tuple[Path, int]:
        session = self.session
        assert session.actor is not None
        report = payroll_report(session.desk, session.actor, self.month)
        try:
            count = write_payroll(report, values["path"], values["format"], session.desk.penalties, i18n.words())
        except OSError as exc:
            raise path_refusal(exc) from exc
        return values["path"], count


class FinaliseDialog(FormDialog[PayrollReport]):
    """Lock a payroll month, its consequence spelt out first."""

    DEFAULT_CSS = FORM_CSS
    save_key = "penalties.key.finalise"

    def __init__(self, report: PayrollReport) -> None:
        super().__init__()
        self.report = report

    def title_text(self) -> str:
        return i18n.t("penalties.finalise.title", month=self.report.month)

    def compose_fields(self) -> ComposeResult:
        report = self.report
        entries = sum(len(person.lines) for person in report.people)
        text = i18n.t("penalties.finalise.consequence", month=report.month, entries=entries,
                      total=money(report.total_fen), next=next_month(report.month))
        yield Static(Text(text, style="bold"), classes="consequence")

    def perform(self, values: dict[str, Any]) -> PayrollReport:
        session = self.session
        assert session.actor is not None
        return finalise_month(session.desk, session.actor, self.report.month)
