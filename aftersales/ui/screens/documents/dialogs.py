"""Recording a move of sales documents, and looking a number up."""

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from .... import i18n
from ....domain.documents.enums import DocumentKind, DocumentMove
from ....domain.documents.schemas import MoveView, NumberLookup
from ....services.documents.moves import move_documents
from ....services.documents.read import lookup_number
from ...dialogs.form_dialog import FormDialog
from ..directory.fields import choice_field, chosen, line, text_field


class MoveDialog(FormDialog[MoveView]):
    """Receive a batch, issue numbers to a shop, or record numbers returned, used, voided or lost."""

    save_key = "documents.dialog.save"

    def __init__(self, shop_code: str = "") -> None:
        super().__init__()
        self.shop_code = shop_code

    def title_text(self) -> str:
        return i18n.t("documents.dialog.move_title")

    def compose_fields(self) -> ComposeResult:
        yield line("kind", "documents.column.kind", choice_field("kind", DocumentKind, DocumentKind.RECEIPT.value))
        yield line("move", "documents.column.move", choice_field("move", DocumentMove, DocumentMove.ISSUE.value))
        yield line("first", "documents.column.first", text_field("first", max_length=20))
        yield line("last", "documents.column.last", text_field("last", max_length=20))
        yield line("shop_code", "documents.column.shop", text_field("shop_code", self.shop_code, max_length=20))
        yield line("note", "documents.column.note", text_field("note", max_length=200))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: chosen(self.query_one(f"#field-{name}", Select)) for name in ("kind", "move")}
        for name in ("first", "last", "shop_code", "note"):
            out[name] = self.query_one(f"#field-{name}", Input).value
        return out

    def perform(self, values: dict[str, Any]) -> MoveView:
        session = self.session
        assert session.actor is not None
        return move_documents(session.desk, session.actor, values)


class LookupDialog(FormDialog[list[NumberLookup]]):
    """Which shop had a number, and when; the answer shows in the dialog until it is closed."""

    DEFAULT_CSS = "LookupDialog #lookup-answer { height: auto; margin-top: 1; }"
    save_key = "documents.dialog.lookup_go"

    def title_text(self) -> str:
        return i18n.t("documents.dialog.lookup_title")

    def compose_fields(self) -> ComposeResult:
        yield line("number", "documents.dialog.lookup_number", text_field("number", max_length=20))
        yield Static("", id="lookup-answer")

    def values(self) -> dict[str, Any]:
        return {"number": self.query_one("#field-number", Input).value}

    def perform(self, values: dict[str, Any]) -> list[NumberLookup]:
        return lookup_number(str(values["number"]))

    def on_form_saved(self, message: Any) -> None:
        # A look-up changes nothing: keep the dialog open and show the answer under the number.
        message.stop()
        message.prevent_default()  # FormDialog's own handler would close the dialog
        self.saving = False
        self.query_one("#lookup-answer", Static).update(answer_text(message.result, self.values()["number"],
                                                                    self.session.desk.sla.zone))


def answer_text(found: list[NumberLookup], number: str, zone: Any) -> Text:
    """Where each kind's number is, and its history, one line each."""
    if not found:
        return Text(i18n.t("documents.lookup_none", number=number.strip()))
    lines = []
    for answer in found:
        if answer.shop_code:
            lines.append(i18n.t("documents.lookup.held", written=answer.written, state=i18n.label(answer.state),
                                shop=answer.shop_code, name=answer.shop_name,
                                since=f"{answer.since.astimezone(zone):%Y-%m-%d}"))
        else:
            lines.append(i18n.t("documents.lookup.state", written=answer.written, state=i18n.label(answer.state)))
        for step in answer.history:
            lines.append("  " + i18n.t("documents.lookup.line", at=f"{step.at.astimezone(zone):%Y-%m-%d}",
                                       move=i18n.label(step.move), shop=step.shop_code or "—", numbers=step.written))
    return Text("\n".join(lines))
