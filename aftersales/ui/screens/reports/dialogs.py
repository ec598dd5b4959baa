"""The reports' dialogs: narrowing the figures, exporting a table, writing (and handing over) the register."""

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, ProgressBar, Select, Static

from .... import i18n
from ....domain.enums import Category, ShopCategory
from ....domain.errors import DeskError, InvalidInput
from ....domain.permissions import Action, allowed
from ....domain.reports.figures import ReportFilters
from ....domain.reports.period import Period
from ....services.reports.tables import ReportTable
from ...dialogs.file_field import default_folder, path_refusal, typed_path
from ...dialogs.form_dialog import FormDialog
from ...widgets.choice_select import ChoiceSelect
from ...widgets.tick_box import TickBox
from ..penalties.dialogs import FORM_CSS, compact_input, field_row


class FilterDialog(FormDialog[tuple[ReportFilters, str]]):
    """Narrow every figure to one shop, one shop category or one complaint category (empty: all)."""

    DEFAULT_CSS = FORM_CSS
    save_key = "reports.filter.apply"

    def __init__(self, period: Period) -> None:
        super().__init__()
        self.period = period

    def title_text(self) -> str:
        return i18n.t("reports.filter.title", period=self.period.label)

    def compose_fields(self) -> ComposeResult:
        yield field_row("reports.filter.shop", compact_input("", "shop", 20))
        yield self.field_error("shop")
        yield field_row("reports.filter.shop_category", ChoiceSelect(
            [(i18n.label(kind), kind.value) for kind in ShopCategory], id="field-shop_category",
            prompt=i18n.t("reports.filter.any"), compact=True))
        yield field_row("reports.filter.category", ChoiceSelect(
            [(i18n.label(kind), kind.value) for kind in Category], id="field-category",
            prompt=i18n.t("reports.filter.any"), compact=True))

    def on_mount(self) -> None:
        self.query_one("#field-shop", Input).focus()

    def values(self) -> dict[str, Any]:
        def chosen(field: str) -> str | None:
            value = self.query_one(f"#field-{field}", Select).value
            return None if value is Select.NULL else str(value)

        return {"shop": self.query_one("#field-shop", Input).value.strip() or None,
                "shop_category": chosen("shop_category"), "category": chosen("category")}

    def perform(self, values: dict[str, Any]) -> tuple[ReportFilters, str]:
        from ....services.reports.summary import filters_for

        try:
            filters = filters_for(values["shop"], values["shop_category"], values["category"])
        except InvalidInput as exc:
            raise InvalidInput(str(exc), {"shop": i18n.t("reports.filter.no_shop", code=values["shop"])}) from exc
        parts = []
        if values["shop"]:
            parts.append(values["shop"])
        if filters.shop_category:
            parts.append(i18n.label(filters.shop_category))
        if filters.category:
            parts.append(i18n.label(filters.category))
        return filters, " · ".join(parts)


class ExportDialog(FormDialog[Path]):
    """Write the table shown to a new .xlsx or .csv file."""

    DEFAULT_CSS = FORM_CSS
    save_key = "reports.key.export"

    def __init__(self, table: ReportTable, period: str, folder: Path | None = None) -> None:
        super().__init__()
        self.table = table
        self.period = period
        self.folder = folder or default_folder()

    def title_text(self) -> str:
        return i18n.t("reports.export.title", table=self.table.title)

    def compose_fields(self) -> ComposeResult:
        default = str(self.folder / f"report-{self.period}-{self.table.name}.xlsx")
        yield field_row("reports.export.path", compact_input(default, "path", 500))
        yield self.field_error("path")

    def on_mount(self) -> None:
        self.query_one("#field-path", Input).focus()

    def values(self) -> dict[str, Any]:
        path, _ = typed_path(self, ("csv", "xlsx"), "reports.export.bad_suffix")
        return {"path": path}

    def perform(self, values: dict[str, Any]) -> Path:
        from ....services.reports.exports import export_table

        try:
            export_table(self.table, values["path"])
        except OSError as exc:
            raise path_refusal(exc) from exc
        except DeskError as exc:
            raise InvalidInput(str(exc), {"path": i18n.error_text(exc)}) from exc
        path: Path = values["path"]
        return path


class RegisterDialog(FormDialog[str]):
    """Write a month's register (PDF or XLSX) with a progress bar; a lead or manager may hand it over."""

    DEFAULT_CSS = FORM_CSS + """
    RegisterDialog #register-progress { margin: 1 0 0 0; }
    """
    save_key = "reports.register_dialog.write"

    def __init__(self, month: str, folder: Path | None = None) -> None:
        super().__init__()
        self.month = month
        self.folder = folder or default_folder()

    def title_text(self) -> str:
        return i18n.t("reports.register_dialog.title")

    @property
    def may_hand_over(self) -> bool:
        actor = self.session.actor
        return actor is not None and allowed(actor.role, Action.HAND_OVER_REGISTER)

    def compose_fields(self) -> ComposeResult:
        yield field_row("reports.register_dialog.month", compact_input(self.month, "month", 7, classes="narrow"))
        yield self.field_error("month")
        default = str(self.folder / f"register-{self.month}.pdf")
        yield field_row("reports.register_dialog.path", compact_input(default, "path", 500))
        yield self.field_error("path")
        if self.may_hand_over:
            yield TickBox(i18n.t("reports.register_dialog.hand_over"), id="field-hand_over", compact=True)
        yield Static(Text(i18n.t("reports.register_dialog.hint")), classes="summary")
        yield ProgressBar(id="register-progress", show_eta=False)

    def on_mount(self) -> None:
        self.query_one("#field-path", Input).focus()

    def values(self) -> dict[str, Any]:
        path, _ = typed_path(self, ("pdf", "xlsx"), "reports.register_dialog.bad_suffix")
        hand_over = self.may_hand_over and self.query_one("#field-hand_over", Checkbox).value
        return {"month": self.query_one("#field-month", Input).value.strip(), "path": path, "hand_over": hand_over}

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#register-progress", ProgressBar).update(total=total, progress=done)

    def perform(self, values: dict[str, Any]) -> str:
        from ....services.reports.handover import hand_over_register
        from ....services.reports.register import write_register

        session = self.session
        app: Any = self.app

        def progress(done: int, total: int) -> None:
            app.call_from_thread(self._progress, done, total)

        try:
            if values["hand_over"]:
                assert session.actor is not None
                # Refused before the file is written (month not ended, already handed over).
                written, _ = hand_over_register(session.desk, session.actor, values["month"], values["path"],
                                                i18n.words(), progress=progress)
            else:
                written = write_register(session.desk, values["month"], values["path"], i18n.words(),
                                         progress=progress)
        except OSError as exc:
            raise path_refusal(exc) from exc
        except DeskError as exc:
            field = "month" if "month" in exc.key or "period" in exc.key else "path"
            raise InvalidInput(str(exc), {field: i18n.error_text(exc)}) from exc
        if written.reprint_of is not None:
            day = f"{written.reprint_of.astimezone(session.desk.sla.zone):%Y-%m-%d}"
            return i18n.t("reports.register_dialog.reprinted", by=written.handed_by, day=day, path=written.path)
        text = i18n.t("reports.register_dialog.written", path=written.path, lines=written.totals.lines)
        if values["hand_over"]:
            text += " " + i18n.t("reports.register_dialog.handed_over")
        return text
