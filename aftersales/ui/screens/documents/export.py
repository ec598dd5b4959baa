"""Writing the documents stock report to a new CSV or XLSX file."""

from pathlib import Path
from typing import Any

from textual.app import ComposeResult

from .... import i18n
from ....services.documents.read import stock_report
from ....services.documents.stock_file import StockFormat, write_stock
from ...dialogs.file_field import default_folder, path_refusal, typed_path
from ...dialogs.form_dialog import FormDialog
from ..directory.fields import line, text_field


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
        path, suffix = typed_path(self, ("csv", "xlsx"), "penalties.export.bad_suffix")
        return {"path": path, "format": StockFormat(suffix)}

    def perform(self, values: dict[str, Any]) -> Path:
        try:
            write_stock(stock_report(), values["path"], values["format"], i18n.words())
        except OSError as exc:
            raise path_refusal(exc) from exc
        path: Path = values["path"]
        return path
