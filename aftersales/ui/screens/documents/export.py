"""Writing the documents stock report to a new CSV or XLSX file."""

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input

from .... import i18n
from ....domain.errors import InvalidInput
from ....services.documents.read import stock_report
from ....services.documents.stock_file import StockFormat, write_stock
from ...dialogs.form_dialog import FormDialog
from ..directory.fields import line, text_field
from ..penalties.payroll_dialogs import default_folder


class ExportStockDialog(FormDialog[Path]):
    """Where to write the stock report: a new .xlsx or .csv file."""

    save_key = "documents.key.export"

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__()
        self.folder = folder

    def title_text(self) -> str:
        return i18n.t("documents.stock_title")

    def compose_fields(self) -> ComposeResult:
        folder = self.folder or default_folder()
        yield line("path", "documents.export_path", text_field("path", str(folder / "document-stock.xlsx"),
                                                               max_length=500))

    def values(self) -> dict[str, Any]:
        text = self.query_one("#field-path", Input).value.strip()
        path = Path(text).expanduser()
        suffix = path.suffix.lower().lstrip(".")
        if not text or suffix not in ("csv", "xlsx"):
            raise InvalidInput("not a csv or xlsx name", {"path": i18n.t("penalties.export.bad_suffix")})
        return {"path": path, "format": StockFormat(suffix)}

    def perform(self, values: dict[str, Any]) -> Path:
        try:
            write_stock(stock_report(), values["path"], values["format"])
        except OSError as exc:
            raise InvalidInput(str(exc), {"path": exc.strerror or str(exc)}) from exc
        path: Path = values["path"]
        return path
